// libFuzzer target for `.devdash.json`, a file of a cloned repository: every reader of it
// (tests, deployments, databases) on the same bytes. Any file gives a configuration or an
// error naming the file; never a crash, a hang or a leak.

#include "FuzzCheck.h"
#include "deploy/DeployConfig.h"
#include "schema/migrations/MigrationDatabaseConfig.h"
#include "config/ProjectConfig.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace devdash;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = fuzz::bytes(data, size);
    const QString file = QStringLiteral("/repo/.devdash.json");
    // The one reader, untrusted and trusted (the trusted path keeps globs reaching out).
    for (const bool trusted : { false, true }) {
        const auto config = config::ProjectConfig::parse(json, file, trusted);
        if (!config.ok()) {
            fuzz::check(config.errorMessage().contains(file));
            continue;
        }
        (void)config->testReportGlobs();
        (void)config->refusedReportGlobs();
    }
    (void)migrations::MigrationDatabaseConfig::parse(json, file);
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (document.isObject())
        (void)deploy::DeployConfig::fromJson(document.object(), file);
    return 0;
}
