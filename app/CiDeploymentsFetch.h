#pragma once

// `devdash deployments REPO --fetch [--provider P --project X --api-url URL]`: the
// deployments the CI providers report are fetched into the store before the
// listing (models/deploy/CiDeploymentImport). A summary goes to stderr, so that
// stdout keeps the listing's documented JSON.

#include <QString>

namespace devdash::cli {

struct CiDeploymentsFetchOptions
{
    QString repo;
    QString store; // --store; empty: $DEVDASH_STORE or the user's store
    QString provider; // --provider
    QString project; // --project
    QString apiUrl; // --api-url
    QString environment; // --env
};

// Some deployments (or one of several sources) failed to load; the rest was stored.
constexpr int CiDeploymentsPartial = 3;

// 0 on success; CiDeploymentsPartial when only part of it loaded (the failures are
// printed, the listing should follow); otherwise the message is printed and the
// exit code returned.
int fetchCiDeployments(const CiDeploymentsFetchOptions &options);

} // namespace devdash::cli
