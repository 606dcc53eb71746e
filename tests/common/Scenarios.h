#pragma once

// The repository shapes the git suites run against, built by name so that a test
// can list them in a `_data()` table. Each is small and takes well under a second.

#include "TestRepo.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace devdash::test {

struct Scenario
{
    QString name;
    QString path; // what DevDash opens
    QStringList refs; // revisions worth walking on their own (HistoryScope::ofRef)
    bool empty = false; // unborn HEAD, no commits
};

// Writes many commits in one `git fast-import` run: far faster than one git
// process per commit, and still plain git objects.
class FastImport
{
public:
    // A commit on `ref` (full name) with the given parent marks (first = first
    // parent); its files are the first parent's plus `files`. Returns its mark.
    int commit(const QString &ref, const QList<int> &parents, qint64 time, const QString &message,
        const QMap<QString, QByteArray> &files = {});
    // Points `ref` at the commit `mark` (lightweight tags, extra branches).
    void reset(const QString &ref, int mark);
    void annotatedTag(const QString &name, int mark, qint64 time, const QString &message);
    // Runs fast-import in `repo`, then checks out `branch` (non-bare repositories).
    void run(TestRepo &repo, const QString &branch = QStringLiteral("main"));

private:
    QByteArray m_stream;
    int m_mark = 0;
};

class Scenarios
{
public:
    // Every shape, for data tables. "empty" is included.
    static QStringList names();
    // Shapes with history that git can walk (all but "empty").
    static QStringList namesWithHistory();
    // Builds `name` in `repo` (not yet initialised). Check repo.ok() afterwards.
    static Scenario build(const QString &name, TestRepo &repo);

    // ~`commits` commits on a few dozen branches with merges (octopus too), shared
    // and skewed timestamps, from a fixed seed.
    static void randomDag(TestRepo &repo, quint32 seed, int commits);
    // A main line of `mainCommits` and `branches` branches forking off it at
    // different points, every third one merged back, plus a tag every 5 commits.
    static void manyRefs(TestRepo &repo, int mainCommits, int branches);
};

} // namespace devdash::test
