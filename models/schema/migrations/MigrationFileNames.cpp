#include "MigrationFileNames.h"

#include "MigrationVersion.h"

#include <QRegularExpression>

namespace devdash::migrations {

namespace {

QString fileName(const QString &path)
{
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

QString parentFolder(const QString &path)
{
    const qsizetype i = path.lastIndexOf(QLatin1Char('/'));
    return i < 0 ? QString() : path.left(i);
}

QString words(QString s)
{
    return s.replace(QLatin1Char('_'), QLatin1Char(' '));
}

std::optional<MigrationFile> numbered(
    const QString &path, const QRegularExpression &re, bool normalize = true)
{
    const auto m = re.match(fileName(path));
    if (!m.hasMatch())
        return std::nullopt;
    MigrationFile f;
    f.path = path;
    f.version = m.captured(1);
    f.key = normalize ? MigrationVersion::normalizedKey(f.version) : f.version;
    f.description = words(m.captured(2));
    return f;
}

std::optional<MigrationFile> flyway(const QString &path)
{
    static const QRegularExpression versioned(QStringLiteral("^([VUB])(.+?)__(.*)\\.sql$"));
    static const QRegularExpression repeatable(QStringLiteral("^R__(.+)\\.sql$"));
    const QString name = fileName(path);
    MigrationFile f;
    f.path = path;
    if (const auto m = repeatable.match(name); m.hasMatch()) {
        f.kind = MigrationKind::Repeatable;
        f.description = words(m.captured(1));
        f.key = QStringLiteral("R:") + f.description;
        return f;
    }
    const auto m = versioned.match(name);
    if (!m.hasMatch())
        return std::nullopt;
    const QChar prefix = m.captured(1).at(0);
    f.kind = prefix == QLatin1Char('U') ? MigrationKind::Undo
        : prefix == QLatin1Char('B')    ? MigrationKind::Baseline
                                        : MigrationKind::Versioned;
    f.version = m.captured(2).replace(QLatin1Char('_'), QLatin1Char('.'));
    f.key = f.version;
    f.description = words(m.captured(3));
    return f;
}

} // namespace

std::optional<MigrationFile> MigrationFileNames::parse(Framework framework, const QString &path)
{
    const QString name = fileName(path);
    switch (framework) {
    case Framework::Flyway:
        return flyway(path);
    case Framework::Rails: {
        static const QRegularExpression re(QStringLiteral("^(\\d+)_(\\w+)\\.rb$"));
        return numbered(path, re);
    }
    case Framework::GolangMigrate: {
        static const QRegularExpression re(QStringLiteral("^(\\d+)_(.+)\\.up\\.[a-z]+$"));
        return numbered(path, re);
    }
    case Framework::Goose: {
        static const QRegularExpression re(QStringLiteral("^(\\d+)_(.+)\\.(sql|go)$"));
        if (name.contains(QLatin1String(".up.")) || name.contains(QLatin1String(".down."))
            || name.endsWith(QLatin1String("_test.go")))
            return std::nullopt;
        return numbered(path, re);
    }
    case Framework::Dbmate: {
        static const QRegularExpression re(QStringLiteral("^(\\d+)_(.+)\\.sql$"));
        return numbered(path, re);
    }
    case Framework::Knex:
    case Framework::Sequelize: {
        // Both record the file name itself; Sequelize names start "<ts>-", Knex "<ts>_".
        static const QRegularExpression re(QStringLiteral("^(\\d+)[_-](.+)\\.(js|ts|cjs|mjs)$"));
        const auto m = re.match(name);
        if (!m.hasMatch() || name.endsWith(QLatin1String(".d.ts")))
            return std::nullopt;
        MigrationFile f;
        f.path = path;
        f.key = name;
        f.version = m.captured(1);
        f.description = words(m.captured(2)).replace(QLatin1Char('-'), QLatin1Char(' '));
        return f;
    }
    case Framework::TypeOrm: {
        static const QRegularExpression re(QStringLiteral("^(\\d{10,})-(.+)\\.(ts|js)$"));
        auto f = numbered(path, re, false);
        if (f)
            f->description
                = fileName(path).section(QLatin1Char('-'), 1).section(QLatin1Char('.'), 0, 0) + f->version;
        return f;
    }
    case Framework::Prisma: {
        if (name != QLatin1String("migration.sql"))
            return std::nullopt;
        const QString folder = fileName(parentFolder(path));
        if (folder.isEmpty())
            return std::nullopt;
        MigrationFile f;
        f.path = path;
        f.key = folder;
        f.version = folder.section(QLatin1Char('_'), 0, 0);
        f.description = words(folder.section(QLatin1Char('_'), 1));
        return f;
    }
    case Framework::EfCore: {
        static const QRegularExpression re(QStringLiteral("^(\\d{14})_(\\w+)\\.cs$"));
        auto f = numbered(path, re, false);
        if (f)
            f->key = name.chopped(3);
        return f;
    }
    case Framework::Diesel: {
        static const QRegularExpression re(QStringLiteral("^([\\d-]+)_(.+)$"));
        if (name != QLatin1String("up.sql"))
            return std::nullopt;
        const auto m = re.match(fileName(parentFolder(path)));
        if (!m.hasMatch())
            return std::nullopt;
        MigrationFile f;
        f.path = path;
        f.version = m.captured(1).remove(QLatin1Char('-'));
        f.key = f.version;
        f.description = words(m.captured(2));
        return f;
    }
    case Framework::Django: {
        static const QRegularExpression re(QStringLiteral("^(\\d{4}_\\w+)\\.py$"));
        const auto m = re.match(name);
        const QString folder = parentFolder(path);
        if (!m.hasMatch() || fileName(folder) != QLatin1String("migrations"))
            return std::nullopt;
        const QString app = fileName(parentFolder(folder));
        MigrationFile f;
        f.path = path;
        f.version = m.captured(1);
        f.key = app + QLatin1Char('.') + f.version;
        f.description = words(f.version.mid(5));
        return f;
    }
    case Framework::Alembic:
        if (!name.endsWith(QLatin1String(".py")) || name.startsWith(QLatin1String("__")))
            return std::nullopt;
        return MigrationFile { {}, {}, {}, path, {}, MigrationKind::Versioned, {}, 0 };
    case Framework::Sqitch:
        if (name != QLatin1String("sqitch.plan"))
            return std::nullopt;
        return MigrationFile { {}, {}, {}, path, {}, MigrationKind::Versioned, {}, 0 };
    case Framework::Liquibase:
        if (!(name.endsWith(QLatin1String(".xml")) || name.endsWith(QLatin1String(".sql"))
                || name.endsWith(QLatin1String(".yaml")) || name.endsWith(QLatin1String(".yml"))))
            return std::nullopt;
        return MigrationFile { {}, {}, {}, path, {}, MigrationKind::Versioned, {}, 0 };
    case Framework::Unknown:
        break;
    }
    return std::nullopt;
}

QString MigrationFileNames::migrationFolder(Framework framework, const QString &path)
{
    const QString folder = parentFolder(path);
    if (framework == Framework::Prisma || framework == Framework::Diesel)
        return parentFolder(folder);
    return folder;
}

bool MigrationFileNames::isConventionalFolder(Framework framework, const QString &folder)
{
    const QString f = QLatin1Char('/') + folder.toLower();
    switch (framework) {
    case Framework::Flyway:
        return f.contains(QLatin1String("/db/migration"));
    case Framework::Liquibase:
        return f.contains(QLatin1String("changelog"));
    case Framework::Alembic:
        return f.endsWith(QLatin1String("/versions"));
    case Framework::Rails:
        return f.endsWith(QLatin1String("/db/migrate"));
    case Framework::Dbmate:
        return f.endsWith(QLatin1String("/db/migrations"));
    case Framework::Prisma:
        return f.endsWith(QLatin1String("/prisma/migrations"));
    case Framework::EfCore:
        return f.endsWith(QLatin1String("/migrations"));
    default:
        return f.endsWith(QLatin1String("/migrations"));
    }
}

} // namespace devdash::migrations
