#include "MigrationHistoryReader.h"

#include "MigrationVersion.h"

#include "common/SqlIdentifier.h"
#include "schema/ReadOnlySql.h"

#include <QHash>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimeZone>

#include <algorithm>

namespace devdash::migrations {

namespace {

// How a framework's table is recognised. `columns` must all exist (case-insensitive);
// `withTable`/`withoutTable`: another table that must (not) exist next to it.
struct TableSpec
{
    Framework framework;
    const char *table;
    QStringList columns;
    const char *withTable = nullptr;
    const char *withoutTable = nullptr;
};

// Most specific first: Rails before dbmate (both have schema_migrations(version)).
const QList<TableSpec> &specs()
{
    static const QList<TableSpec> list = {
        { Framework::Flyway, "flyway_schema_history",
            { QStringLiteral("installed_rank"), QStringLiteral("version") } },
        { Framework::Flyway, "schema_version",
            { QStringLiteral("installed_rank"), QStringLiteral("success") } },
        { Framework::Liquibase, "databasechangelog", { QStringLiteral("id"), QStringLiteral("author") } },
        { Framework::Alembic, "alembic_version", { QStringLiteral("version_num") } },
        { Framework::Django, "django_migrations", { QStringLiteral("app"), QStringLiteral("name") } },
        { Framework::Rails, "schema_migrations", { QStringLiteral("version") }, "ar_internal_metadata" },
        { Framework::GolangMigrate, "schema_migrations",
            { QStringLiteral("version"), QStringLiteral("dirty") } },
        { Framework::Dbmate, "schema_migrations", { QStringLiteral("version") }, nullptr,
            "ar_internal_metadata" },
        { Framework::Goose, "goose_db_version",
            { QStringLiteral("version_id"), QStringLiteral("is_applied") } },
        { Framework::Knex, "knex_migrations", { QStringLiteral("name"), QStringLiteral("batch") } },
        { Framework::Sequelize, "sequelizemeta", { QStringLiteral("name") } },
        { Framework::TypeOrm, "migrations", { QStringLiteral("timestamp"), QStringLiteral("name") } },
        { Framework::Prisma, "_prisma_migrations",
            { QStringLiteral("migration_name"), QStringLiteral("checksum") } },
        { Framework::EfCore, "__efmigrationshistory", { QStringLiteral("migrationid") } },
        { Framework::Diesel, "__diesel_schema_migrations", { QStringLiteral("version") } },
        { Framework::Sqitch, "changes", { QStringLiteral("change_id"), QStringLiteral("project") } },
    };
    return list;
}

// One table of the database: schema and name as the catalog spells them.
struct CatalogTable
{
    QString schema;
    QString name;
    // For people: PostgreSQL's "public" goes without saying (still quoted in the SQL).
    QString display() const
    {
        return schema.isEmpty() || schema == QLatin1String("public") ? name : schema + QLatin1Char('.') + name;
    }
};

using devdash::schema::ReadOnlySql;

Result<QSqlQuery> select(QSqlDatabase db, const QString &sql, const QVariantList &values = {})
{
    return ReadOnlySql::exec(db, sql, ReadOnlySql::dialectOf(db), values);
}

QString quoted(const QSqlDatabase &db, const CatalogTable &table)
{
    return SqlIdentifier::qualified(table.schema, table.name, ReadOnlySql::dialectOf(db));
}

// The tables of the database, from the catalog, schema and name apart (QSqlDatabase::
// tables() joins them with a dot that a name may hold too). PostgreSQL: every user
// schema, "public" first; MySQL/MariaDB: the connection's
// database; SQLite and any other DBMS: the driver's list of names.
Result<QList<CatalogTable>> listTables(QSqlDatabase db)
{
    const SqlIdentifier::Dialect dialect = ReadOnlySql::dialectOf(db);
    const QSqlDriver::DbmsType dbms = db.driver() ? db.driver()->dbmsType() : QSqlDriver::UnknownDbms;
    QString sql;
    if (dialect == SqlIdentifier::Dialect::Postgres || dbms == QSqlDriver::PostgreSQL)
        sql = QStringLiteral("SELECT n.nspname, c.relname "
                             "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                             "WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema' "
                             "AND left(n.nspname, 3) <> 'pg_' "
                             "ORDER BY n.nspname <> 'public', n.nspname, c.relname");
    else if (dialect == SqlIdentifier::Dialect::MySql || dbms == QSqlDriver::MySqlServer)
        sql = QStringLiteral("SELECT '', table_name FROM information_schema.tables "
                             "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name");
    QList<CatalogTable> tables;
    if (sql.isEmpty()) {
        const QStringList names = db.tables(QSql::Tables);
        if (names.isEmpty() && db.lastError().isValid())
            return Error { QStringLiteral("listing the tables of %1 failed: %2")
                               .arg(db.databaseName(), db.lastError().text()) };
        for (const QString &name : names)
            tables.append({ QString(), name });
        return tables;
    }
    auto query = select(db, sql);
    if (!query)
        return Error {
            QStringLiteral("listing the tables of %1 failed: %2").arg(db.databaseName(), query.errorMessage())
        };
    while (query->next())
        tables.append({ query->value(0).toString(), query->value(1).toString() });
    return tables;
}

Result<QSqlRecord> columnsOf(const QSqlDatabase &db, const CatalogTable &table)
{
    auto query = select(db, QStringLiteral("SELECT * FROM %1 WHERE 1 = 0").arg(quoted(db, table)));
    if (!query)
        return Error {
            QStringLiteral("reading the columns of %1 failed: %2").arg(table.display(), query.errorMessage())
        };
    return query->record();
}

bool hasColumns(const QSqlRecord &record, const QStringList &columns)
{
    return std::all_of(
        columns.begin(), columns.end(), [&](const QString &c) { return record.indexOf(c) >= 0; });
}

// One row with case-insensitive access by column name (PostgreSQL lowercases, MySQL keeps
// case, Liquibase writes upper case).
class Row
{
public:
    Row(const QSqlRecord &record, const QTimeZone &sessionZone)
        : m_record(record)
        , m_sessionZone(sessionZone)
    {
    }
    QVariant value(const char *name) const
    {
        const int i = m_record.indexOf(QLatin1String(name));
        return i < 0 ? QVariant() : m_record.value(i);
    }
    QString text(const char *name) const
    {
        const QVariant v = value(name);
        return v.isNull() ? QString() : v.toString().trimmed();
    }
    bool isNull(const char *name) const { return value(name).isNull(); }
    std::optional<qint64> integer(const char *name) const
    {
        const QVariant v = value(name);
        bool ok = false;
        const qint64 n = v.toLongLong(&ok);
        return v.isNull() || !ok ? std::nullopt : std::optional<qint64>(n);
    }
    bool boolean(const char *name, bool fallback) const
    {
        const QVariant v = value(name);
        if (v.isNull())
            return fallback;
        const QString s = v.toString().trimmed().toLower();
        return !(s == QLatin1String("0") || s == QLatin1String("false") || s == QLatin1String("f")
            || s == QLatin1String("n") || s == QLatin1String("no"));
    }
    std::optional<QDateTime> time(const char *name) const;

private:
    QSqlRecord m_record;
    QTimeZone m_sessionZone; // what a time without a zone means
};

// The time zone of the session's clock: a history table's `timestamp without time
// zone` (Flyway's installed_on, goose's tstamp…) holds the server's now() in it.
// PostgreSQL says its zone by name; MySQL/MariaDB give DATETIME and TIMESTAMP in the
// session's zone, asked as its offset from UTC now. SQLite has no zone:
// CURRENT_TIMESTAMP is UTC.
QTimeZone sessionTimeZone(QSqlDatabase db)
{
    const QString driver = db.driverName();
    // Behind an ODBC DSN the DBMS is not in the driver's name: each engine's question is tried.
    const bool odbc = driver == QLatin1String("QODBC");
    if (driver == QLatin1String("QPSQL") || odbc) {
        if (auto q = select(db,
                QStringLiteral("SELECT current_setting('TimeZone'), EXTRACT(TIMEZONE FROM now())::int"));
            q && q->next()) {
            const QTimeZone named(q->value(0).toString().toUtf8());
            return named.isValid() ? named : QTimeZone(q->value(1).toInt());
        }
    }
    if (driver == QLatin1String("QMYSQL") || driver == QLatin1String("QMARIADB") || odbc) {
        // A named session zone ("Europe/Berlin") knows its DST changes; SYSTEM or an
        // offset ("+02:00") is taken as the offset it has now.
        if (auto q = select(db,
                QStringLiteral("SELECT @@session.time_zone, TIMESTAMPDIFF(MINUTE, UTC_TIMESTAMP(), NOW())"));
            q && q->next()) {
            const QByteArray name = q->value(0).toString().toUtf8();
            if (name.contains('/') && QTimeZone::isTimeZoneIdAvailable(name))
                return QTimeZone(name);
            return QTimeZone(q->value(1).toInt() * 60);
        }
    }
    return QTimeZone::utc();
}

std::optional<QDateTime> Row::time(const char *name) const
{
    const QVariant v = value(name);
    if (v.isNull())
        return std::nullopt;
    if (v.metaType().id() == QMetaType::QDateTime) {
        QDateTime dt = v.toDateTime();
        if (!dt.isValid())
            return std::nullopt;
        // The drivers give a time without a zone as local time (this machine's):
        // it is the server session's clock.
        if (dt.timeSpec() == Qt::LocalTime)
            dt = QDateTime(dt.date(), dt.time(), m_sessionZone);
        return dt.toUTC();
    }
    bool isNumber = false;
    const double number = v.toString().toDouble(&isNumber);
    if (isNumber) {
        // Knex on SQLite stores JavaScript Date values as milliseconds since the epoch.
        const qint64 ms = number > 1e11 ? qint64(number) : qint64(number * 1000);
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    }
    QString s = v.toString().trimmed();
    if (s.size() > 10 && s.at(10) == QLatin1Char(' '))
        s[10] = QLatin1Char('T');
    // Text without an offset is taken as UTC (SQLite CURRENT_TIMESTAMP is UTC).
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    if (dt.timeSpec() == Qt::LocalTime)
        dt = QDateTime(dt.date(), dt.time(), QTimeZone::utc());
    return dt.toUTC();
}

QString afterUnderscore(const QString &s)
{
    const qsizetype i = s.indexOf(QLatin1Char('_'));
    return i < 0 ? QString() : s.mid(i + 1);
}

std::optional<qint64> millisBetween(const std::optional<QDateTime> &from, const std::optional<QDateTime> &to)
{
    if (!from || !to)
        return std::nullopt;
    return from->msecsTo(*to);
}

// Maps one row of each framework's table; returns false to skip the row.
bool mapRow(Framework framework, const Row &r, AppliedMigration &m)
{
    switch (framework) {
    case Framework::Flyway: {
        m.version = r.text("version");
        m.description = r.text("description");
        m.script = r.text("script");
        m.type = r.text("type").toUpper();
        m.kind = m.version.isEmpty() ? MigrationKind::Repeatable : MigrationKind::Versioned;
        if (m.type == QLatin1String("BASELINE") || m.type == QLatin1String("SCHEMA")
            || m.type.endsWith(QLatin1String("_BASELINE")))
            m.kind = MigrationKind::Baseline;
        if (m.type.startsWith(QLatin1String("UNDO_")))
            m.kind = MigrationKind::Undo;
        // Repeatables pair with their file by description (Flyway's own identity for them).
        m.key = m.kind == MigrationKind::Repeatable ? QStringLiteral("R:") + m.description : m.version;
        m.appliedAt = r.time("installed_on");
        m.appliedBy = r.text("installed_by");
        m.durationMs = r.integer("execution_time");
        m.checksum = r.text("checksum");
        m.success = r.boolean("success", true);
        m.installedRank = r.integer("installed_rank");
        return m.type != QLatin1String("DELETE");
    }
    case Framework::Liquibase:
        m.version = r.text("id");
        m.key = m.version + QStringLiteral("::") + r.text("author");
        m.description = r.text("description");
        if (m.description.isEmpty())
            m.description = r.text("comments");
        m.script = r.text("filename");
        m.appliedAt = r.time("dateexecuted");
        m.appliedBy = r.text("author");
        m.installedRank = r.integer("orderexecuted");
        m.type = r.text("exectype").toUpper();
        m.checksum = r.text("md5sum");
        m.success = m.type != QLatin1String("FAILED");
        return true;
    case Framework::Alembic:
        m.key = m.version = r.text("version_num");
        return !m.key.isEmpty();
    case Framework::Django:
        m.version = r.text("name");
        m.key = r.text("app") + QLatin1Char('.') + m.version;
        m.description = afterUnderscore(m.version).replace(QLatin1Char('_'), QLatin1Char(' '));
        m.script = r.text("app") + QStringLiteral("/migrations/") + m.version + QStringLiteral(".py");
        m.appliedAt = r.time("applied");
        m.installedRank = r.integer("id");
        return true;
    case Framework::Rails:
    case Framework::Dbmate:
        m.version = r.text("version");
        m.key = MigrationVersion::normalizedKey(m.version);
        return !m.key.isEmpty();
    case Framework::GolangMigrate:
        m.version = r.text("version");
        m.key = MigrationVersion::normalizedKey(m.version);
        m.success = !r.boolean("dirty", false);
        return !m.key.isEmpty()
            && m.key != QLatin1String("-1"); // -1: nothing applied (dirty after a failed first)
    case Framework::Goose:
        m.version = r.text("version_id");
        m.key = MigrationVersion::normalizedKey(m.version);
        m.appliedAt = r.time("tstamp");
        m.installedRank = r.integer("id");
        m.success = r.boolean("is_applied", true);
        return true;
    case Framework::Knex:
        m.key = m.script = r.text("name");
        m.version = m.key.section(QLatin1Char('_'), 0, 0);
        m.description = afterUnderscore(m.key).section(QLatin1Char('.'), 0, 0);
        m.appliedAt = r.time("migration_time");
        m.installedRank = r.integer("id");
        m.type = QStringLiteral("batch %1").arg(r.text("batch"));
        return true;
    case Framework::Sequelize:
        m.key = m.script = r.text("name");
        m.version = m.key.section(QLatin1Char('-'), 0, 0);
        m.description = m.key.section(QLatin1Char('-'), 1).section(QLatin1Char('.'), 0, 0);
        return true;
    case Framework::TypeOrm:
        m.key = m.version = r.text("timestamp");
        m.description = r.text("name");
        m.installedRank = r.integer("id");
        return true;
    case Framework::Prisma: {
        m.key = m.script = r.text("migration_name");
        m.version = m.key.section(QLatin1Char('_'), 0, 0);
        m.description = afterUnderscore(m.key);
        m.checksum = r.text("checksum");
        const auto started = r.time("started_at");
        m.appliedAt = r.time("finished_at");
        m.durationMs = millisBetween(started, m.appliedAt);
        m.success = !r.isNull("finished_at");
        // A rolled-back attempt no longer counts (`prisma migrate resolve --rolled-back`).
        return r.isNull("rolled_back_at");
    }
    case Framework::EfCore:
        m.key = r.text("migrationid");
        m.version = m.key.section(QLatin1Char('_'), 0, 0);
        m.description = afterUnderscore(m.key);
        m.type = r.text("productversion");
        return true;
    case Framework::Diesel:
        m.key = m.version = r.text("version");
        m.appliedAt = r.time("run_on");
        return true;
    case Framework::Sqitch:
        m.key = m.version = r.text("change");
        m.description = r.text("note");
        m.appliedAt = r.time("committed_at");
        m.appliedBy = r.text("committer_name");
        m.checksum = r.text("script_hash");
        return true;
    case Framework::Unknown:
        break;
    }
    return false;
}

// Rows the framework itself overrides: goose keeps the latest row per version (is_applied
// false = rolled back) and a 0 marker; Flyway's undo rows cancel the version they undo.
QList<AppliedMigration> settle(Framework framework, QList<AppliedMigration> rows)
{
    std::stable_sort(rows.begin(), rows.end(), [](const AppliedMigration &a, const AppliedMigration &b) {
        return a.installedRank.value_or(0) < b.installedRank.value_or(0);
    });
    if (framework == Framework::Goose) {
        QHash<QString, qsizetype> latest;
        for (qsizetype i = 0; i < rows.size(); ++i)
            latest[rows.at(i).key] = i;
        QList<AppliedMigration> out;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const AppliedMigration &m = rows.at(i);
            if (latest.value(m.key) == i && m.success && m.key != QLatin1String("0"))
                out.append(m);
        }
        return out;
    }
    if (framework == Framework::Flyway) {
        QList<AppliedMigration> out;
        for (const AppliedMigration &m : rows) {
            if (m.kind == MigrationKind::Undo) {
                if (m.success) {
                    out.erase(std::remove_if(out.begin(), out.end(),
                                  [&](const AppliedMigration &o) { return o.key == m.key; }),
                        out.end());
                }
                continue;
            }
            // A repeatable re-applied: its latest run is what the database has.
            if (m.kind == MigrationKind::Repeatable) {
                out.erase(std::remove_if(out.begin(), out.end(),
                              [&](const AppliedMigration &o) { return o.key == m.key; }),
                    out.end());
            }
            out.append(m);
        }
        return out;
    }
    if (framework == Framework::Rails || framework == Framework::Dbmate || framework == Framework::Diesel
        || framework == Framework::TypeOrm || framework == Framework::EfCore
        || framework == Framework::Sequelize) {
        // No order of application recorded: the version order is the best there is.
        std::stable_sort(rows.begin(), rows.end(), [](const AppliedMigration &a, const AppliedMigration &b) {
            return MigrationVersion::less(a.version, b.version);
        });
    }
    return rows;
}

} // namespace

QString MigrationHistoryReader::defaultTableName(Framework framework)
{
    static const QHash<Framework, QString> cased = {
        { Framework::Liquibase, QStringLiteral("DATABASECHANGELOG") },
        { Framework::Sequelize, QStringLiteral("SequelizeMeta") },
        { Framework::EfCore, QStringLiteral("__EFMigrationsHistory") },
        { Framework::Sqitch, QStringLiteral("sqitch.changes") },
    };
    if (cased.contains(framework))
        return cased.value(framework);
    for (const TableSpec &s : specs()) {
        if (s.framework == framework)
            return QString::fromLatin1(s.table);
    }
    return {};
}

Result<QList<HistoryTable>> MigrationHistoryReader::detect(QSqlDatabase db)
{
    if (!db.isOpen())
        return Error { QStringLiteral(
            "looking for migration history tables failed: the connection %1 is not open")
                           .arg(db.connectionName()) };
    const auto tables = listTables(db);
    if (!tables)
        return tables.error();
    // Lower-cased name -> the tables of that name (one per schema).
    QHash<QString, QList<CatalogTable>> byName;
    for (const CatalogTable &t : *tables)
        byName[t.name.toLower()].append(t);

    QList<HistoryTable> found;
    QList<QPair<QString, QString>> claimed;
    for (const TableSpec &spec : specs()) {
        const QList<CatalogTable> candidates = byName.value(QString::fromLatin1(spec.table));
        for (const CatalogTable &table : candidates) {
            if (claimed.contains(qMakePair(table.schema, table.name)))
                continue;
            auto sibling = [&](const char *name) {
                const QList<CatalogTable> others = byName.value(QString::fromLatin1(name));
                return std::any_of(others.begin(), others.end(),
                    [&](const CatalogTable &o) { return o.schema.compare(table.schema, Qt::CaseInsensitive) == 0; });
            };
            if (spec.withTable && !sibling(spec.withTable))
                continue;
            if (spec.withoutTable && sibling(spec.withoutTable))
                continue;
            const auto record = columnsOf(db, table);
            if (!record)
                return record.error();
            if (!hasColumns(*record, spec.columns))
                continue;
            found.append({ spec.framework, table.display(), table.schema, table.name });
            claimed.append(qMakePair(table.schema, table.name));
        }
    }
    return found;
}

Result<MigrationHistory> MigrationHistoryReader::read(QSqlDatabase db, const HistoryTable &table)
{
    const QTimeZone zone = sessionTimeZone(db); // asked first: one query at a time per connection
    // A HistoryTable built by hand may name its table only: the name is then the whole text.
    const CatalogTable source { table.schema, table.name.isEmpty() ? table.table : table.name };
    auto selected = select(db, QStringLiteral("SELECT * FROM %1").arg(quoted(db, source)));
    if (!selected) {
        return Error { QStringLiteral(
            "reading the %1 history table %2 failed: %3 — check that the user may read it")
                           .arg(frameworkName(table.framework), table.table, selected.errorMessage()) };
    }
    QSqlQuery &q = *selected;
    MigrationHistory history;
    history.framework = table.framework;
    history.table = table.table;
    // alembic_version holds only the heads; golang-migrate only the current version.
    history.headsOnly = table.framework == Framework::Alembic || table.framework == Framework::GolangMigrate;
    QList<AppliedMigration> rows;
    while (q.next()) {
        AppliedMigration m;
        if (mapRow(table.framework, Row(q.record(), zone), m))
            rows.append(m);
    }
    history.applied = settle(table.framework, rows);
    return history;
}

Result<MigrationHistory> MigrationHistoryReader::readDetected(QSqlDatabase db, Framework preferred)
{
    const auto tables = detect(db);
    if (!tables)
        return tables.error();
    for (const HistoryTable &t : *tables) {
        if (preferred == Framework::Unknown || t.framework == preferred)
            return read(db, t);
    }
    QStringList names;
    for (Framework f : allFrameworks()) {
        if (preferred == Framework::Unknown || f == preferred)
            names.append(defaultTableName(f));
    }
    return Error { QStringLiteral(
        "no migration history table in %1 (looked for %2) — has any migration run there, and "
        "may this user see the table?")
                       .arg(db.databaseName(), names.join(QStringLiteral(", "))) };
}

} // namespace devdash::migrations
