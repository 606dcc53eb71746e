#include "ci/CiProviderRegistry.h"

#include "ci/CctrayProvider.h"
#include "ci/GitHubProvider.h"
#include "ci/GitLabProvider.h"
#include "ci/JenkinsProvider.h"

namespace devdash::ci {

namespace {

QList<CiProviderKind> builtinKinds()
{
    QList<CiProviderKind> kinds;
    kinds.append({ QStringLiteral("github"), QStringLiteral("https://api.github.com"), true,
        QStringLiteral("API root"),
        [](HttpClient *http, const CiSource &source, const CiCredential &credential, QObject *parent)
            -> CiProvider * { return new GitHubProvider(http, source, credential.secret, parent); } });
    kinds.append({ QStringLiteral("gitlab"), QStringLiteral("https://gitlab.com/api/v4"), true,
        QStringLiteral("API root"),
        [](HttpClient *http, const CiSource &source, const CiCredential &credential, QObject *parent)
            -> CiProvider * { return new GitLabProvider(http, source, credential.secret, parent); } });
    // Jenkins and cctray register here as well (their classes live in this folder).
    kinds.append({ QStringLiteral("jenkins"), QString(), true, QStringLiteral("Jenkins server URL"),
        [](HttpClient *http, const CiSource &source, const CiCredential &credential,
            QObject *parent) -> CiProvider * {
            return new JenkinsProvider(http,
                JenkinsSettings { source.apiUrl, source.project, credential.user, credential.secret,
                    source.caBundle, source.timeoutMs },
                parent);
        } });
    kinds.append({ QStringLiteral("cctray"), QString(), false, QStringLiteral("feed URL"),
        [](HttpClient *http, const CiSource &source, const CiCredential &credential,
            QObject *parent) -> CiProvider * {
            return new CctrayProvider(http,
                CctraySettings { source.apiUrl, credential.user, credential.secret, source.caBundle,
                    source.timeoutMs, source.project },
                parent);
        } });
    return kinds;
}

} // namespace

const QList<CiProviderKind> &CiProviderRegistry::kinds()
{
    static const QList<CiProviderKind> all = builtinKinds();
    return all;
}

const CiProviderKind *CiProviderRegistry::find(const QString &name)
{
    for (const CiProviderKind &kind : kinds())
        if (kind.name == name)
            return &kind;
    return nullptr;
}

QStringList CiProviderRegistry::names()
{
    QStringList n;
    for (const CiProviderKind &kind : kinds())
        n << kind.name;
    return n;
}

Result<CiSource> CiProviderRegistry::complete(const CiSource &source)
{
    const CiProviderKind *kind = find(source.provider);
    if (!kind)
        return Error { QStringLiteral("unknown CI provider \"%1\"; use one of: %2")
                           .arg(source.provider, names().join(QStringLiteral(", "))) };
    CiSource s = source;
    if (s.apiUrl.isEmpty())
        s.apiUrl = kind->defaultApiUrl;
    if (s.apiUrl.isEmpty())
        return Error {
            QStringLiteral("the %1 source needs \"api_url\" (the %2)").arg(s.provider, kind->apiUrlMeaning)
        };
    while (s.apiUrl.endsWith(QLatin1Char('/')))
        s.apiUrl.chop(1);
    const QUrl url(s.apiUrl);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return Error { QStringLiteral("the %1 source has an invalid \"api_url\" \"%2\"; give an http(s) URL")
                           .arg(s.provider, s.apiUrl) };
    if (kind->needsProject && s.project.isEmpty())
        return Error { QStringLiteral("the %1 source needs \"project\"").arg(s.provider) };
    return s;
}

Result<CiProvider *> CiProviderRegistry::create(
    HttpClient *http, const CiSource &source, const CiCredential &credential, QObject *parent)
{
    auto completed = complete(source);
    if (!completed)
        return completed.error();
    return find(completed->provider)->create(http, *completed, credential, parent);
}

} // namespace devdash::ci
