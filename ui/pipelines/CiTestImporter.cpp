#include "CiTestImporter.h"

#include "tests/TestStoreAccess.h"

#include "ci/CiProvider.h"
#include "ci/CiTestReports.h"

#include <QPointer>

namespace devdash::ui {

using ci::PipelineRun;

CiTestImporter::CiTestImporter(QObject *parent)
    : QObject(parent)
{
}

void CiTestImporter::setRepository(const QString &repositoryKey)
{
    m_cancel.cancel();
    m_cancel = CancelToken();
    ++m_generation;
    m_repoKey = repositoryKey;
    m_listedProjects.clear();
    m_seen.clear();
    m_asked.clear();
    m_pending = 0;
}

void CiTestImporter::runsListed(ci::CiProvider &provider, const QList<PipelineRun> &runs)
{
    if (m_repoKey.isEmpty() || !provider.providesTestReports())
        return;
    const QString project = provider.name() + QLatin1Char('\x1f') + provider.project();
    const bool first = !m_listedProjects.contains(project);
    m_listedProjects.insert(project);
    int budget = FirstListingRuns;
    for (const PipelineRun &run : runs) {
        const QString key = run.key();
        const auto before = m_seen.constFind(key);
        // Newly finished: unseen (it started and ended between two polls) or active before.
        const bool finishedNow = before == m_seen.cend() || ci::isActive(*before);
        m_seen.insert(key, run.status);
        if (ci::isActive(run.status) || run.commit.size() != 40 || m_asked.contains(key))
            continue;
        if (first ? budget-- > 0 : finishedNow)
            importRun(provider, run);
    }
}

void CiTestImporter::importRun(ci::CiProvider &provider, const PipelineRun &run)
{
    auto location = TestStoreAccess::location();
    if (!location)
        return;
    m_asked.insert(run.key());
    ++m_pending;
    QPointer<CiTestImporter> guard(this);
    const quint64 generation = m_generation;
    ci::CiTestReports::fetchAndImport(provider, run, m_repoKey, *location, m_cancel,
        [guard, generation, run](Result<std::optional<testresults::ImportedRun>> result) {
            if (!guard || generation != guard->m_generation)
                return;
            --guard->m_pending;
            if (!result) {
                Q_EMIT guard->failed(run, result.errorMessage());
                return;
            }
            if (result->has_value() && (*result)->created) {
                const testresults::TestCounts &counts = (*result)->run.counts;
                Q_EMIT guard->imported(run, counts.tests, counts.failed + counts.errored);
            }
        });
}

} // namespace devdash::ui
