#include "ReleaseDiff.h"

#include "git/HistorySession.h"
#include "git/LibGit2.h"
#include "git/Repository.h"

#ifdef DEVDASH_HAVE_MIGRATIONS
#include "schema/migrations/MigrationFileNames.h"
#endif

#include <QDir>
#include <QRegularExpression>

namespace devdash::deploy {

using namespace devdash::git;

QString ReleaseDiff::mergedBranchName(const QString &message)
{
    static const QRegularExpression patterns[] = {
        QRegularExpression(QStringLiteral(R"(^Merge pull request #\d+ from [^/\s]+/(\S+))")),
        QRegularExpression(QStringLiteral(R"(^Merge (?:remote-tracking )?branch '([^']+)')")),
        QRegularExpression(QStringLiteral(R"rx(^Merge (?:remote-tracking )?branch "([^"]+)")rx")),
        QRegularExpression(QStringLiteral(R"(^Merge (?:remote-tracking )?branch (\S+))")),
    };
    const QString first = message.section(QLatin1Char('\n'), 0, 0).trimmed();
    for (const QRegularExpression &rx : patterns) {
        const auto m = rx.match(first);
        if (m.hasMatch())
            return m.captured(1);
    }
    return {};
}

bool ReleaseDiff::isMigrationPath(const QString &path, const QString &configuredFolder)
{
    if (!configuredFolder.isEmpty()) {
        QString folder = QDir::cleanPath(configuredFolder);
        if (folder == QLatin1String("."))
            folder.clear();
        return folder.isEmpty() || path.startsWith(folder + QLatin1Char('/'));
    }
#ifdef DEVDASH_HAVE_MIGRATIONS
    // The migration capability knows each framework's file names and default folders.
    using namespace devdash::migrations;
    for (const Framework framework : allFrameworks()) {
        if (framework == Framework::Unknown)
            continue;
        if (MigrationFileNames::parse(framework, path)
            && MigrationFileNames::isConventionalFolder(
                framework, MigrationFileNames::migrationFolder(framework, path)))
            return true;
    }
#endif
    static const QRegularExpression conventional(QStringLiteral(R"((^|/)(db/migrat[^/]*|migrations)/)"));
    return conventional.match(path).hasMatch();
}

Result<ReleaseDiffResult> ReleaseDiff::compute(
    const git::Repository &repository, const DeployConfig &config, const QString &base, const QString &head)
{
    ReleaseDiffResult result;
    result.base = base;
    result.head = head;
    git_oid headOid, baseOid;
    if (git_oid_fromstr(&headOid, head.toLatin1().constData()) < 0)
        return Error { QStringLiteral("'%1' is not a full commit id.").arg(head) };
    const bool haveBase = !base.isEmpty();
    if (haveBase && git_oid_fromstr(&baseOid, base.toLatin1().constData()) < 0)
        return Error { QStringLiteral("'%1' is not a full commit id.").arg(base) };

    if (haveBase) {
        const int rc = git_graph_descendant_of(repository.raw(), &headOid, &baseOid);
        result.diverged = rc == 0 && !git_oid_equal(&headOid, &baseOid);
        if (rc < 0)
            git_error_clear();
    }

    git_revwalk *rawWalk = nullptr;
    if (git_revwalk_new(&rawWalk, repository.raw()) < 0)
        return lastError(QStringLiteral("Could not walk the history of %1").arg(repository.displayName()));
    RevwalkPtr walk(rawWalk);
    git_revwalk_sorting(rawWalk, GIT_SORT_TOPOLOGICAL);
    if (git_revwalk_push(rawWalk, &headOid) < 0)
        return lastError(QStringLiteral("Commit %1 is not in %2").arg(head, repository.displayName()));
    if (haveBase && git_revwalk_hide(rawWalk, &baseOid) < 0)
        return lastError(QStringLiteral("Commit %1 is not in %2").arg(base, repository.displayName()));
    git_oid oid;
    while (git_revwalk_next(&oid, rawWalk) == 0) {
        git_commit *raw = nullptr;
        if (git_commit_lookup(&raw, repository.raw(), &oid) < 0)
            return lastError(QStringLiteral("Could not read commit %1").arg(toHex(oid)));
        CommitPtr commit(raw);
        const CommitMeta meta = HistorySession::readMeta(raw);
        const QString message = decodeMessage(git_commit_message(raw), git_commit_message_encoding(raw));
        ReleaseCommit rc;
        rc.commit = toHex(oid);
        rc.summary = meta.summary;
        rc.author = meta.author;
        rc.authoredAt = meta.authoredAt;
        rc.issueKeys = config.issueKeys(message);
        if (git_commit_parentcount(raw) > 1)
            rc.mergedBranch = mergedBranchName(message);
        if (!rc.mergedBranch.isEmpty() && !result.mergedBranches.contains(rc.mergedBranch))
            result.mergedBranches << rc.mergedBranch;
        for (const QString &key : rc.issueKeys)
            if (!result.issueKeys.contains(key))
                result.issueKeys << key;
        result.commits.append(rc);
    }
    git_error_clear();

    // Migrations: files added from base's tree to head's tree.
    auto treeOf = [&](const git_oid &id) -> TreePtr {
        git_commit *raw = nullptr;
        if (git_commit_lookup(&raw, repository.raw(), &id) < 0)
            return TreePtr();
        CommitPtr commit(raw);
        git_tree *tree = nullptr;
        if (git_commit_tree(&tree, raw) < 0)
            return TreePtr();
        return TreePtr(tree);
    };
    TreePtr headTree = treeOf(headOid);
    TreePtr baseTree = haveBase ? treeOf(baseOid) : TreePtr();
    if (!headTree)
        return lastError(QStringLiteral("Could not read the tree of %1").arg(head));
    git_diff *rawDiff = nullptr;
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    if (git_diff_tree_to_tree(&rawDiff, repository.raw(), baseTree.get(), headTree.get(), &options) < 0)
        return lastError(QStringLiteral("Could not compare %1 with %2").arg(base.left(10), head.left(10)));
    DiffPtr diff(rawDiff);
    for (size_t i = 0; i < git_diff_num_deltas(rawDiff); ++i) {
        const git_diff_delta *delta = git_diff_get_delta(rawDiff, i);
        if (delta->status != GIT_DELTA_ADDED)
            continue;
        const QString path = QString::fromUtf8(delta->new_file.path);
        if (isMigrationPath(path, config.migrationsPath))
            result.migrations << path;
    }
    result.migrations.sort();
    return result;
}

} // namespace devdash::deploy
