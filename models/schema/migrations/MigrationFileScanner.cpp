#include "MigrationFileScanner.h"

#include "LiquibaseChangelog.h"
#include "MigrationChecksum.h"
#include "MigrationFileNames.h"
#include "MigrationVersion.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <functional>

namespace devdash::migrations {

namespace {

QString parentFolder(const QString &path)
{
    const qsizetype i = path.lastIndexOf(QLatin1Char('/'));
    return i < 0 ? QString() : path.left(i);
}

QString clean(QString folder)
{
    while (folder.startsWith(QLatin1String("./")))
        folder.remove(0, 2);
    while (folder.endsWith(QLatin1Char('/')))
        folder.chop(1);
    return folder == QLatin1String(".") ? QString() : folder;
}

// Frameworks that look into subfolders of the configured one.
bool recursive(Framework f)
{
    return f == Framework::Flyway || f == Framework::Liquibase || f == Framework::Django
        || f == Framework::Prisma || f == Framework::Diesel || f == Framework::Sqitch;
}

// alembic.ini's script_location ("%(here)s/migrations" or "migrations"), relative to the root.
QString alembicVersionsFolder(const GitTreeSnapshot &snapshot)
{
    for (const QString &ini : { QStringLiteral("alembic.ini"), QStringLiteral("migrations/alembic.ini") }) {
        const auto text = snapshot.read(ini);
        if (!text)
            continue;
        static const QRegularExpression re(
            QStringLiteral("^\\s*script_location\\s*=\\s*(\\S+)"), QRegularExpression::MultilineOption);
        const auto m = re.match(QString::fromUtf8(*text));
        if (!m.hasMatch())
            continue;
        QString location = m.captured(1);
        // %(here)s is alembic.ini's folder: at the root, "%(here)s/alembic" is "alembic".
        const QString here = parentFolder(ini);
        location.replace(here.isEmpty() ? QStringLiteral("%(here)s/") : QStringLiteral("%(here)s"),
            here.isEmpty() ? QString() : here);
        location.replace(QLatin1String("%(here)s"), QStringLiteral("."));
        if (location.contains(QLatin1Char(':'))) // "package:folder" names a Python package
            location = location.section(QLatin1Char(':'), 1);
        return clean(location) + QStringLiteral("/versions");
    }
    return {};
}

bool parseAlembic(const QByteArray &bytes, MigrationFile &f)
{
    const QString text = QString::fromUtf8(bytes);
    static const QRegularExpression rev(QStringLiteral("^revision\\s*(?::[^=\\n]*)?=\\s*['\"]([^'\"]+)['\"]"),
        QRegularExpression::MultilineOption);
    static const QRegularExpression down(
        QStringLiteral("^down_revision\\s*(?::[^=\\n]*)?=\\s*(.+)$"), QRegularExpression::MultilineOption);
    static const QRegularExpression quotedText(QStringLiteral("['\"]([^'\"]+)['\"]"));
    const auto r = rev.match(text);
    if (!r.hasMatch())
        return false;
    f.key = f.version = r.captured(1);
    if (const auto d = down.match(text); d.hasMatch()) {
        for (auto it = quotedText.globalMatch(d.captured(1)); it.hasNext();)
            f.parents.append(it.next().captured(1));
    }
    // The docstring's first line is the message given to `alembic revision -m`.
    static const QRegularExpression doc(QStringLiteral("^\\s*(?:\"\"\"|''')\\s*([^\\n]*)"));
    if (const auto m = doc.match(text); m.hasMatch())
        f.description = m.captured(1).trimmed();
    return true;
}

// sqitch.plan: "name [deps] 2013-12-30T23:19:08Z Planner <email> # note"; %pragmas, @tags
// and comments are skipped. The script hash is the SHA-1 of deploy/<name>.sql.
QList<MigrationFile> parseSqitchPlan(
    const GitTreeSnapshot &snapshot, const QString &planPath, QStringList &notes)
{
    QList<MigrationFile> out;
    QSet<QString> seen;
    const auto plan = snapshot.read(planPath);
    if (!plan)
        return out;
    static const QRegularExpression line(
        QStringLiteral("^([+-]?)(\\S+)\\s*(?:\\[([^\\]]*)\\])?\\s*(\\S+)?[^#]*(?:#\\s*(.*))?$"));
    const QString root = parentFolder(planPath);
    for (QString l : QString::fromUtf8(*plan).split(QLatin1Char('\n'))) {
        l = l.trimmed();
        if (l.isEmpty() || l.startsWith(QLatin1Char('%')) || l.startsWith(QLatin1Char('@'))
            || l.startsWith(QLatin1Char('#')))
            continue;
        const auto m = line.match(l);
        if (!m.hasMatch())
            continue;
        MigrationFile f;
        f.key = f.version = m.captured(2);
        if (seen.contains(f.key)) {
            notes.append(QStringLiteral("%1 is reworked in the plan; its first entry is shown").arg(f.key));
            continue;
        }
        seen.insert(f.key);
        f.parents = m.captured(3).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        f.description = m.captured(5).trimmed();
        f.path = (root.isEmpty() ? QString() : root + QLatin1Char('/')) + QStringLiteral("deploy/") + f.key
            + QStringLiteral(".sql");
        if (const auto script = snapshot.read(f.path))
            f.checksum
                = QString::fromLatin1(QCryptographicHash::hash(*script, QCryptographicHash::Sha1).toHex());
        out.append(f);
    }
    return out;
}

// Liquibase changesets in formatted SQL ("--changeset author:id"), XML (<changeSet id author>)
// and YAML (changeSet: id:, author:), with Liquibase's own checksum where it can be computed
// exactly (LiquibaseChangelog); `notVerified` collects "id::author (why)" for the others.
QList<MigrationFile> parseLiquibase(
    const GitTreeSnapshot &snapshot, const QString &path, const QByteArray &bytes, QStringList &notVerified)
{
    const auto read = [&snapshot](const QString &file) -> std::optional<QByteArray> {
        if (!snapshot.exists(file))
            return std::nullopt;
        auto bytes = snapshot.read(file);
        return bytes ? std::optional<QByteArray>(std::move(bytes.value())) : std::nullopt;
    };
    QList<MigrationFile> out;
    for (const LiquibaseChangelog::ChangeSet &cs : LiquibaseChangelog::parse(path, bytes, read)) {
        MigrationFile f;
        f.path = path;
        f.version = cs.id;
        f.key = cs.id + QStringLiteral("::") + cs.author;
        f.liquibase = cs.checksum; // MigrationStatus picks the recorded version's
        f.checksum = cs.checksum ? cs.checksum->v9 : QString();
        if (!cs.checksum)
            notVerified.append(QStringLiteral("%1 (%2)").arg(f.key, cs.notVerified));
        out.append(f);
    }
    return out;
}

void orderByVersion(Framework framework, QList<MigrationFile> &files)
{
    std::stable_sort(files.begin(), files.end(), [framework](const MigrationFile &a, const MigrationFile &b) {
        // Flyway runs versioned migrations by version, then repeatables by description.
        if (framework == Framework::Flyway
            && (a.kind == MigrationKind::Repeatable) != (b.kind == MigrationKind::Repeatable))
            return b.kind == MigrationKind::Repeatable;
        if (framework == Framework::Knex || framework == Framework::Sequelize
            || framework == Framework::Django)
            return a.key < b.key; // they run files in name order
        const int c = MigrationVersion::compare(a.version, b.version);
        return c != 0 ? c < 0 : a.description < b.description;
    });
}

} // namespace

// Parents before children; among equals, by revision (Alembic's branches have no other order).
// Linear and iterative (Kahn's algorithm over the known revisions: a chain of thousands of
// revisions costs no stack); a cycle, which Alembic itself refuses, is an error naming it.
Result<void> MigrationFileScanner::orderAlembic(QList<MigrationFile> &files, const QString &folder)
{
    const qsizetype n = files.size();
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < n; ++i)
        index.insert(files.at(i).key, i);
    std::vector<std::vector<qsizetype>> children(static_cast<size_t>(n));
    std::vector<int> waiting(static_cast<size_t>(n), 0); // known parents not yet placed
    for (qsizetype i = 0; i < n; ++i) {
        for (const QString &parent : files.at(i).parents) {
            const auto it = index.constFind(parent);
            if (it == index.cend())
                continue; // a revision of another folder, or none: a root here
            children[size_t(*it)].push_back(i);
            ++waiting[size_t(i)];
        }
    }
    std::vector<int> depth(static_cast<size_t>(n), 0);
    std::vector<qsizetype> ready;
    for (qsizetype i = 0; i < n; ++i) {
        if (waiting[size_t(i)] == 0)
            ready.push_back(i);
    }
    qsizetype placed = 0;
    while (!ready.empty()) {
        const qsizetype at = ready.back();
        ready.pop_back();
        ++placed;
        for (qsizetype child : children[size_t(at)]) {
            depth[size_t(child)] = std::max(depth[size_t(child)], depth[size_t(at)] + 1);
            if (--waiting[size_t(child)] == 0)
                ready.push_back(child);
        }
    }
    if (placed < n) {
        // Walk up from a revision that was never placed: its unplaced parents lead into the cycle.
        qsizetype at = 0;
        while (waiting[size_t(at)] == 0)
            ++at;
        QHash<qsizetype, qsizetype> seenAt; // revision → position in the walk
        QList<qsizetype> walk;
        while (!seenAt.contains(at)) {
            seenAt.insert(at, walk.size());
            walk.append(at);
            for (const QString &parent : files.at(at).parents) {
                const auto it = index.constFind(parent);
                if (it != index.cend() && waiting[size_t(*it)] > 0) {
                    at = *it;
                    break;
                }
            }
        }
        QStringList cycle;
        for (qsizetype i = seenAt.value(at); i < walk.size(); ++i)
            cycle.prepend(files.at(walk.at(i)).key);
        cycle.append(cycle.front());
        constexpr qsizetype Shown = 12;
        const QString shown = cycle.size() > Shown ? cycle.mid(0, Shown / 2).join(QStringLiteral(" → "))
                + QStringLiteral(" → … → ") + cycle.mid(cycle.size() - Shown / 2).join(QStringLiteral(" → "))
                                                   : cycle.join(QStringLiteral(" → "));
        return Error { QStringLiteral("the Alembic revisions in %1 form a cycle (%2 revisions: %3); Alembic "
                                      "refuses it too: fix down_revision in one of them")
                           .arg(folder.isEmpty() ? QStringLiteral("the repository root") : folder)
                           .arg(cycle.size() - 1)
                           .arg(shown) };
    }
    std::vector<qsizetype> order(static_cast<size_t>(n));
    for (qsizetype i = 0; i < n; ++i)
        order[size_t(i)] = i;
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        const int da = depth[size_t(a)], db = depth[size_t(b)];
        return da != db ? da < db : files.at(a).key < files.at(b).key;
    });
    QList<MigrationFile> sorted;
    sorted.reserve(n);
    for (qsizetype i : order)
        sorted.append(std::move(files[i]));
    files = std::move(sorted);
    return {};
}

Result<MigrationFileSet> MigrationFileScanner::scan(
    const GitTreeSnapshot &snapshot, Framework framework, const QString &folder)
{
    MigrationFileSet set;
    set.framework = framework;
    set.ref = snapshot.ref();
    set.commit = snapshot.commit();
    if (framework == Framework::Unknown)
        return Error { QStringLiteral(
            "cannot read migration files at %1: the framework is not known — pass --framework or "
            "set databases[].migrations.framework in .devdash.json")
                           .arg(snapshot.ref()) };
    QString root = clean(folder);
    if (root.isEmpty() && framework == Framework::Alembic)
        root = alembicVersionsFolder(snapshot);
    const bool configured = !root.isEmpty();
    const auto entries = snapshot.files(root);
    if (!entries)
        return entries.error();

    // Candidates grouped by the folder that holds them.
    QMap<QString, QList<std::pair<GitTreeSnapshot::Entry, MigrationFile>>> byFolder;
    for (const GitTreeSnapshot::Entry &e : *entries) {
        auto parsed = MigrationFileNames::parse(framework, e.path);
        if (!parsed)
            continue;
        const QString unitFolder = MigrationFileNames::migrationFolder(framework, e.path);
        if (configured && !recursive(framework) && unitFolder != root)
            continue;
        byFolder[configured || framework == Framework::Django ? root : unitFolder].append({ e, *parsed });
    }
    if (!configured && byFolder.size() > 1) {
        // The conventional folder with the most files; the others are named in the notes.
        QString best;
        auto score = [framework](const QString &f, qsizetype n) {
            return std::pair<bool, qsizetype>(MigrationFileNames::isConventionalFolder(framework, f), n);
        };
        for (auto it = byFolder.cbegin(); it != byFolder.cend(); ++it) {
            if (best.isEmpty() || score(it.key(), it->size()) > score(best, byFolder.value(best).size()))
                best = it.key();
        }
        for (auto it = byFolder.cbegin(); it != byFolder.cend(); ++it) {
            if (it.key() != best)
                set.notes.append(
                    QStringLiteral("%1 also holds %2 %3 migration(s); pass --path to read it instead")
                        .arg(it.key().isEmpty() ? QStringLiteral("the root") : it.key())
                        .arg(it->size())
                        .arg(frameworkName(framework)));
        }
        const auto chosen = byFolder.value(best);
        byFolder.clear();
        byFolder.insert(best, chosen);
    }
    if (byFolder.isEmpty()) {
        set.directory = root;
        set.notes.append(configured
                ? QStringLiteral("no %1 migration in %2 at %3")
                      .arg(frameworkName(framework), root, snapshot.ref())
                : QStringLiteral("no %1 migration found by convention at %2 — set the path")
                      .arg(frameworkName(framework), snapshot.ref()));
        return set;
    }
    set.directory = byFolder.firstKey();

    QSet<QString> keys;
    for (const auto &[entry, parsed] : byFolder.first()) {
        MigrationFile file = parsed;
        const bool needsContent = framework == Framework::Flyway || framework == Framework::Prisma
            || framework == Framework::Alembic || framework == Framework::Liquibase
            || framework == Framework::Sqitch;
        QByteArray content;
        if (needsContent) {
            auto bytes = snapshot.read(entry);
            if (!bytes)
                return bytes.error();
            content = std::move(bytes.value());
        }
        QList<MigrationFile> produced;
        if (framework == Framework::Alembic) {
            if (!parseAlembic(content, file))
                continue; // a helper module, not a revision
            produced.append(file);
        } else if (framework == Framework::Sqitch) {
            produced = parseSqitchPlan(snapshot, entry.path, set.notes);
        } else if (framework == Framework::Liquibase) {
            QStringList notVerified;
            produced = parseLiquibase(snapshot, entry.path, content, notVerified);
            if (!notVerified.isEmpty()) {
                constexpr qsizetype Shown = 8;
                const qsizetype more = notVerified.size() - Shown;
                set.notes.append(
                    QStringLiteral("%1: Liquibase checksum not verified for %2%3 (see docs/cli.md)")
                        .arg(entry.path, notVerified.mid(0, Shown).join(QStringLiteral(", ")),
                            more > 0 ? QStringLiteral(" and %1 more").arg(more) : QString()));
            }
        } else {
            if (framework == Framework::Flyway)
                file.checksum = QString::number(MigrationChecksum::flyway(content));
            else if (framework == Framework::Prisma)
                file.checksum = MigrationChecksum::prisma(content);
            produced.append(file);
        }
        for (const MigrationFile &f : produced) {
            // Flyway's undo files share their version with the migration they undo.
            const QString identity = f.kind == MigrationKind::Undo ? QStringLiteral("U:") + f.key : f.key;
            if (keys.contains(identity)) {
                set.notes.append(QStringLiteral("%1 has the same version as another migration and is skipped")
                                     .arg(f.path));
                continue;
            }
            keys.insert(identity);
            set.files.append(f);
        }
    }
    if (framework == Framework::Alembic) {
        if (auto ordered = orderAlembic(set.files, set.directory); !ordered)
            return ordered.error();
    } else if (framework != Framework::Sqitch && framework != Framework::Liquibase) {
        orderByVersion(framework, set.files);
    }
    for (qsizetype i = 0; i < set.files.size(); ++i)
        set.files[i].order = int(i);
    return set;
}

} // namespace devdash::migrations
