#pragma once

// Any cctray feed — Jenkins /cc.xml, GoCD /go/cctray.xml, Concourse, CircleCI,
// TeamCity, Buildkite — as a provider: each <Project> of the feed is a pipeline
// whose latest build is one run (CctrayFeed). Basic auth with
// DEVDASH_CCTRAY_USER + DEVDASH_CCTRAY_PASSWORD when the feed needs it. Feeds
// carry no stages, logs nor test reports; runs link to the server's page.

#include "ci/CiProvider.h"
#include "ci/HttpRequest.h"

#include <QPointer>

namespace devdash::ci {

class HttpClient;

struct CctraySettings
{
    QString feedUrl; // the feed itself: "https://ci.example.com/cc.xml"
    QString user; // DEVDASH_CCTRAY_USER; empty: anonymous
    QString password; // DEVDASH_CCTRAY_PASSWORD
    QString caBundle;
    int timeoutMs = 30000;
    QString projectName; // `project` of the source: only the feed's project of that name; empty: all
};

class CctrayProvider : public CiProvider
{
    Q_OBJECT

public:
    CctrayProvider(HttpClient *http, CctraySettings settings, QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("cctray"); }
    QString project() const override { return m_settings.feedUrl; }

    // One run per project of the feed (or the one named in the settings), in the
    // feed's order; query.branch matches the project's name (feeds have no
    // branches), query.commit a commit in its label.
    void listRuns(
        const RunQuery &query, const CancelToken &cancel, CiCallback<QList<PipelineRun>> done) override;
    // runId is the project's name; its one stage is the build.
    void fetchRun(const QString &runId, const CancelToken &cancel, CiCallback<PipelineRun> done) override;
    // A feed has no logs: an error that says where to look.
    void fetchJobLog(const PipelineRun &run, const QString &jobId, const CancelToken &cancel,
        CiCallback<QString> done) override;
    void commitStatuses(const QStringList &commits, const CancelToken &cancel,
        CiCallback<QHash<QString, CommitStatus>> done) override;

private:
    HttpRequest request() const;

    QPointer<HttpClient> m_http;
    CctraySettings m_settings;
};

} // namespace devdash::ci
