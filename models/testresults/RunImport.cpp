#include "RunImport.h"

#include "ReportGlob.h"
#include "ReportParser.h"
#include "TestRunStore.h"
#include "git/Repository.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace devdash::testresults {

QString RunImport::keyOfFolder(const QString &dir)
{
    const QString canonical = QFileInfo(dir).canonicalFilePath();
    return QDir::cleanPath(canonical.isEmpty() ? QFileInfo(dir).absoluteFilePath() : canonical);
}

QString RunImport::repositoryKey(const git::Repository &repository)
{
    return keyOfFolder(repository.isBare() ? repository.gitDir() : repository.workDir());
}

Result<QString> RunImport::repositoryKey(const QString &path)
{
    auto repository = git::Repository::open(path);
    if (!repository)
        return repository.error();
    return repositoryKey(*repository);
}

Result<RunInfo> RunImport::runInfo(const ImportRequest &request)
{
    if (request.repository.isEmpty())
        return Error { QStringLiteral(
            "No repository given: say which one the reports belong to with --repo.") };
    auto repository = git::Repository::open(request.repository);
    if (!repository)
        return repository.error();
    RunInfo info;
    info.repository = repositoryKey(*repository);
    info.source = request.source.isEmpty() ? QStringLiteral("local") : request.source;
    info.importedAt = request.importedAt;

    static const QRegularExpression fullId(QStringLiteral("^[0-9a-fA-F]{40}$"));
    if (!request.commit.isEmpty() && fullId.match(request.commit).hasMatch()) {
        info.commit = request.commit.toLower();
    } else {
        if (request.commit.isEmpty() && repository->isHeadUnborn())
            return Error { QStringLiteral("%1 has no commits yet: the reports need a commit (--commit SHA).")
                               .arg(repository->displayName()) };
        auto id
            = repository->resolveCommit(request.commit.isEmpty() ? QStringLiteral("HEAD") : request.commit);
        if (!id)
            return id.error();
        info.commit = git::toHex(*id);
    }
    info.branch = request.branch.isEmpty() ? repository->currentBranch() : request.branch;
    return info;
}

Result<QStringList> RunImport::resolveFiles(const QStringList &paths, const QString &baseDir)
{
    const QString base = baseDir.isEmpty() ? QDir::currentPath() : baseDir;
    QStringList files;
    for (const QString &path : paths) {
        const ReportGlob glob(path, base);
        const QStringList found = glob.expand();
        if (!glob.isGlob() && found.size() == 1 && !QFileInfo(found.first()).isFile())
            return Error { QStringLiteral("%1: no such report file.").arg(found.first()) };
        if (found.isEmpty())
            return Error { glob.isGlob()
                    ? QStringLiteral("No report matches %1 (looked under %2).").arg(path, glob.root())
                    : QStringLiteral("No *.xml or *.trx report in the folder %1.").arg(glob.root()) };
        files += found;
    }
    files.sort();
    files.removeDuplicates();
    return files;
}

Result<QList<TestReport>> RunImport::parseAll(const QStringList &files, const CancelToken &cancel)
{
    QList<TestReport> reports;
    reports.reserve(files.size());
    for (const QString &file : files) {
        auto report = ReportParser::parseFile(file, cancel);
        if (!report)
            return report.error();
        reports.append(std::move(report).value());
    }
    return reports;
}

Result<ImportOutcome> RunImport::run(
    TestRunStore &store, const ImportRequest &request, const CancelToken &cancel)
{
    // The repository first: a wrong --repo should not wait for a large parse.
    auto info = runInfo(request);
    if (!info)
        return info.error();
    auto files = resolveFiles(request.paths, request.baseDir);
    if (!files)
        return files.error();
    auto reports = parseAll(*files, cancel);
    if (!reports)
        return reports.error();

    ImportOutcome outcome;
    outcome.files = *files;
    for (const TestReport &report : *reports)
        for (const QString &warning : report.warnings)
            outcome.warnings << QFileInfo(report.file).fileName() + QStringLiteral(": ") + warning;
    auto imported = store.importRun(*info, *reports, cancel);
    if (!imported)
        return imported.error();
    outcome.imported = *imported;
    return outcome;
}

} // namespace devdash::testresults
