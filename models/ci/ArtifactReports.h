#pragma once

// The test reports inside downloaded CI artifacts (zip archives), read in memory
// and turned into one TestReport for the run: every *.xml and *.trx entry that the
// test-results parsers recognise (JUnit family, NUnit 3, xUnit v2, TRX — told apart
// by ReportParser), suites and cases appended as a multi-file import keeps them
// (repeats of a test across files are merged by the store). Pure and blocking:
// called on a worker thread.
//
// An XML entry that is no test report (a coverage file, a config) is skipped with a
// warning; a report that is malformed, or an archive that is corrupt or hostile
// (ZipArchive), fails the whole run with a message naming the run, the artifact and
// the entry — nothing is imported half.

#include "ci/ZipArchive.h"
#include "common/CancelToken.h"
#include "common/Result.h"
#include "testresults/TestReport.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace devdash::ci {

struct ArtifactZip
{
    QString name; // the artifact's name ("junit-results")
    QByteArray zip;
};

class ArtifactReports
{
public:
    // Whether an entry may hold a report (by name: *.xml, *.trx, any case).
    static bool isReportPath(const QString &path);

    // `run` names the run in messages ("GitHub run 42 of owner/repo"). `limits` hold
    // for all the artifacts together. nullopt: no entry held a test report.
    static Result<std::optional<testresults::TestReport>> read(const QList<ArtifactZip> &artifacts,
        const QString &run, const ZipLimits &limits = {}, const CancelToken &cancel = {});

    // Several reports as one: suites and cases in order, warnings kept, format and
    // tool joined when they differ ("junit+trx"), the earliest timestamp.
    static testresults::TestReport merge(QList<testresults::TestReport> reports, const QString &file);
};

} // namespace devdash::ci
