#include "SchemaDiffPanes.h"

#include "common/Theme.h"

namespace devdash::ui {

using schema::ChangeKind;

namespace {

QColor changedText()
{
    return Theme::isDark() ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
}

QColor changedBackground()
{
    return Theme::isDark() ? QColor(0x3d, 0x31, 0x10) : QColor(0xff, 0xf5, 0xd6);
}

QColor textColour(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return Theme::addedText();
    case ChangeKind::Removed:
        return Theme::deletedText();
    case ChangeKind::Changed:
        return changedText();
    }
    return {};
}

QString markOf(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return QStringLiteral("+");
    case ChangeKind::Removed:
        return QStringLiteral("−");
    case ChangeKind::Changed:
        return QStringLiteral("~");
    }
    return {};
}

QString line(const QString &text, const QColor &background)
{
    const QString escaped = text.toHtmlEscaped();
    if (!background.isValid())
        return QStringLiteral("<div style='white-space:pre; padding:1px 4px'>%1</div>").arg(escaped);
    return QStringLiteral("<div style='white-space:pre; padding:1px 4px; background-color:%1'>%2</div>")
        .arg(background.name(), escaped);
}

// One side of a table as lines, the changed objects coloured.
QString tableHtml(const schema::Table &table, const QList<schema::ObjectChange> &changes, bool before)
{
    auto colourOf = [&](const QString &type, const QString &name) -> QColor {
        for (const schema::ObjectChange &c : changes) {
            if (c.objectType != type || c.name != name)
                continue;
            if (c.change == ChangeKind::Changed)
                return changedBackground();
            if (before && c.change == ChangeKind::Removed)
                return Theme::deletedBackground();
            if (!before && c.change == ChangeKind::Added)
                return Theme::addedBackground();
        }
        return {};
    };
    QString html = QStringLiteral("<div style='font-family:monospace'>");
    html += QStringLiteral("<div style='font-weight:bold; padding:2px 4px'>%1 (%2)</div>")
                .arg(table.qualifiedName().toHtmlEscaped(), schema::tableKindName(table.kind));
    for (const schema::Column &c : table.columns)
        html += line(QStringLiteral("  %1 %2").arg(c.name, schema::SchemaDiff::describe(c)),
            colourOf(QStringLiteral("column"), c.name));
    if (!table.primaryKey.isEmpty())
        html += line(QStringLiteral("  PRIMARY KEY (%1)").arg(table.primaryKey.join(QStringLiteral(", "))),
            colourOf(QStringLiteral("primary_key"), table.primaryKeyName));
    for (const schema::UniqueConstraint &u : table.uniques)
        html += line(QStringLiteral("  UNIQUE %1 (%2)").arg(u.name, u.columns.join(QStringLiteral(", "))),
            colourOf(QStringLiteral("unique"), u.name));
    for (const schema::CheckConstraint &c : table.checks)
        html += line(QStringLiteral("  CHECK %1 (%2)").arg(c.name, c.expression),
            colourOf(QStringLiteral("check"), c.name));
    for (const schema::ForeignKey &fk : table.foreignKeys)
        html += line(QStringLiteral("  ") + schema::SchemaDiff::describe(fk),
            colourOf(QStringLiteral("foreign_key"), fk.name));
    for (const schema::Index &index : table.indexes)
        html += line(QStringLiteral("  %1 %2").arg(index.name, schema::SchemaDiff::describe(index)),
            colourOf(QStringLiteral("index"), index.name));
    for (const schema::Trigger &t : table.triggers)
        html += line(QStringLiteral("  TRIGGER %1 %2 %3").arg(t.name, t.timing, t.events),
            colourOf(QStringLiteral("trigger"), t.name));
    if (table.kind != schema::TableKind::Table && !table.definition.isEmpty())
        html += line(table.definition, colourOf(QStringLiteral("definition"), table.name));
    return html + QStringLiteral("</div>");
}

} // namespace

SchemaDiffPanes::Panes SchemaDiffPanes::ofTable(const schema::TableDiff &table)
{
    const QString missing = tr("<i>No %1 here</i>").arg(table.qualifiedName().toHtmlEscaped());
    return { table.before ? tableHtml(*table.before, table.changes, true) : missing,
        table.after ? tableHtml(*table.after, table.changes, false) : missing };
}

SchemaDiffPanes::Panes SchemaDiffPanes::ofObject(const schema::ObjectChange &c, bool withFields)
{
    if (!withFields)
        return { line(c.before, c.before.isEmpty() ? QColor() : Theme::deletedBackground()),
            line(c.after, c.after.isEmpty() ? QColor() : Theme::addedBackground()) };
    QString left = QStringLiteral("<div style='font-family:monospace'>");
    QString right = left;
    const QColor leftColour
        = c.change == ChangeKind::Changed ? changedBackground() : Theme::deletedBackground();
    const QColor rightColour
        = c.change == ChangeKind::Changed ? changedBackground() : Theme::addedBackground();
    left += c.before.isEmpty() ? tr("<i>(none)</i>") : line(c.before, leftColour);
    right += c.after.isEmpty() ? tr("<i>(none)</i>") : line(c.after, rightColour);
    for (const schema::FieldChange &f : c.fields) {
        left += line(QStringLiteral("%1: %2").arg(f.field, f.before), QColor());
        right += line(QStringLiteral("%1: %2").arg(f.field, f.after), QColor());
    }
    return { left + QStringLiteral("</div>"), right + QStringLiteral("</div>") };
}

QString SchemaDiffPanes::mark(ChangeKind kind)
{
    return markOf(kind);
}

QColor SchemaDiffPanes::colour(ChangeKind kind)
{
    return textColour(kind);
}

} // namespace devdash::ui
