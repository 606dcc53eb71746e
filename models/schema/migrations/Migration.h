#pragma once

// The migration capability's vocabulary: what a framework's history table says was
// applied (AppliedMigration), what the repository holds at a commit (MigrationFile),
// and the state of each migration when both are put together, in the manner of
// `flyway info` (MigrationState). The Database page, the matrix and
// `devdash migrations --json` (docs/cli.md) all read these.

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace devdash::migrations {

enum class Framework {
    Unknown,
    Flyway,
    Liquibase,
    Alembic,
    Django,
    Rails,
    GolangMigrate,
    Goose,
    Dbmate,
    Knex,
    Sequelize,
    TypeOrm,
    Prisma,
    EfCore,
    Diesel,
    Sqitch,
};

// "flyway", "liquibase", "alembic", "django", "rails", "golang-migrate", "goose", "dbmate",
// "knex", "sequelize", "typeorm", "prisma", "efcore", "diesel", "sqitch"; "" for Unknown.
QString frameworkName(Framework framework);
// The inverse, case-insensitive, also accepting "migrate", "ef", "ef-core", "entity-framework".
Framework frameworkFromName(const QString &name);
QList<Framework> allFrameworks();

enum class MigrationKind {
    Versioned,
    Repeatable, // Flyway R__: re-applied whenever its checksum changes
    Baseline, // Flyway B-file or the history's baseline marker
    Undo, // Flyway U-file: not applied by `migrate`
};
QString migrationKindName(MigrationKind kind); // "versioned" | "repeatable" | "baseline" | "undo"

enum class MigrationState {
    Applied,
    Pending,
    Failed, // applied but failed (Flyway success=0, golang-migrate dirty, Prisma not finished)
    Missing, // applied, no file at the ref, older than the newest file
    ChecksumMismatch, // applied, but the file changed since (framework's own checksum)
    OutOfOrder, // applied after a migration with a higher version
    Future, // applied, no file, newer than every file
    Baseline, // the history's baseline marker
    Ignored, // a file the framework will not apply (below the current version or the baseline)
    Outdated, // a repeatable whose file changed: it will be re-applied
};
// "applied", "pending", "failed", "missing", "checksum_mismatch", "out_of_order", "future",
// "baseline", "ignored", "outdated".
QString migrationStateName(MigrationState state);
// Whether the database has (had) it: applied, failed, checksum mismatch, out of order, missing,
// future, baseline, outdated.
bool isInDatabase(MigrationState state);

// One row of a framework's history table, in the framework's own terms.
struct AppliedMigration
{
    // The key that pairs it with a file: Flyway/Rails/goose/... version, Alembic revision,
    // Django "app.name", Knex/Sequelize file name, Prisma folder name, Liquibase "id::author".
    QString key;
    QString version; // as the framework shows it (Flyway "1.20.1"); may equal key
    QString description;
    QString script; // Flyway script, Liquibase FILENAME, Knex name...
    std::optional<QDateTime> appliedAt; // UTC
    QString appliedBy;
    std::optional<qint64> durationMs;
    QString
        checksum; // the framework's own (Flyway CRC32 as a signed decimal, Prisma sha256, Liquibase MD5SUM)
    bool success = true; // false: failed (Flyway success=0), dirty (golang-migrate), unfinished (Prisma)
    std::optional<qint64>
        installedRank; // order of application (Flyway installed_rank, Liquibase ORDEREXECUTED...)
    QString type; // Flyway "SQL"/"BASELINE"/..., Liquibase EXECTYPE
    MigrationKind kind = MigrationKind::Versioned;
};

// Liquibase: what a changeset's recorded MD5SUM is compared with. Which checksum
// version applies is only known from the history row (LiquibaseChecksum::verify).
struct LiquibaseCandidates
{
    QString v9; // "9:<md5>"
    QString v8; // "8:<md5>"
    QStringList valid; // its <validCheckSum>s / --validCheckSum lines, as CheckSum.parse reads them
    bool any = false; // a validCheckSum of ANY / ALL / *: every checksum is accepted
    // runOnChange / runAlways: a changed checksum makes `update` run it again instead of
    // failing validation.
    bool rerunOnChange = false;
};

// One migration file (or plan entry) at a commit of the repository.
struct MigrationFile
{
    QString key; // pairs with AppliedMigration::key
    QString version;
    QString description;
    QString path; // relative to the repository root
    QString checksum; // computed the framework's way; empty when it has none (Liquibase: version 9's)
    MigrationKind kind = MigrationKind::Versioned;
    QStringList parents; // Alembic down_revision(s), sqitch dependencies
    int order = 0; // position in the framework's own order (Alembic chain, sqitch plan)
    std::optional<LiquibaseCandidates> liquibase; // a Liquibase changeset whose checksum is computed
};

// What a history table holds.
struct MigrationHistory
{
    Framework framework = Framework::Unknown;
    QString table; // as found ("flyway_schema_history", "sqitch.changes")
    QList<AppliedMigration> applied; // in the order the framework applied them
    // Alembic: the rows are heads only; MigrationStatus expands them through the files.
    bool headsOnly = false;
};

// What the repository holds at one ref for one framework.
struct MigrationFileSet
{
    Framework framework = Framework::Unknown;
    QString ref; // as asked ("main", "feature/x", a commit)
    QString commit; // full id
    QString directory; // where the files were found, relative to the root ("" = several)
    QList<MigrationFile> files; // in the framework's order
    QStringList notes; // what was skipped and why (duplicate folders, unparsable names)
};

// One line of `flyway info`: a migration with its state, from the file, the history, or both.
struct MigrationEntry
{
    QString key;
    QString version;
    QString description;
    QString script;
    MigrationKind kind = MigrationKind::Versioned;
    MigrationState state = MigrationState::Pending;
    std::optional<AppliedMigration> applied;
    std::optional<MigrationFile> file;
};

} // namespace devdash::migrations
