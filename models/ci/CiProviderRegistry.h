#pragma once

// Every provider DevDash knows, by name: what its configuration needs and how to
// create it. Adding a provider touches only models/ci: its class, and one entry
// in CiProviderRegistry.cpp (builtinKinds()).

#include "ci/CiCredentials.h"
#include "ci/CiProvider.h"
#include "ci/CiSource.h"
#include "common/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace devdash::ci {

class HttpClient;

struct CiProviderKind
{
    QString name; // "github"
    QString defaultApiUrl; // used when the source has no api_url; empty: api_url is required
    bool needsProject = true; // `project` is required
    QString apiUrlMeaning; // "API root", "Jenkins server URL", "feed URL": for messages
    std::function<CiProvider *(
        HttpClient *http, const CiSource &source, const CiCredential &credential, QObject *parent)>
        create;
};

class CiProviderRegistry
{
public:
    static const QList<CiProviderKind> &kinds();
    static const CiProviderKind *find(const QString &name);
    static QStringList names();

    // The source with defaults applied (api_url), or an Error naming what is missing.
    static Result<CiSource> complete(const CiSource &source);
    // A provider for a complete source; owned by `parent`.
    static Result<CiProvider *> create(
        HttpClient *http, const CiSource &source, const CiCredential &credential, QObject *parent = nullptr);
};

} // namespace devdash::ci
