#pragma once

// A SQLite file holding history tables written to each framework's documented layout,
// for the suites that have no real tool to write them (Flyway, golang-migrate, goose,
// Prisma...). One connection per object, removed with it.

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUuid>
#include <QVariantList>

namespace devdash::test {

class MigrationHistoryDb
{
public:
    MigrationHistoryDb()
        : m_name(QStringLiteral("history-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(m_dir.filePath(QStringLiteral("app.db")));
        db.open();
    }
    ~MigrationHistoryDb()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    QString path() const { return m_dir.filePath(QStringLiteral("app.db")); }
    // Runs one statement with bound values; the error text, or empty.
    QString exec(const QString &sql, const QVariantList &values = {}) const
    {
        QSqlQuery q(db());
        if (!q.prepare(sql))
            return q.lastError().text() + QStringLiteral(" in ") + sql;
        for (const QVariant &v : values)
            q.addBindValue(v);
        return q.exec() ? QString() : q.lastError().text() + QStringLiteral(" in ") + sql;
    }

private:
    QTemporaryDir m_dir;
    QString m_name;
};

} // namespace devdash::test
