#pragma once

// The printable sprint report: the sprint's deployments per environment, failures,
// rollbacks, commits shipped with their issue keys (links), the DORA metrics of the
// chosen environment with their definitions and levels, and the release diff.
// HTML for a QTextDocument, printed to PDF with QPdfWriter.

#include "common/Result.h"
#include "deploy/DeploymentsSnapshot.h"

#include <QString>

namespace devdash::ui {

class SprintReport
{
public:
    static QString html(const deploy::DeploymentsSnapshot &snapshot, const QString &repositoryName);
    // Written atomically: a failed export never leaves half a file.
    static Result<void> savePdf(
        const deploy::DeploymentsSnapshot &snapshot, const QString &repositoryName, const QString &path);
    // The per-sprint metrics as CSV (RFC 4180), one row per sprint.
    static QString metricsCsv(const deploy::DeploymentsSnapshot &snapshot);
};

} // namespace devdash::ui
