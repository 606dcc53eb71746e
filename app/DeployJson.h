#pragma once

// The JSON of the deployment commands (shapes in docs/cli.md): a deployment, a
// DORA report with a note where a metric has no sample, and times in ISO 8601 UTC.

#include "deploy/Deployment.h"
#include "deploy/DoraMetrics.h"

#include <QDateTime>
#include <QJsonObject>

namespace devdash::cli {

class DeployJson
{
public:
    static QString time(const QDateTime &t);
    static QJsonObject deployment(const deploy::DeploymentRow &row);
    static QJsonObject dora(const deploy::DoraReport &report);
};

} // namespace devdash::cli
