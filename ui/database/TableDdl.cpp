#include "TableDdl.h"

#include <QRegularExpression>

namespace devdash::ui {

namespace {

QString quoted(const QString &identifier)
{
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    if (plain.match(identifier).hasMatch())
        return identifier;
    QString escaped = identifier;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString list(const QStringList &names)
{
    QStringList out;
    for (const QString &name : names)
        out << quoted(name);
    return out.join(QStringLiteral(", "));
}

QString qualified(const QString &schema, const QString &name)
{
    return schema.isEmpty() ? quoted(name) : quoted(schema) + QLatin1Char('.') + quoted(name);
}

QString terminated(QString text)
{
    text = text.trimmed();
    if (!text.endsWith(QLatin1Char(';')))
        text += QLatin1Char(';');
    return text;
}

} // namespace

QString TableDdl::of(const schema::Table &table)
{
    QStringList parts;
    const bool hasOwnText = !table.definition.trimmed().isEmpty()
        && table.definition.trimmed().startsWith(QLatin1String("CREATE"), Qt::CaseInsensitive);
    if (table.kind != schema::TableKind::Table) {
        const QString keyword = table.kind == schema::TableKind::View ? QStringLiteral("VIEW")
                                                                      : QStringLiteral("MATERIALIZED VIEW");
        parts << (hasOwnText
                ? terminated(table.definition)
                : QStringLiteral("CREATE %1 %2 AS\n%3")
                      .arg(keyword, qualified(table.schema, table.name), terminated(table.definition)));
    } else if (hasOwnText) {
        parts << terminated(table.definition);
    } else {
        QStringList lines;
        for (const schema::Column &c : table.columns) {
            QString line = QStringLiteral("    %1 %2").arg(quoted(c.name), c.type);
            if (!c.generated.isEmpty())
                line += QStringLiteral(" GENERATED ALWAYS AS (%1) STORED").arg(c.generated);
            if (!c.nullable)
                line += QStringLiteral(" NOT NULL");
            if (c.defaultValue)
                line += QStringLiteral(" DEFAULT ") + *c.defaultValue;
            lines << line;
        }
        if (!table.primaryKey.isEmpty())
            lines << QStringLiteral("    %1PRIMARY KEY (%2)")
                         .arg(table.primaryKeyName.isEmpty()
                                 ? QString()
                                 : QStringLiteral("CONSTRAINT %1 ").arg(quoted(table.primaryKeyName)),
                             list(table.primaryKey));
        for (const schema::UniqueConstraint &u : table.uniques)
            lines << QStringLiteral("    %1UNIQUE (%2)")
                         .arg(u.name.isEmpty() ? QString()
                                               : QStringLiteral("CONSTRAINT %1 ").arg(quoted(u.name)),
                             list(u.columns));
        for (const schema::CheckConstraint &c : table.checks)
            lines << QStringLiteral("    %1CHECK (%2)")
                         .arg(c.name.isEmpty() ? QString()
                                               : QStringLiteral("CONSTRAINT %1 ").arg(quoted(c.name)),
                             c.expression);
        for (const schema::ForeignKey &fk : table.foreignKeys) {
            QString line
                = QStringLiteral("    %1FOREIGN KEY (%2) REFERENCES %3 (%4)")
                      .arg(fk.name.isEmpty() ? QString()
                                             : QStringLiteral("CONSTRAINT %1 ").arg(quoted(fk.name)),
                          list(fk.columns), qualified(fk.refSchema, fk.refTable), list(fk.refColumns));
            if (fk.onUpdate != QLatin1String("no action"))
                line += QStringLiteral(" ON UPDATE ") + fk.onUpdate.toUpper();
            if (fk.onDelete != QLatin1String("no action"))
                line += QStringLiteral(" ON DELETE ") + fk.onDelete.toUpper();
            lines << line;
        }
        parts << QStringLiteral("CREATE TABLE %1 (\n%2\n);")
                     .arg(qualified(table.schema, table.name), lines.join(QStringLiteral(",\n")));
    }
    if (!table.comment.isEmpty())
        parts << QStringLiteral("-- %1").arg(table.comment);
    for (const schema::Index &index : table.indexes) {
        if (index.primary)
            continue;
        QString text = QStringLiteral("CREATE %1INDEX %2 ON %3%4 (%5)")
                           .arg(index.unique ? QStringLiteral("UNIQUE ") : QString(), quoted(index.name),
                               qualified(table.schema, table.name),
                               index.method.isEmpty() || index.method == QLatin1String("btree")
                                   ? QString()
                                   : QStringLiteral(" USING ") + index.method,
                               index.columns.join(QStringLiteral(", ")));
        if (!index.predicate.isEmpty())
            text += QStringLiteral(" WHERE ") + index.predicate;
        parts << text + QLatin1Char(';');
    }
    for (const schema::Trigger &trigger : table.triggers)
        parts << terminated(trigger.definition);
    return parts.join(QStringLiteral("\n\n")) + QLatin1Char('\n');
}

QString TableDdl::of(const schema::Sequence &s)
{
    QString text = QStringLiteral("CREATE SEQUENCE %1 AS %2 START WITH %3 INCREMENT BY %4")
                       .arg(qualified(s.schema, s.name), s.type.isEmpty() ? QStringLiteral("bigint") : s.type)
                       .arg(s.start)
                       .arg(s.increment);
    if (!s.ownedBy.isEmpty())
        text += QStringLiteral("\n    OWNED BY ") + s.ownedBy;
    return text + QStringLiteral(";\n");
}

QString TableDdl::of(const schema::UserType &t)
{
    if (t.kind == QLatin1String("enum")) {
        QStringList labels;
        for (QString label : t.values)
            labels << QLatin1Char('\'') + label.replace(QLatin1Char('\''), QStringLiteral("''"))
                    + QLatin1Char('\'');
        return QStringLiteral("CREATE TYPE %1 AS ENUM (%2);\n")
            .arg(qualified(t.schema, t.name), labels.join(QStringLiteral(", ")));
    }
    if (t.kind == QLatin1String("composite"))
        return QStringLiteral("CREATE TYPE %1 AS (\n    %2\n);\n")
            .arg(qualified(t.schema, t.name), t.values.join(QStringLiteral(",\n    ")));
    if (t.kind == QLatin1String("domain"))
        return QStringLiteral("CREATE DOMAIN %1 AS %2;\n")
            .arg(qualified(t.schema, t.name), t.values.join(QLatin1Char(' ')));
    return QStringLiteral("-- %1 type %2: %3\n")
        .arg(t.kind, qualified(t.schema, t.name), t.values.join(QStringLiteral(", ")));
}

} // namespace devdash::ui
