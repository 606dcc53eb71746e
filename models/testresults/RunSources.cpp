#include "RunSources.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace devdash::testresults {

QString RunSources::family(const QString &source)
{
    QString f = source.trimmed();
    // CI imports name the run: "provider:project#id".
    if (const qsizetype hash = f.indexOf(QLatin1Char('#')); hash > 0)
        f.truncate(hash);
    // A note in parentheses ("(re-run)", "(attempt 2)") is the same job again.
    static const QRegularExpression note(QStringLiteral("\\s*\\([^()]*\\)\\s*$"));
    f.remove(note);
    f = f.trimmed();
    return f.isEmpty() ? QStringLiteral("local") : f;
}

QList<RunSummary> RunSources::newestPerSource(const QList<RunSummary> &newestFirst)
{
    QList<RunSummary> result;
    QSet<QString> seen;
    for (const RunSummary &run : newestFirst) {
        const QString f = family(run.source);
        if (seen.contains(f))
            continue;
        seen.insert(f);
        result.append(run);
    }
    return result;
}

std::optional<RunSources::BaseChoice> RunSources::chooseBase(
    const RunSummary &head, const QList<RunSummary> &candidates, const QHash<qint64, QStringList> &suites)
{
    const QString headFamily = family(head.source);
    const QStringList headSuites = suites.value(head.id);
    std::optional<BaseChoice> bySource;
    std::optional<BaseChoice> bySuites;
    for (const RunSummary &run : candidates) {
        if (run.id == head.id)
            continue;
        const bool sameSource = family(run.source) == headFamily;
        const bool sameSuites = suites.value(run.id) == headSuites;
        if (sameSource && sameSuites)
            return BaseChoice { run, Match::SourceAndSuites };
        if (sameSource && !bySource)
            bySource = BaseChoice { run, Match::Source };
        if (sameSuites && !bySuites)
            bySuites = BaseChoice { run, Match::Suites };
    }
    return bySource ? bySource : bySuites;
}

QString RunSources::badgeText(const QList<RunSummary> &runs)
{
    QStringList failing;
    QStringList passing;
    for (const RunSummary &run : runs) {
        const int failed = run.counts.failed + run.counts.errored;
        if (failed > 0)
            failing << QCoreApplication::translate("RunSources", "%n failed", nullptr, failed);
        else
            passing << QStringLiteral("✓ %1").arg(run.counts.passed);
    }
    return (failing + passing).join(QStringLiteral(" · "));
}

bool RunSources::anyFailing(const QList<RunSummary> &runs)
{
    return std::any_of(runs.cbegin(), runs.cend(), [](const RunSummary &run) { return run.isFailing(); });
}

} // namespace devdash::testresults
