#include "CiDeploymentsFetch.h"

#include "ci/HttpClient.h"
#include "deploy/CiDeploymentImport.h"
#include "store/Database.h"
#include "store/StoreLocation.h"

#include <cstdio>

namespace devdash::cli {

int fetchCiDeployments(const CiDeploymentsFetchOptions &options)
{
    auto fail = [](const QString &message, int code) {
        QString line = message.trimmed();
        line.replace(QLatin1Char('\n'), QLatin1Char(' '));
        std::fprintf(stderr, "devdash: %s\n", line.toUtf8().constData());
        return code;
    };
    auto location = store::StoreLocation::parse(options.store);
    if (!location)
        return fail(location.errorMessage(), 1);
    auto db = store::Database::open(*location);
    if (!db)
        return fail(db.errorMessage(), 1);
    ci::HttpClient http; // the user's disk cache: a repeated --fetch costs 304s only
    auto summary = deploy::CiDeploymentImport::fetchAndStore(*db, options.repo,
        ci::CiOverrides { options.provider, options.project, options.apiUrl }, http, options.environment);
    if (!summary)
        return fail(summary.errorMessage(),
            summary.error().message.startsWith(QLatin1String("command line:")) ? 2 : 1);
    for (const QString &notice : std::as_const(summary->notices))
        std::fprintf(stderr, "devdash: %s\n", notice.toUtf8().constData());
    std::fprintf(stderr,
        "devdash: fetched deployments from %d CI source(s): %d new, %d updated, %d unchanged, %d already "
        "final%s\n",
        summary->sources, summary->added, summary->updated, summary->unchanged, summary->known,
        summary->withoutCommit
            ? qPrintable(QStringLiteral(", %1 without a commit id (not stored)").arg(summary->withoutCommit))
            : "");
    // What failed to load, one line each; the rest is stored: "partial" (docs/cli.md).
    for (const QString &failure : std::as_const(summary->failures))
        fail(failure, 0);
    return summary->failures.isEmpty() ? 0 : CiDeploymentsPartial;
}

} // namespace devdash::cli
