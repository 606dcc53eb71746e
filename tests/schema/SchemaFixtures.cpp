#include "SchemaFixtures.h"

#include "schema/ReadOnlyConnection.h"

#include <QDebug>
#include <QSqlQuery>
#include <QSqlRecord>

#include "PostgresServer.h"
#include "TestData.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

#include <sqlite3.h>

namespace devdash::test {

QString SchemaFixtures::path(const QString &fileName)
{
    return testDataPath(QStringLiteral("schemas/") + fileName);
}

QString SchemaFixtures::missing(const QString &sqlFile)
{
    const QFileInfo info(sqlFile);
    if (info.isFile() && info.isReadable())
        return {};
    return QStringLiteral("missing test data file ") + sqlFile;
}

bool SchemaFixtures::execSqlite(const QString &databaseFile, const QString &sql, QString *error)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(QFile::encodeName(databaseFile).constData(), &db) != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return false;
    }
    char *message = nullptr;
    const int rc = sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK)
        *error = QString::fromUtf8(message ? message : "sqlite3_exec failed");
    sqlite3_free(message);
    sqlite3_close(db);
    return rc == SQLITE_OK;
}

bool SchemaFixtures::loadSqliteFile(const QString &databaseFile, const QString &sqlFile, QString *error)
{
    if (*error = missing(sqlFile); !error->isEmpty())
        return false;
    QFile file(sqlFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read ") + sqlFile;
        return false;
    }
    QString sql = QString::fromUtf8(file.readAll());
    sql.remove(QRegularExpression(QStringLiteral("CREATE TABLE sqlite_sequence\\s*\\([^)]*\\);"),
        QRegularExpression::CaseInsensitiveOption));
    return execSqlite(databaseFile, sql, error);
}

namespace {

bool runPsql(const PostgresServer &server, const QStringList &arguments, QString *error)
{
    QProcess psql;
    psql.setProcessChannelMode(QProcess::MergedChannels);
    psql.start(PostgresServer::binDir() + QStringLiteral("/psql"),
        QStringList { QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
            QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"), server.host(), QStringLiteral("-p"),
            QString::number(server.port()), QStringLiteral("-U"), server.user() }
            + arguments);
    if (!psql.waitForFinished(300000) || psql.exitCode() != 0) {
        *error = QStringLiteral("psql failed: ") + QString::fromLocal8Bit(psql.readAll()).right(2000);
        return false;
    }
    return true;
}

} // namespace

bool SchemaFixtures::loadPostgresFile(
    const PostgresServer &server, const QString &database, const QString &sqlFile, QString *error)
{
    if (*error = missing(sqlFile); !error->isEmpty())
        return false;
    return runPsql(server, { QStringLiteral("-d"), database, QStringLiteral("-f"), sqlFile }, error);
}

bool SchemaFixtures::execPostgres(
    const PostgresServer &server, const QString &database, const QString &sql, QString *error)
{
    return runPsql(server, { QStringLiteral("-d"), database, QStringLiteral("-c"), sql }, error);
}

QList<QVariantList> SchemaFixtures::oracle(
    schema::ReadOnlyConnection &connection, const QString &sql, const QVariantList &values)
{
    auto query = connection.run(sql, QStringLiteral("oracle"), values);
    QList<QVariantList> rows;
    if (!query) {
        qWarning() << query.errorMessage();
        return rows;
    }
    while (query->next()) {
        QVariantList row;
        for (int i = 0; i < query->record().count(); ++i)
            row << query->value(i);
        rows << row;
    }
    return rows;
}

} // namespace devdash::test
