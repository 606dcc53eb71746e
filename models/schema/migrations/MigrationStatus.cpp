#include "MigrationStatus.h"

#include "LiquibaseChecksum.h"
#include "MigrationVersion.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace devdash::migrations {

namespace {

bool numbered(Framework f)
{
    return f != Framework::Alembic && f != Framework::Sqitch && f != Framework::Liquibase
        && f != Framework::Django && f != Framework::Knex && f != Framework::Sequelize;
}

// Frameworks whose history records the order of application, so "applied after a higher
// version" can be seen.
bool recordsOrder(Framework f)
{
    return f == Framework::Flyway || f == Framework::Goose || f == Framework::Knex || f == Framework::TypeOrm
        || f == Framework::Django;
}

bool hasChecksum(Framework f)
{
    return f == Framework::Flyway || f == Framework::Prisma || f == Framework::Sqitch;
}

bool isMarker(const AppliedMigration &a)
{
    return a.kind == MigrationKind::Baseline
        && (a.type == QLatin1String("BASELINE") || a.type == QLatin1String("SCHEMA"));
}

AppliedMigration implied(const MigrationFile &f)
{
    AppliedMigration a;
    a.key = f.key;
    a.version = f.version;
    a.description = f.description;
    return a;
}

// History tables that hold only the newest state: expand to everything it implies.
QList<AppliedMigration> expandHeads(const MigrationHistory &history, const MigrationFileSet &files)
{
    QHash<QString, const MigrationFile *> byKey;
    for (const MigrationFile &f : files.files)
        byKey.insert(f.key, &f);
    QList<AppliedMigration> out;
    QSet<QString> seen;
    if (history.framework == Framework::Alembic) {
        // Each head plus its ancestors through down_revision.
        QList<QString> stack;
        for (const AppliedMigration &head : history.applied)
            stack.append(head.key);
        while (!stack.isEmpty()) {
            const QString key = stack.takeLast();
            if (seen.contains(key))
                continue;
            seen.insert(key);
            if (const MigrationFile *f = byKey.value(key))
                stack.append(f->parents);
        }
        for (const MigrationFile &f : files.files) {
            if (seen.contains(f.key))
                out.append(implied(f));
        }
        for (const AppliedMigration &head : history.applied) {
            if (!byKey.contains(head.key))
                out.append(head);
        }
        return out;
    }
    // golang-migrate: one row, the current version; everything up to it is applied.
    for (const AppliedMigration &current : history.applied) {
        for (const MigrationFile &f : files.files) {
            if (f.key != current.key && MigrationVersion::compare(f.version, current.version) < 0)
                out.append(implied(f));
        }
        out.append(current);
    }
    return out;
}

} // namespace

QList<MigrationEntry> MigrationStatus::combine(
    const MigrationHistory &history, const MigrationFileSet &fileSet)
{
    const Framework fw = history.framework != Framework::Unknown ? history.framework : fileSet.framework;
    const QList<AppliedMigration> applied
        = history.headsOnly ? expandHeads(history, fileSet) : history.applied;

    QHash<QString, const MigrationFile *> files;
    QString maxFileVersion;
    std::optional<QString> baselineFileVersion;
    for (const MigrationFile &f : fileSet.files) {
        if (f.kind == MigrationKind::Undo)
            continue;
        files.insert(f.key, &f);
        if (f.kind != MigrationKind::Repeatable
            && (maxFileVersion.isEmpty() || MigrationVersion::less(maxFileVersion, f.version)))
            maxFileVersion = f.version;
        if (f.kind == MigrationKind::Baseline
            && (!baselineFileVersion || MigrationVersion::less(*baselineFileVersion, f.version)))
            baselineFileVersion = f.version;
    }

    QSet<QString> djangoApps; // the apps whose migrations the repository holds
    if (fw == Framework::Django) {
        for (const MigrationFile &f : fileSet.files)
            djangoApps.insert(f.key.section(QLatin1Char('.'), 0, 0));
    }

    QList<MigrationEntry> entries;
    QSet<QString> appliedKeys;
    QString maxAppliedVersion;
    std::optional<QString> baselineVersion;
    QHash<QString, QString> highestSoFar; // per Django app; "" for the others
    bool anyApplied = false;
    for (const AppliedMigration &a : applied) {
        MigrationEntry e;
        e.key = a.key;
        e.version = a.version;
        e.description = a.description;
        e.script = a.script;
        e.kind = a.kind;
        e.applied = a;
        appliedKeys.insert(a.key);
        std::optional<LiquibaseChecksum::Verdict> liquibase;
        if (const MigrationFile *f = files.value(a.key)) {
            e.file = *f;
            if (fw == Framework::Liquibase) {
                // The file has a checksum of every version: compare with the recorded
                // one's, as `liquibase validate` does, and show that one.
                liquibase = f->liquibase ? LiquibaseChecksum::verify(a.checksum, *f->liquibase)
                                         : LiquibaseChecksum::Verdict {};
                e.file->checksum = liquibase->fileChecksum;
            }
            if (!f->version.isEmpty())
                e.version = f->version; // one spelling per list ("000003", not "3" from the table)
            if (e.description.isEmpty())
                e.description = f->description;
            if (e.script.isEmpty())
                e.script = f->path.mid(f->path.lastIndexOf(QLatin1Char('/')) + 1);
        }
        const QString group = fw == Framework::Django ? a.key.section(QLatin1Char('.'), 0, 0) : QString();
        if (isMarker(a)) {
            e.state = MigrationState::Baseline;
            if (!a.version.isEmpty()
                && (!baselineVersion || MigrationVersion::less(*baselineVersion, a.version)))
                baselineVersion = a.version;
        } else if (!a.success) {
            e.state = MigrationState::Failed;
        } else if (e.file) {
            bool changed = hasChecksum(fw) && !a.checksum.isEmpty() && !e.file->checksum.isEmpty()
                && a.checksum != e.file->checksum;
            bool rerun = a.kind == MigrationKind::Repeatable;
            if (liquibase) {
                changed = !liquibase->valid;
                rerun = liquibase->rerun;
            }
            if (changed)
                e.state = rerun ? MigrationState::Outdated : MigrationState::ChecksumMismatch;
            else if (recordsOrder(fw) && a.kind == MigrationKind::Versioned && highestSoFar.contains(group)
                && MigrationVersion::less(a.version, highestSoFar.value(group)))
                e.state = MigrationState::OutOfOrder;
            else
                e.state = MigrationState::Applied;
        } else if (fileSet.commit.isEmpty() || (fw == Framework::Django && !djangoApps.contains(group))) {
            // No repository read, or a Django app installed as a package (auth, admin...):
            // its files are not in the repository, so there is nothing to compare with.
            e.state = MigrationState::Applied;
        } else if (a.kind != MigrationKind::Repeatable && numbered(fw) && !maxFileVersion.isEmpty()
            && MigrationVersion::less(maxFileVersion, a.version)) {
            e.state = MigrationState::Future;
        } else {
            e.state = MigrationState::Missing;
        }
        if (a.kind != MigrationKind::Repeatable && !a.version.isEmpty()) {
            if (!highestSoFar.contains(group) || MigrationVersion::less(highestSoFar.value(group), a.version))
                highestSoFar.insert(group, a.version);
            if (a.success
                && (maxAppliedVersion.isEmpty() || MigrationVersion::less(maxAppliedVersion, a.version)))
                maxAppliedVersion = a.version;
        }
        anyApplied = anyApplied || !isMarker(a);
        entries.append(e);
    }

    for (const MigrationFile &f : fileSet.files) {
        if (f.kind == MigrationKind::Undo || appliedKeys.contains(f.key))
            continue;
        MigrationEntry e;
        e.key = f.key;
        e.version = f.version;
        e.description = f.description;
        e.script = f.path.mid(f.path.lastIndexOf(QLatin1Char('/')) + 1);
        e.kind = f.kind;
        e.file = f;
        e.state = MigrationState::Pending;
        if (fw == Framework::Flyway && f.kind != MigrationKind::Repeatable) {
            // Flyway skips: a baseline migration once the database is not empty, versions at or
            // below a baseline, versions below the current one (outOfOrder off), and on an
            // empty database the versions a baseline migration covers.
            if (f.kind == MigrationKind::Baseline && anyApplied)
                e.state = MigrationState::Ignored;
            else if (baselineVersion && !MigrationVersion::less(*baselineVersion, f.version))
                e.state = MigrationState::Ignored;
            else if (!maxAppliedVersion.isEmpty() && MigrationVersion::less(f.version, maxAppliedVersion))
                e.state = MigrationState::Ignored;
            else if (!anyApplied && baselineFileVersion && f.kind == MigrationKind::Versioned
                && !MigrationVersion::less(*baselineFileVersion, f.version))
                e.state = MigrationState::Ignored;
        }
        entries.append(e);
    }

    if (numbered(fw)) {
        std::stable_sort(
            entries.begin(), entries.end(), [](const MigrationEntry &a, const MigrationEntry &b) {
                const bool ra = a.kind == MigrationKind::Repeatable, rb = b.kind == MigrationKind::Repeatable;
                if (ra != rb)
                    return rb;
                if (ra)
                    return false;
                return MigrationVersion::less(a.version, b.version);
            });
    } else if (fw == Framework::Django || fw == Framework::Knex || fw == Framework::Sequelize) {
        std::stable_sort(entries.begin(), entries.end(),
            [](const MigrationEntry &a, const MigrationEntry &b) { return a.key < b.key; });
    } else {
        // The files' own order; what only the database knows keeps its place at the end.
        std::stable_sort(
            entries.begin(), entries.end(), [](const MigrationEntry &a, const MigrationEntry &b) {
                const int oa = a.file ? a.file->order : INT_MAX, ob = b.file ? b.file->order : INT_MAX;
                return oa < ob;
            });
    }
    return entries;
}

MigrationStatus::Counts MigrationStatus::count(const QList<MigrationEntry> &entries)
{
    Counts c;
    for (const MigrationEntry &e : entries) {
        switch (e.state) {
        case MigrationState::Applied:
        case MigrationState::Baseline:
            ++c.applied;
            break;
        case MigrationState::Pending:
            ++c.pending;
            break;
        case MigrationState::Ignored:
            break;
        default:
            ++c.problems;
        }
    }
    return c;
}

} // namespace devdash::migrations
