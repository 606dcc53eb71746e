#pragma once

// File → Import Test Reports… and drops on the window: the files (or folders,
// searched for *.xml) become one run of the commit and branch the user confirmed
// (ImportTargetDialog), HEAD and the current branch by default. Runs on a worker
// with its own store connection and its own git repository.

#include "common/CancelToken.h"
#include "common/Result.h"
#include "store/StoreLocation.h"
#include "testresults/TestRun.h"

#include <QStringList>

namespace devdash::ui {

class ReportImport
{
public:
    struct Request
    {
        store::StoreLocation location;
        QString repositoryPath; // to read HEAD from
        QString repositoryKey;
        QStringList paths; // files or folders
        QString source = QStringLiteral("local");
        QString commit; // any revision of the repository; empty: HEAD (and `branch` is ignored)
        QString branch; // with `commit`: the branch to file the run under (empty: none)
    };

    // Files to import: the given files, and the *.xml files under given folders.
    static QStringList expand(const QStringList &paths);
    // Whether a dropped file looks like a test report (by its name).
    static bool isReportFile(const QString &path);
    static Result<testresults::ImportedRun> run(const Request &request, const CancelToken &cancel = {});
};

} // namespace devdash::ui
