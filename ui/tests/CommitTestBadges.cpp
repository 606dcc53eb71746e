#include "CommitTestBadges.h"

#include "TestStoreAccess.h"

#include "common/Background.h"
#include "testresults/RunImport.h"
#include "testresults/TestRunStore.h"

namespace devdash::ui {

CommitTestBadges::CommitTestBadges(QObject *parent)
    : QObject(parent)
{
}

void CommitTestBadges::setRepository(const QString &path)
{
    m_path = path;
    ++m_generation;
    m_asked.clear();
    m_runs.clear();
    Q_EMIT changed();
}

void CommitTestBadges::request(const QStringList &commits)
{
    if (m_path.isEmpty())
        return;
    QStringList wanted;
    for (const QString &c : commits) {
        if (!c.isEmpty() && !m_asked.contains(c)) {
            m_asked.insert(c);
            wanted << c;
        }
    }
    if (wanted.isEmpty())
        return;
    const quint64 generation = m_generation;
    auto location = TestStoreAccess::location();
    if (!location)
        return; // no store configured: no badges, the Tests page says why
    runInBackground(
        this,
        [location = location.value(), path = m_path,
            wanted]() -> Result<QHash<QString, testresults::RunSummary>> {
            // The key as the CLI files runs: the repository's top folder, whatever was opened.
            auto key = testresults::RunImport::repositoryKey(path);
            if (!key)
                return key.error();
            auto db = TestStoreAccess::open(location);
            if (!db)
                return db.error();
            return testresults::TestRunStore(db.value()).latestRunsForCommits(key.value(), wanted);
        },
        [this, generation](Result<QHash<QString, testresults::RunSummary>> result) {
            if (generation != m_generation || !result || result->isEmpty())
                return;
            m_runs.insert(result.value());
            Q_EMIT changed();
        });
}

std::optional<testresults::RunSummary> CommitTestBadges::runOf(const QString &commitId) const
{
    const auto it = m_runs.constFind(commitId);
    return it == m_runs.constEnd() ? std::nullopt : std::optional(*it);
}

QString CommitTestBadges::text(const testresults::RunSummary &run)
{
    const int failing = run.counts.failed + run.counts.errored;
    return failing > 0 ? tr("%n failed", nullptr, failing) : QStringLiteral("✓ %1").arg(run.counts.passed);
}

} // namespace devdash::ui
