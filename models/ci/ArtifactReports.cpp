#include "ci/ArtifactReports.h"

#include "testresults/ReportParser.h"

#include <QBuffer>

namespace devdash::ci {

using namespace testresults;

bool ArtifactReports::isReportPath(const QString &path)
{
    return path.endsWith(QLatin1String(".xml"), Qt::CaseInsensitive)
        || path.endsWith(QLatin1String(".trx"), Qt::CaseInsensitive);
}

Result<std::optional<TestReport>> ArtifactReports::read(const QList<ArtifactZip> &artifacts,
    const QString &run, const ZipLimits &limits, const CancelToken &cancel)
{
    QList<TestReport> reports;
    QStringList skipped;
    QStringList files;
    ZipLimits remaining = limits;
    for (const ArtifactZip &artifact : artifacts) {
        const QString what = QStringLiteral("the artifact \"%1\" of %2").arg(artifact.name, run);
        auto entries = ZipArchive::read(artifact.zip, what, &isReportPath, remaining, cancel);
        if (!entries)
            return entries.error();
        for (const ZipEntry &entry : std::as_const(*entries)) {
            remaining.maxTotalBytes -= entry.data.size();
            const QString name = artifact.name + QLatin1Char('/') + entry.path;
            QBuffer buffer;
            buffer.setData(entry.data);
            buffer.open(QIODevice::ReadOnly);
            auto report = ReportParser::parse(buffer, name, cancel);
            if (!report) {
                // Artifacts mix reports with other XML (coverage, configs): those are skipped.
                if (report.error().code == XmlReportStream::NotAReport) {
                    skipped << name;
                    continue;
                }
                return Error {
                    QStringLiteral("%1: %2; nothing was imported.").arg(run, report.errorMessage()),
                    report.error().code
                };
            }
            for (QString &warning : report->warnings)
                warning = name + QStringLiteral(": ") + warning;
            files << name;
            reports.append(std::move(report).value());
        }
    }
    if (reports.isEmpty())
        return std::optional<TestReport>();
    TestReport merged = merge(std::move(reports), files.join(QStringLiteral(", ")).left(2000));
    for (const QString &name : std::as_const(skipped))
        merged.warnings << QStringLiteral("%1: not a test report, skipped").arg(name);
    return std::optional<TestReport>(std::move(merged));
}

TestReport ArtifactReports::merge(QList<TestReport> reports, const QString &file)
{
    TestReport merged;
    merged.file = file;
    QStringList formats;
    QStringList tools;
    for (TestReport &report : reports) {
        if (!report.format.isEmpty() && !formats.contains(report.format))
            formats << report.format;
        if (!report.tool.isEmpty() && !tools.contains(report.tool))
            tools << report.tool;
        if (report.timestamp.isValid()
            && (!merged.timestamp.isValid() || report.timestamp < merged.timestamp))
            merged.timestamp = report.timestamp;
        merged.suites.append(std::move(report.suites));
        merged.cases.reserve(merged.cases.size() + report.cases.size());
        for (TestCase &c : report.cases)
            merged.cases.push_back(std::move(c));
        merged.warnings.append(report.warnings);
    }
    merged.format = formats.join(QLatin1Char('+'));
    merged.tool = tools.join(QLatin1Char('+'));
    return merged;
}

} // namespace devdash::ci
