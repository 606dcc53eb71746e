#include "CiTestReports.h"

#include "common/InputLimits.h"

#include "ci/CiProvider.h"
#include "common/Background.h"
#include "store/Database.h"
#include "testresults/ReportBuilder.h"
#include "testresults/TestRunStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QPointer>
#include <QRegularExpression>

#include <cmath>

namespace devdash::ci {

using namespace testresults;

namespace {

Result<QJsonObject> parseObject(const QByteArray &json, const QString &what)
{
    const auto document = InputLimits::parseJson(json, InputLimits::CiJsonBytes);
    if (!document || !document->isObject())
        return Error { QStringLiteral("%1 is not a JSON object (%2); nothing was imported.")
                           .arg(what, document ? QStringLiteral("not an object") : document.errorMessage()) };
    return document->object();
}

QString text(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1StringView(key));
    return value.isString() ? value.toString() : QString();
}

double seconds(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1StringView(key));
    return value.isDouble() ? value.toDouble() : NAN;
}

QString firstLine(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype end = trimmed.indexOf(QLatin1Char('\n'));
    return (end < 0 ? trimmed : trimmed.left(end)).left(1000);
}

TestStatus gitLabStatus(const QString &status)
{
    if (status == u"failed")
        return TestStatus::Failed;
    if (status == u"error")
        return TestStatus::Errored;
    if (status == u"skipped")
        return TestStatus::Skipped;
    return TestStatus::Passed; // "success"
}

TestStatus jenkinsStatus(const QJsonObject &c)
{
    const QString status = text(c, "status");
    if (status == u"FAILED" || status == u"REGRESSION")
        return TestStatus::Failed;
    if (status == u"SKIPPED" || c.value(QLatin1StringView("skipped")).toBool())
        return TestStatus::Skipped;
    return TestStatus::Passed; // PASSED, FIXED
}

// Jenkins keeps the suite's timestamp as the report wrote it; no zone means UTC.
QDateTime suiteTime(const QString &text)
{
    if (text.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (time.isValid() && time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    return time.isValid() ? time.toUTC() : QDateTime();
}

void addJenkinsSuites(ReportBuilder &builder, const QJsonArray &suites)
{
    for (const QJsonValue &suiteValue : suites) {
        const QJsonObject s = suiteValue.toObject();
        TestSuite suite;
        suite.name = text(s, "name");
        // A Pipeline's junit step records the stages it ran in (outermost first).
        QStringList path;
        for (const QJsonValue &block : s.value(QLatin1StringView("enclosingBlockNames")).toArray())
            path.prepend(block.toString());
        path << suite.name;
        suite.path = path.join(QStringLiteral(" / "));
        suite.durationS = seconds(s, "duration");
        suite.timestamp = suiteTime(text(s, "timestamp"));
        suite.systemOut = text(s, "stdout");
        suite.systemErr = text(s, "stderr");
        builder.addSuite(suite);
        for (const QJsonValue &caseValue : s.value(QLatin1StringView("cases")).toArray()) {
            const QJsonObject c = caseValue.toObject();
            TestCase tc;
            tc.suite = suite.path;
            tc.className = text(c, "className");
            tc.name = text(c, "name");
            tc.status = jenkinsStatus(c);
            tc.durationS = seconds(c, "duration");
            tc.systemOut = text(c, "stdout");
            tc.systemErr = text(c, "stderr");
            if (tc.status == TestStatus::Skipped) {
                tc.message = text(c, "skippedMessage");
            } else if (isFailing(tc.status)) {
                tc.message = firstLine(text(c, "errorDetails"));
                tc.details = text(c, "errorStackTrace");
                if (tc.details.isEmpty())
                    tc.details = text(c, "errorDetails");
            }
            builder.addCase(std::move(tc));
        }
    }
}

} // namespace

Result<TestReport> CiTestReports::fromGitLab(const QByteArray &json, const QString &origin)
{
    auto object = parseObject(json, QStringLiteral("GitLab's test report %1").arg(origin));
    if (!object)
        return object.error();
    if (!object->value(QLatin1StringView("test_suites")).isArray())
        return Error { QStringLiteral(
            "GitLab's test report %1 has no test_suites array; nothing was imported.")
                           .arg(origin) };
    TestReport report;
    report.file = origin;
    report.format = QStringLiteral("gitlab");
    report.tool = QStringLiteral("gitlab");
    ReportBuilder builder(report);
    for (const QJsonValue &suiteValue : object->value(QLatin1StringView("test_suites")).toArray()) {
        const QJsonObject s = suiteValue.toObject();
        TestSuite suite;
        suite.name = text(s, "name");
        suite.path = suite.name;
        suite.durationS = seconds(s, "total_time");
        const QString suiteError = text(s, "suite_error");
        if (!suiteError.isEmpty())
            report.warnings << QStringLiteral("suite %1: %2").arg(suite.name, suiteError);
        builder.addSuite(suite);
        for (const QJsonValue &caseValue : s.value(QLatin1StringView("test_cases")).toArray()) {
            const QJsonObject c = caseValue.toObject();
            TestCase tc;
            tc.suite = suite.path;
            tc.className = text(c, "classname");
            tc.name = text(c, "name");
            tc.file = text(c, "file");
            tc.status = gitLabStatus(text(c, "status"));
            tc.durationS = seconds(c, "execution_time");
            // GitLab puts the <failure>/<error>/<skipped> body in system_output.
            const QString output = text(c, "system_output");
            const QString trace = text(c, "stack_trace");
            if (tc.status == TestStatus::Passed) {
                tc.systemOut = output;
            } else {
                tc.message = firstLine(output.isEmpty() ? trace : output);
                tc.details = trace.isEmpty() ? output : (output.isEmpty() ? trace : output + u'\n' + trace);
            }
            builder.addCase(std::move(tc));
        }
    }
    return report;
}

Result<TestReport> CiTestReports::fromJenkins(const QByteArray &json, const QString &origin)
{
    auto object = parseObject(json, QStringLiteral("Jenkins's testReport %1").arg(origin));
    if (!object)
        return object.error();
    TestReport report;
    report.file = origin;
    report.format = QStringLiteral("jenkins");
    report.tool = QStringLiteral("jenkins");
    ReportBuilder builder(report);
    if (object->value(QLatin1StringView("suites")).isArray()) {
        addJenkinsSuites(builder, object->value(QLatin1StringView("suites")).toArray());
    } else if (object->value(QLatin1StringView("childReports")).isArray()) {
        // A Maven job's aggregated report: one result per module.
        for (const QJsonValue &child : object->value(QLatin1StringView("childReports")).toArray())
            addJenkinsSuites(builder,
                child.toObject()
                    .value(QLatin1StringView("result"))
                    .toObject()
                    .value(QLatin1StringView("suites"))
                    .toArray());
    } else {
        return Error { QStringLiteral("Jenkins's testReport %1 has neither suites nor childReports; nothing "
                                      "was imported.")
                           .arg(origin) };
    }
    return report;
}

RunInfo CiTestReports::runInfo(const PipelineRun &run, const QString &repositoryKey)
{
    RunInfo info;
    info.repository = repositoryKey;
    info.commit = run.commit.toLower();
    info.branch = run.branch;
    info.source = run.provider + QLatin1Char(':') + run.project + QLatin1Char('#') + run.id;
    info.importedAt = run.finishedAt.isValid() ? run.finishedAt : run.startedAt;
    return info;
}

Result<ImportedRun> CiTestReports::import(
    TestRunStore &store, const PipelineRun &run, const QString &repositoryKey, const TestReport &report)
{
    static const QRegularExpression fullId(QStringLiteral("^[0-9a-fA-F]{40}$"));
    if (!fullId.match(run.commit).hasMatch())
        return Error { QStringLiteral(
            "The %1 run %2 of %3 does not name its commit, so its tests cannot join "
            "the history; nothing was imported.")
                           .arg(run.provider, run.id, run.project) };
    return store.importRun(runInfo(run, repositoryKey), { report });
}

void CiTestReports::fetchAndImport(CiProvider &provider, const PipelineRun &run, const QString &repositoryKey,
    const store::StoreLocation &location, const CancelToken &cancel, ImportCallback done)
{
    if (!provider.providesTestReports()) {
        done(std::optional<ImportedRun>());
        return;
    }
    QPointer<CiProvider> context(&provider);
    provider.fetchTestReport(run, cancel,
        [context, run, repositoryKey, location, cancel, done](Result<std::optional<TestReport>> report) {
            if (!report) {
                done(report.error());
                return;
            }
            if (!report->has_value() || !context) {
                done(std::optional<ImportedRun>());
                return;
            }
            // The store is written on a worker with its own connection: never on the GUI thread.
            runInBackground(
                context.data(),
                [run, repositoryKey, location, cancel,
                    report = std::move(**report)]() -> Result<std::optional<ImportedRun>> {
                    auto db = store::Database::open(location);
                    if (!db)
                        return db.error();
                    TestRunStore store(*db);
                    if (cancel.isCancelled())
                        return Error { QStringLiteral(
                            "canceled: the test report of %1 run %2 was not imported.")
                                           .arg(run.provider, run.id) };
                    auto imported = import(store, run, repositoryKey, report);
                    if (!imported)
                        return imported.error();
                    return std::optional<ImportedRun>(*imported);
                },
                done);
        });
}

} // namespace devdash::ci
