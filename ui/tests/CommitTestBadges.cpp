#include "CommitTestBadges.h"

#include "TestStoreAccess.h"

#include "common/Background.h"
#include "testresults/RunImport.h"
#include "testresults/RunSources.h"
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
            wanted]() -> Result<QHash<QString, QList<testresults::RunSummary>>> {
            // The key as the CLI files runs: the repository's top folder, whatever was opened.
            auto key = testresults::RunImport::repositoryKey(path);
            if (!key)
                return key.error();
            auto db = TestStoreAccess::open(location);
            if (!db)
                return db.error();
            return testresults::TestRunStore(db.value()).runsPerSourceForCommits(key.value(), wanted);
        },
        [this, generation](Result<QHash<QString, QList<testresults::RunSummary>>> result) {
            if (generation != m_generation || !result || result->isEmpty())
                return;
            m_runs.insert(result.value());
            Q_EMIT changed();
        });
}

QList<testresults::RunSummary> CommitTestBadges::runsOf(const QString &commitId) const
{
    return m_runs.value(commitId);
}

QString CommitTestBadges::text(const testresults::RunSummary &run)
{
    return text(QList<testresults::RunSummary> { run });
}

QString CommitTestBadges::text(const QList<testresults::RunSummary> &runs)
{
    return testresults::RunSources::badgeText(runs);
}

} // namespace devdash::ui
