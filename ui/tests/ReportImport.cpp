#include "ReportImport.h"

#include "TestStoreAccess.h"

#include "git/LibGit2.h"
#include "git/Repository.h"
#include "testresults/ReportParser.h"
#include "testresults/TestRunStore.h"

#include <QDirIterator>
#include <QFileInfo>

namespace devdash::ui {

using namespace testresults;

QStringList ReportImport::expand(const QStringList &paths)
{
    QStringList files;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            QDirIterator it(path, { QStringLiteral("*.xml"), QStringLiteral("*.trx") }, QDir::Files,
                QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next();
        } else {
            files << info.absoluteFilePath();
        }
    }
    files.sort();
    files.removeDuplicates();
    return files;
}

bool ReportImport::isReportFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("xml") || suffix == QLatin1String("trx") || QFileInfo(path).isDir();
}

Result<ImportedRun> ReportImport::run(const Request &request, const CancelToken &cancel)
{
    const QStringList files = expand(request.paths);
    if (files.isEmpty())
        return Error { QStringLiteral("No test reports found in %1 (expected .xml or .trx files)")
                           .arg(request.paths.join(QStringLiteral(", "))) };
    QList<TestReport> reports;
    for (const QString &file : files) {
        if (cancel.isCancelled())
            return Error { QStringLiteral("Import cancelled") };
        auto report = ReportParser::parseFile(file, cancel);
        if (!report)
            return report.error(); // one bad file fails the import: a partial run would mislead
        reports << std::move(*report);
    }

    RunInfo info;
    info.repository = request.repositoryKey;
    info.source = request.source;
    auto repo = git::Repository::open(request.repositoryPath);
    if (!request.commit.isEmpty()) {
        if (!repo)
            return repo.error();
        auto commit = repo->resolveCommit(request.commit);
        if (!commit)
            return commit.error();
        info.commit = git::toHex(*commit);
        info.branch = request.branch;
    } else if (repo) {
        info.branch = repo->currentBranch();
        if (auto head = repo->resolveCommit(QStringLiteral("HEAD")))
            info.commit = git::toHex(*head);
    }
    auto db = TestStoreAccess::open(request.location);
    if (!db)
        return db.error();
    return TestRunStore(*db).importRun(info, reports, cancel);
}

} // namespace devdash::ui
