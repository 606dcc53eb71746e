#include "ci/GitHubArtifacts.h"

#include "common/InputLimits.h"

#include "ci/ArtifactCache.h"
#include "ci/ArtifactReports.h"
#include "ci/HttpClient.h"
#include "common/Background.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace devdash::ci {

using testresults::TestReport;

namespace {

using ReportCallback = CiCallback<std::optional<TestReport>>;

// One run's walk: listing → cache lookups (worker) → downloads (one at a time) →
// reading (worker).
struct ArtifactFetch
{
    QPointer<QObject> context;
    QPointer<HttpClient> http;
    GitHubArtifacts::RequestFactory request;
    CiSource source;
    PipelineRun run;
    CancelToken cancel;
    ReportCallback done;
    ZipLimits limits;
    QString cacheDirectory;
    QString runName; // "GitHub run 42 of owner/repo"
    QList<GitHubArtifact> chosen;
    QList<std::optional<QByteArray>> zips; // per chosen artifact: cached or downloaded
    QList<bool> fresh; // downloaded now: to be cached once read
    QStringList warnings;
    qsizetype next = 0;
};

// Signed blob-storage URLs (…?sig=…&se=…) never go into a message.
QString withoutQueries(QString text)
{
    static const QRegularExpression query(QStringLiteral(R"((https?://[^\s?"'<>]+)\?[^\s"'<>)]*)"));
    return text.replace(query, QStringLiteral("\\1?…"));
}

void readAll(const std::shared_ptr<ArtifactFetch> &fetch)
{
    if (!fetch->context)
        return;
    runInBackground(
        fetch->context.data(),
        [fetch]() -> Result<std::optional<TestReport>> {
            QList<ArtifactZip> artifacts;
            for (qsizetype i = 0; i < fetch->chosen.size(); ++i)
                if (fetch->zips.at(i))
                    artifacts.append({ fetch->chosen.at(i).name, *fetch->zips.at(i) });
            if (artifacts.isEmpty()) // every one expired between the listing and its download
                return Error { QStringLiteral("%1: %2; nothing was imported.")
                                   .arg(fetch->runName, fetch->warnings.join(QStringLiteral("; "))),
                    410 };
            auto report = ArtifactReports::read(artifacts, fetch->runName, fetch->limits, fetch->cancel);
            if (!report)
                return report.error();
            // Read without fault: worth keeping (a corrupt one would only fail again).
            ArtifactCache cache(fetch->cacheDirectory);
            for (qsizetype i = 0; i < fetch->chosen.size(); ++i)
                if (fetch->fresh.at(i) && fetch->zips.at(i))
                    cache.store(ArtifactCache::key(QStringLiteral("github"), fetch->source.apiUrl,
                                    fetch->source.project, fetch->chosen.at(i).id),
                        *fetch->zips.at(i));
            if (report->has_value())
                (*report)->warnings.append(fetch->warnings);
            return report;
        },
        fetch->done);
}

void downloadNext(const std::shared_ptr<ArtifactFetch> &fetch)
{
    if (!fetch->context) // the provider (and its request factory) is gone: dropped
        return;
    while (fetch->next < fetch->chosen.size() && fetch->zips.at(fetch->next))
        ++fetch->next;
    if (fetch->next >= fetch->chosen.size())
        return readAll(fetch);
    if (!fetch->http)
        return fetch->done(Error { QStringLiteral("the HTTP client is gone"), HttpCanceled });
    const qsizetype index = fetch->next++;
    const GitHubArtifact artifact = fetch->chosen.at(index);
    // Built from the id (as GitHub documents it), not taken from the listing: the
    // token only ever goes to the configured API.
    HttpRequest r = fetch->request(QStringLiteral("/actions/artifacts/%1/zip").arg(artifact.id), {});
    r.useCache = false; // kept by ArtifactCache instead: the blob URL changes on every request
    r.timeoutMs = std::max(fetch->source.timeoutMs, 5 * 60 * 1000);
    // The zip may be as large as what will be read from it (compressed is smaller).
    r.maxBodyBytes = std::max(r.maxBodyBytes, fetch->limits.maxTotalBytes);
    fetch->http->get(r, fetch->cancel, [fetch, index, artifact](Result<HttpResponse> response) {
        if (!response) {
            if (response.error().code == HttpCanceled)
                return fetch->done(response.error());
            if (response.error().code == 410) { // expired since the listing
                fetch->warnings << QStringLiteral("the artifact \"%1\" has expired").arg(artifact.name);
                return downloadNext(fetch);
            }
            return fetch->done(
                Error { QStringLiteral("Downloading the artifact \"%1\" (id %2) of %3 failed: %4")
                            .arg(artifact.name)
                            .arg(artifact.id)
                            .arg(fetch->runName, withoutQueries(response.errorMessage())),
                    response.error().code });
        }
        if (!ArtifactCache::matchesDigest(response->body, artifact.digest))
            return fetch->done(Error {
                QStringLiteral("The artifact \"%1\" (id %2) of %3 downloaded does not match its digest %4; "
                               "nothing was imported. Try again later.")
                    .arg(artifact.name)
                    .arg(artifact.id)
                    .arg(fetch->runName, artifact.digest),
                HttpMalformed });
        fetch->zips[index] = std::move(response->body);
        fetch->fresh[index] = true;
        downloadNext(fetch);
    });
}

void lookUpCache(const std::shared_ptr<ArtifactFetch> &fetch)
{
    if (!fetch->context)
        return;
    runInBackground(
        fetch->context.data(),
        [fetch]() {
            ArtifactCache cache(fetch->cacheDirectory);
            QList<std::optional<QByteArray>> zips;
            for (const GitHubArtifact &artifact : std::as_const(fetch->chosen))
                zips.append(cache.find(ArtifactCache::key(QStringLiteral("github"), fetch->source.apiUrl,
                                           fetch->source.project, artifact.id),
                    artifact.digest));
            return zips;
        },
        [fetch](QList<std::optional<QByteArray>> zips) {
            fetch->zips = std::move(zips);
            fetch->fresh = QList<bool>(fetch->chosen.size(), false);
            downloadNext(fetch);
        });
}

} // namespace

Result<QList<GitHubArtifact>> GitHubArtifacts::parseListing(const QByteArray &json, const QUrl &source)
{
    const auto parsed = InputLimits::parseJson(json, InputLimits::CiJsonBytes);
    if (!parsed || !parsed->isObject() || !parsed->object().value(QStringLiteral("artifacts")).isArray())
        return Error { QStringLiteral("%1 is not GitHub's artifact listing (expected an object with "
                                      "\"artifacts\"%2)")
                           .arg(source.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery).toString(),
                               parsed ? QString() : QStringLiteral("; ") + parsed.errorMessage()),
            HttpMalformed };
    const QJsonDocument doc = parsed.value();
    QList<GitHubArtifact> artifacts;
    for (const QJsonValue &value : doc.object().value(QStringLiteral("artifacts")).toArray()) {
        const QJsonObject o = value.toObject();
        GitHubArtifact a;
        a.id = qint64(o.value(QStringLiteral("id")).toDouble());
        a.name = o.value(QStringLiteral("name")).toString();
        a.sizeInBytes = qint64(o.value(QStringLiteral("size_in_bytes")).toDouble());
        a.expired = o.value(QStringLiteral("expired")).toBool();
        a.digest = o.value(QStringLiteral("digest")).toString();
        if (a.id > 0 && !a.name.isEmpty())
            artifacts.append(a);
    }
    return artifacts;
}

bool GitHubArtifacts::holdsTestReports(const QString &name, const QStringList &globs)
{
    if (globs.isEmpty()) {
        static const QRegularExpression defaults(
            QStringLiteral("test|junit|report|results"), QRegularExpression::CaseInsensitiveOption);
        return defaults.match(name).hasMatch();
    }
    for (const QString &glob : globs) {
        const QRegularExpression re(
            QRegularExpression::wildcardToRegularExpression(glob), QRegularExpression::CaseInsensitiveOption);
        if (re.match(name).hasMatch())
            return true;
    }
    return false;
}

void GitHubArtifacts::fetchReport(QObject *context, const QPointer<HttpClient> &http,
    const RequestFactory &request, const CiSource &source, const PipelineRun &run, const CancelToken &cancel,
    ReportCallback done, const ZipLimits &limits)
{
    if (!http)
        return done(Error { QStringLiteral("the HTTP client is gone"), HttpCanceled });
    auto fetch = std::make_shared<ArtifactFetch>();
    fetch->context = context;
    fetch->http = http;
    fetch->request = request;
    fetch->source = source;
    fetch->run = run;
    fetch->cancel = cancel;
    fetch->done = std::move(done);
    fetch->limits = limits;
    fetch->cacheDirectory = ArtifactCache::directoryBeside(http->cacheDirectory());
    fetch->runName = QStringLiteral("GitHub run %1 of %2").arg(run.id, source.project);

    PageOptions pages;
    pages.pageParam = QStringLiteral("page");
    pages.perPage = 100;
    pages.countItems = [](const QByteArray &body) {
        return int(
            QJsonDocument::fromJson(body).object().value(QStringLiteral("artifacts")).toArray().size());
    };
    const HttpRequest listing = request(QStringLiteral("/actions/runs/%1/artifacts").arg(run.id),
        { { QStringLiteral("per_page"), QStringLiteral("100") } });
    http->getAllPages(listing, pages, cancel, [fetch](Result<QList<HttpResponse>> responses) {
        if (!responses)
            return fetch->done(responses.error());
        QStringList expired;
        for (const HttpResponse &page : *responses) {
            auto artifacts = parseListing(page.body, page.url);
            if (!artifacts)
                return fetch->done(artifacts.error());
            for (const GitHubArtifact &artifact : std::as_const(*artifacts)) {
                if (!holdsTestReports(artifact.name, fetch->source.testArtifacts))
                    continue;
                if (artifact.expired) {
                    expired << artifact.name;
                } else if (artifact.sizeInBytes > fetch->limits.maxTotalBytes) {
                    fetch->warnings << QStringLiteral("the artifact \"%1\" (%2 bytes) is larger than DevDash "
                                                      "downloads; skipped")
                                           .arg(artifact.name)
                                           .arg(artifact.sizeInBytes);
                } else {
                    fetch->chosen.append(artifact);
                }
            }
        }
        if (fetch->chosen.isEmpty()) {
            if (!expired.isEmpty())
                return fetch->done(Error { QStringLiteral("The test artifacts of %1 (%2) have expired on "
                                                          "GitHub; there is nothing left to import.")
                                               .arg(fetch->runName, expired.join(QStringLiteral(", "))),
                    410 });
            if (!fetch->warnings.isEmpty())
                return fetch->done(
                    Error { QStringLiteral("%1: %2; nothing was imported.")
                                .arg(fetch->runName, fetch->warnings.join(QStringLiteral("; "))),
                        HttpMalformed });
            return fetch->done(std::optional<TestReport>());
        }
        for (const QString &name : std::as_const(expired))
            fetch->warnings << QStringLiteral("the artifact \"%1\" has expired").arg(name);
        lookUpCache(fetch);
    });
}

} // namespace devdash::ci
