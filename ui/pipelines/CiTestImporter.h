#pragma once

// The test reports CI servers keep (GitLab test_report, Jenkins testReport,
// GitHub Actions' test artifacts), brought into the test history as the runs are
// listed: of a project's first listing the newest finished runs, afterwards each
// run as it finishes — once per run and session (the store already refuses a
// second copy, the HTTP cache makes asking again cheap).

#include "ci/PipelineRun.h"
#include "common/CancelToken.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace devdash::ci {
class CiProvider;
}

namespace devdash::ui {

class CiTestImporter final : public QObject
{
    Q_OBJECT
public:
    static constexpr int FirstListingRuns = 5;

    explicit CiTestImporter(QObject *parent = nullptr);

    // Forgets the previous repository's runs and stops its imports.
    void setRepository(const QString &repositoryKey);
    // A provider's newest runs, newest first.
    void runsListed(ci::CiProvider &provider, const QList<ci::PipelineRun> &runs);

    int pending() const { return m_pending; }

Q_SIGNALS:
    // A run's tests are in the test history now (`tests` results, `failed` of them failed).
    void imported(const devdash::ci::PipelineRun &run, int tests, int failed);
    void failed(const devdash::ci::PipelineRun &run, const QString &message);

private:
    void importRun(ci::CiProvider &provider, const ci::PipelineRun &run);

    QString m_repoKey;
    CancelToken m_cancel;
    quint64 m_generation = 0;
    QSet<QString> m_listedProjects; // provider + project listed before
    QHash<QString, ci::RunStatus> m_seen; // run key → status when last listed
    QSet<QString> m_asked; // run keys whose report was asked for
    int m_pending = 0;
};

} // namespace devdash::ui
