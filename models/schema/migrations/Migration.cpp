#include "Migration.h"

namespace devdash::migrations {

namespace {

struct FrameworkName
{
    Framework framework;
    const char *name;
};

constexpr FrameworkName FrameworkNames[] = {
    { Framework::Flyway, "flyway" },
    { Framework::Liquibase, "liquibase" },
    { Framework::Alembic, "alembic" },
    { Framework::Django, "django" },
    { Framework::Rails, "rails" },
    { Framework::GolangMigrate, "golang-migrate" },
    { Framework::Goose, "goose" },
    { Framework::Dbmate, "dbmate" },
    { Framework::Knex, "knex" },
    { Framework::Sequelize, "sequelize" },
    { Framework::TypeOrm, "typeorm" },
    { Framework::Prisma, "prisma" },
    { Framework::EfCore, "efcore" },
    { Framework::Diesel, "diesel" },
    { Framework::Sqitch, "sqitch" },
};

} // namespace

QString frameworkName(Framework framework)
{
    for (const FrameworkName &f : FrameworkNames) {
        if (f.framework == framework)
            return QString::fromLatin1(f.name);
    }
    return {};
}

Framework frameworkFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    for (const FrameworkName &f : FrameworkNames) {
        if (n == QLatin1String(f.name))
            return f.framework;
    }
    if (n == QLatin1String("migrate") || n == QLatin1String("golang_migrate"))
        return Framework::GolangMigrate;
    if (n == QLatin1String("ef") || n == QLatin1String("ef-core") || n == QLatin1String("entity-framework"))
        return Framework::EfCore;
    if (n == QLatin1String("activerecord"))
        return Framework::Rails;
    return Framework::Unknown;
}

QList<Framework> allFrameworks()
{
    QList<Framework> list;
    for (const FrameworkName &f : FrameworkNames)
        list.append(f.framework);
    return list;
}

QString migrationKindName(MigrationKind kind)
{
    switch (kind) {
    case MigrationKind::Versioned:
        return QStringLiteral("versioned");
    case MigrationKind::Repeatable:
        return QStringLiteral("repeatable");
    case MigrationKind::Baseline:
        return QStringLiteral("baseline");
    case MigrationKind::Undo:
        return QStringLiteral("undo");
    }
    return {};
}

QString migrationStateName(MigrationState state)
{
    switch (state) {
    case MigrationState::Applied:
        return QStringLiteral("applied");
    case MigrationState::Pending:
        return QStringLiteral("pending");
    case MigrationState::Failed:
        return QStringLiteral("failed");
    case MigrationState::Missing:
        return QStringLiteral("missing");
    case MigrationState::ChecksumMismatch:
        return QStringLiteral("checksum_mismatch");
    case MigrationState::OutOfOrder:
        return QStringLiteral("out_of_order");
    case MigrationState::Future:
        return QStringLiteral("future");
    case MigrationState::Baseline:
        return QStringLiteral("baseline");
    case MigrationState::Ignored:
        return QStringLiteral("ignored");
    case MigrationState::Outdated:
        return QStringLiteral("outdated");
    }
    return {};
}

bool isInDatabase(MigrationState state)
{
    return state != MigrationState::Pending && state != MigrationState::Ignored;
}

} // namespace devdash::migrations
