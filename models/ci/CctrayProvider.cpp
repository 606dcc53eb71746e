#include "CctrayProvider.h"

#include "ci/CctrayFeed.h"
#include "ci/HttpClient.h"
#include "ci/HttpResponse.h"

#include <QSet>

namespace devdash::ci {

CctrayProvider::CctrayProvider(HttpClient *http, CctraySettings settings, QObject *parent)
    : CiProvider(parent)
    , m_http(http)
    , m_settings(std::move(settings))
{
}

HttpRequest CctrayProvider::request() const
{
    HttpRequest request;
    request.url = QUrl(m_settings.feedUrl);
    request.service = QStringLiteral("the cctray feed");
    request.credentialHint = QStringLiteral(
        "DEVDASH_CCTRAY_USER and DEVDASH_CCTRAY_PASSWORD, or the cctray password in the keychain");
    request.timeoutMs = m_settings.timeoutMs;
    request.caBundle = m_settings.caBundle;
    request.setHeader("Accept", "application/xml, text/xml");
    if (!m_settings.user.isEmpty() || !m_settings.password.isEmpty())
        request.setSecretHeader("Authorization",
            "Basic " + (m_settings.user + QLatin1Char(':') + m_settings.password).toUtf8().toBase64());
    request.credentialOrigin = QUrl(m_settings.feedUrl);
    return request;
}

void CctrayProvider::listRuns(
    const RunQuery &query, const CancelToken &cancel, CiCallback<QList<PipelineRun>> done)
{
    if (!m_http) {
        done(Error { QStringLiteral("cctray: no HTTP client (DevDash is shutting down).") });
        return;
    }
    const QString feedUrl = m_settings.feedUrl;
    const QString only = m_settings.projectName;
    m_http->get(request(), cancel, [done, query, feedUrl, only](Result<HttpResponse> response) {
        if (!response) {
            done(response.error());
            return;
        }
        auto projects = CctrayFeed::parse(response->body, feedUrl);
        if (!projects) {
            done(Error { projects.error().message, HttpMalformed });
            return;
        }
        QList<PipelineRun> runs;
        for (const CctrayProject &project : *projects) {
            if (!only.isEmpty() && project.name != only)
                continue;
            PipelineRun run = CctrayFeed::toRun(project, feedUrl);
            if (!query.branch.isEmpty() && run.name != query.branch)
                continue;
            if (!query.commit.isEmpty() && run.commit.compare(query.commit, Qt::CaseInsensitive) != 0)
                continue;
            runs.append(run);
            if (query.limit > 0 && runs.size() >= query.limit)
                break;
        }
        done(runs);
    });
}

void CctrayProvider::fetchRun(const QString &runId, const CancelToken &cancel, CiCallback<PipelineRun> done)
{
    listRuns(
        RunQuery {}, cancel, [done, runId, feedUrl = m_settings.feedUrl](Result<QList<PipelineRun>> runs) {
            if (!runs) {
                done(runs.error());
                return;
            }
            for (PipelineRun run : *runs) {
                if (run.id != runId)
                    continue;
                PipelineJob job;
                job.id = run.id;
                job.name = run.name;
                job.status = run.status;
                job.startedAt = run.startedAt;
                job.finishedAt = run.finishedAt;
                job.url = run.url;
                run.stages = { PipelineStage { run.name, run.status, { job } } };
                done(run);
                return;
            }
            done(Error { QStringLiteral("The cctray feed %1 has no project named \"%2\" (any more).")
                             .arg(feedUrl, runId),
                404 });
        });
}

void CctrayProvider::fetchJobLog(
    const PipelineRun &run, const QString &jobId, const CancelToken &cancel, CiCallback<QString> done)
{
    Q_UNUSED(jobId);
    Q_UNUSED(cancel);
    done(
        Error { QStringLiteral("A cctray feed carries no logs: open %1 in the browser to read the log of %2.")
                    .arg(run.url.isEmpty() ? m_settings.feedUrl : run.url, run.name) });
}

void CctrayProvider::commitStatuses(
    const QStringList &commits, const CancelToken &cancel, CiCallback<QHash<QString, CommitStatus>> done)
{
    QSet<QString> wanted;
    for (const QString &commit : commits)
        wanted.insert(commit.toLower());
    listRuns(RunQuery {}, cancel, [done, wanted](Result<QList<PipelineRun>> runs) {
        if (!runs) {
            done(runs.error());
            return;
        }
        QHash<QString, CommitStatus> statuses;
        for (const PipelineRun &run : *runs) {
            if (run.commit.isEmpty() || !wanted.contains(run.commit))
                continue;
            auto it = statuses.find(run.commit);
            if (it == statuses.end()) {
                statuses.insert(run.commit, CommitStatus { run.commit, run.status, 1, run.url });
                continue;
            }
            ++it->checks;
            if (run.status == RunStatus::Failed)
                it->status = RunStatus::Failed;
        }
        done(statuses);
    });
}

} // namespace devdash::ci
