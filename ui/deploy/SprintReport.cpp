#include "SprintReport.h"

#include "DoraPanel.h"
#include "common/ExternalUrl.h"

#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

namespace devdash::ui {

using namespace devdash::deploy;

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString levelCell(const std::optional<PerformanceLevel> &level)
{
    if (!level)
        return QStringLiteral("<i>no sample</i>");
    return QStringLiteral("<b style=\"color:%1\">%2</b>")
        .arg(DoraPanel::levelColor(*level).name(), levelName(*level));
}

QString csvField(const QString &field)
{
    if (field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('"'))
        || field.contains(QLatin1Char('\n')))
        return QLatin1Char('"') + QString(field).replace(QLatin1Char('"'), QStringLiteral("\"\""))
            + QLatin1Char('"');
    return field;
}

QString optional(const std::optional<double> &v, int decimals = 2)
{
    return v ? QString::number(*v, 'f', decimals) : QString();
}

} // namespace

QString SprintReport::html(const DeploymentsSnapshot &s, const QString &repositoryName)
{
    const Sprint &sprint = s.sprintSummary.sprint;
    const DoraReport &r = s.dora;
    QString h = QStringLiteral("<html><body style=\"font-family: sans-serif\">");
    h += QStringLiteral("<h1>%1 — %2</h1><p>%3 to %4 (UTC)%5</p>")
             .arg(esc(repositoryName), esc(sprint.name), sprint.first.toString(Qt::ISODate),
                 sprint.last.toString(Qt::ISODate),
                 s.sprintsConfigured ? QString() : QStringLiteral(" — two-week sprints (none configured)"));

    h += QStringLiteral(
        "<h2>DORA metrics of %1</h2><table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">"
        "<tr><th>metric</th><th>value</th><th>sample</th><th>level</th><th>definition</th></tr>")
             .arg(esc(r.environment));
    auto row = [&](const QString &name, const QString &metric, const QString &value, const QString &sample,
                   const std::optional<PerformanceLevel> &level) {
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                 .arg(name, value, sample, levelCell(level), esc(DoraMetrics::definition(metric)));
    };
    row(QStringLiteral("Deployment frequency"), QStringLiteral("deployment_frequency"),
        QStringLiteral("%1 days/week").arg(r.frequency.deploymentDaysPerWeek),
        QStringLiteral("%1 deployments").arg(r.frequency.deployments), r.frequency.level);
    row(QStringLiteral("Lead time for changes"), QStringLiteral("lead_time_for_changes"),
        DoraPanel::duration(r.leadTime.medianHours), QStringLiteral("%1 changes").arg(r.leadTime.changes),
        r.leadTime.level);
    row(QStringLiteral("Change failure rate"), QStringLiteral("change_failure_rate"),
        r.failureRate.rate ? QStringLiteral("%1 %").arg(*r.failureRate.rate * 100, 0, 'f', 1)
                           : QStringLiteral("—"),
        QStringLiteral("%1 of %2").arg(r.failureRate.failed).arg(r.failureRate.deployments),
        r.failureRate.level);
    row(QStringLiteral("Time to restore"), QStringLiteral("time_to_restore"),
        DoraPanel::duration(r.timeToRestore.medianHours),
        QStringLiteral("%1 incidents").arg(r.timeToRestore.incidents), r.timeToRestore.level);
    h += QStringLiteral("</table>");

    h += QStringLiteral("<h2>Deployments</h2>");
    for (const EnvironmentSprint &e : s.sprintSummary.environments) {
        h += QStringLiteral("<h3>%1</h3><p>%2 deployments, %3 failed, %4 rollbacks, %5 commits shipped</p>")
                 .arg(esc(e.environment))
                 .arg(e.deployments)
                 .arg(e.failed)
                 .arg(e.rollbacks)
                 .arg(e.shipped.size());
        if (!e.issueKeys.isEmpty()) {
            QStringList links;
            for (const QString &key : e.issueKeys) {
                const QString url = s.config.issueUrl(key);
                links << (url.isEmpty() || !ExternalUrl::isAllowed(QUrl(url)) // a web page, or no link
                        ? esc(key)
                        : QStringLiteral("<a href=\"%1\">%2</a>").arg(esc(url), esc(key)));
            }
            h += QStringLiteral("<p>Issues: %1</p>").arg(links.join(QStringLiteral(", ")));
        }
        if (!e.shipped.isEmpty()) {
            h += QStringLiteral("<ul>");
            for (const ShippedCommit &c : e.shipped.mid(0, 40))
                h += QStringLiteral("<li><code>%1</code> %2</li>")
                         .arg(esc(c.commit.left(10)), esc(c.summary));
            if (e.shipped.size() > 40)
                h += QStringLiteral("<li>… and %1 more</li>").arg(e.shipped.size() - 40);
            h += QStringLiteral("</ul>");
        }
    }
    if (s.diff) {
        // Only what there is: an empty "merged branches: ; migrations:" says nothing.
        QStringList parts { s.diff->commits.size() == 1
                ? QStringLiteral("1 commit")
                : QStringLiteral("%1 commits").arg(s.diff->commits.size()) };
        if (!s.diff->mergedBranches.isEmpty())
            parts << QStringLiteral("merged branches: %1").arg(esc(s.diff->mergedBranches.join(QStringLiteral(", "))));
        if (!s.diff->migrations.isEmpty())
            parts << QStringLiteral("migrations: %1").arg(esc(s.diff->migrations.join(QStringLiteral(", "))));
        h += QStringLiteral("<h2>Not yet in %1 (in %2)</h2><p>%3</p>")
                 .arg(esc(s.diffBase), esc(s.diffEnvironment), parts.join(QStringLiteral("; ")));
    }
    return h + QStringLiteral("</body></html>");
}

Result<void> SprintReport::savePdf(
    const DeploymentsSnapshot &snapshot, const QString &repositoryName, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error { QStringLiteral("Could not write %1: %2").arg(path, file.errorString()) };
    {
        QPdfWriter pdf(&file);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setResolution(96);
        pdf.setTitle(QStringLiteral("%1 — %2").arg(repositoryName, snapshot.sprintSummary.sprint.name));
        QTextDocument doc;
        doc.setHtml(html(snapshot, repositoryName));
        doc.setPageSize(pdf.pageLayout().paintRectPixels(pdf.resolution()).size());
        doc.print(&pdf);
    }
    if (!file.commit())
        return Error { QStringLiteral("Could not write %1: %2").arg(path, file.errorString()) };
    return {};
}

QString SprintReport::metricsCsv(const DeploymentsSnapshot &s)
{
    QString csv = QStringLiteral("sprint,name,from,to,environment,deployment_days_per_week,deployments,"
                                 "lead_time_median_hours,changes,change_failure_rate,failed,all_deployments,"
                                 "time_to_restore_median_hours,incidents\r\n");
    for (const SprintMetrics &m : s.perSprint) {
        const DoraReport &r = m.dora;
        csv += QStringList { QString::number(m.sprint.number), csvField(m.sprint.name),
            m.sprint.from().toString(Qt::ISODate), m.sprint.to().toString(Qt::ISODate),
            csvField(r.environment), QString::number(r.frequency.deploymentDaysPerWeek),
            QString::number(r.frequency.deployments), optional(r.leadTime.medianHours),
            QString::number(r.leadTime.changes), optional(r.failureRate.rate, 4),
            QString::number(r.failureRate.failed), QString::number(r.failureRate.deployments),
            optional(r.timeToRestore.medianHours), QString::number(r.timeToRestore.incidents) }
                   .join(QLatin1Char(','))
            + QStringLiteral("\r\n");
    }
    return csv;
}

} // namespace devdash::ui
