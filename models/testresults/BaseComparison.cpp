#include "BaseComparison.h"

#include "TestRunStore.h"

#include <QCoreApplication>

namespace devdash::testresults {

Result<BaseComparison> BaseComparison::load(const TestRunStore &store, const QString &repository,
    qint64 headRunId, qint64 baseRunId, const QString &baseBranch)
{
    auto tr = [](const char *text) { return QCoreApplication::translate("BaseComparison", text); };
    BaseComparison loaded;
    qint64 base = baseRunId;
    if (base == 0) {
        // Not merely the branch's newest run: a local run of one suite is no base for CI's.
        auto choice = store.baseRunFor(repository, headRunId, baseBranch);
        if (!choice)
            return choice.error();
        if (!*choice) {
            loaded.message
                = tr("No comparable run on %1 (same source or suites): choose a run.").arg(baseBranch);
            return loaded;
        }
        base = (*choice)->run.id;
        if ((*choice)->match == RunSources::Match::Source)
            loaded.note = tr("the newest run of the same source on %1; its suites differ").arg(baseBranch);
        else if ((*choice)->match == RunSources::Match::Suites)
            loaded.note = tr("no run of this source on %1: the newest with the same suites").arg(baseBranch);
    }
    auto baseRun = store.runSummary(base);
    if (!baseRun)
        return baseRun.error();
    auto headRun = store.runSummary(headRunId);
    if (!headRun)
        return headRun.error();
    auto comparison = store.compare(base, headRunId);
    if (!comparison)
        return comparison.error();
    loaded.base = *baseRun;
    loaded.head = *headRun;
    loaded.comparison = *comparison;
    return loaded;
}

} // namespace devdash::testresults
