#include "RunDetailView.h"

#include "TestStatusStyle.h"
#include "common/DisplayTime.h"
#include "common/Theme.h"

#include "testresults/RunListModel.h"
#include "testresults/SourceLinks.h"
#include "testresults/TestRun.h"

#include <QLocale>
#include <QUrl>

namespace devdash::ui {

using namespace testresults;

namespace {
QString muted(const QString &text)
{
    return QStringLiteral("<span style='color:%1'>%2</span>")
        .arg(Theme::mutedText().name(), text.toHtmlEscaped());
}
} // namespace

RunDetailView::RunDetailView(QWidget *parent)
    : QTextBrowser(parent)
{
    setFrameShape(QFrame::NoFrame);
    setOpenLinks(false);
    document()->setDocumentMargin(10);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("source"))
            activateLink(url.path().toInt());
    });
}

void RunDetailView::activateLink(int index)
{
    if (index >= 0 && index < m_links.size())
        Q_EMIT sourceLinkActivated(m_links.at(index).file, m_links.at(index).line);
}

QString RunDetailView::linkified(const QString &text)
{
    // Only references to files of the repository become links: no dead links, and
    // nothing outside the repository is ever offered.
    QString html;
    qsizetype at = 0;
    for (const testresults::SourceLocation &location : testresults::SourceLinks::find(text)) {
        if (m_root.isEmpty() || !testresults::SourceLinks::resolve(m_root, location.file))
            continue;
        html += text.mid(at, location.start - at).toHtmlEscaped();
        html += QStringLiteral("<a href=\"source:%1\">%2</a>")
                    .arg(m_links.size())
                    .arg(text.mid(location.start, location.length).toHtmlEscaped());
        m_links.append({ location.file, location.line });
        at = location.start + location.length;
    }
    return html + text.mid(at).toHtmlEscaped();
}

QString RunDetailView::block(const QString &title, const QString &text)
{
    if (text.trimmed().isEmpty())
        return {};
    return QStringLiteral("<h4 style='margin-bottom:2px'>%1</h4><pre style='margin-top:0'>%2</pre>")
        .arg(title.toHtmlEscaped(), linkified(text));
}

void RunDetailView::showCase(const CaseResult &result)
{
    m_links.clear();
    const QColor color = TestStatusStyle::color(result.status);
    QString html = QStringLiteral("<h3 style='margin-bottom:2px'>%1</h3>").arg(result.name.toHtmlEscaped());
    html += QStringLiteral("<p style='margin-top:0'><b style='color:%1'>%2</b> · %3 · %4</p>")
                .arg(color.name(), result.flaky ? tr("passed on retry") : statusName(result.status),
                    formatDuration(result.durationS),
                    muted(result.className.isEmpty() ? result.suite : result.className));
    if (!result.file.isEmpty()) {
        const QString where
            = result.line > 0 ? QStringLiteral("%1:%2").arg(result.file).arg(result.line) : result.file;
        const QString linked = result.line > 0 ? linkified(where) : where.toHtmlEscaped();
        html += QStringLiteral("<p style='color:%1'>%2</p>").arg(Theme::mutedText().name(), linked);
    }
    if (!result.message.isEmpty() || !result.type.isEmpty())
        html += block(
            result.type.isEmpty() ? tr("Message") : tr("Message (%1)").arg(result.type), result.message);
    html += block(tr("Stack trace"), result.details);
    html += block(tr("Standard output"), result.systemOut);
    html += block(tr("Standard error"), result.systemErr);
    if (!result.retries.empty()) {
        html += QStringLiteral("<h4>%1</h4><ol>").arg(tr("Earlier attempts"));
        for (const TestAttempt &attempt : result.retries) {
            html += QStringLiteral("<li><b style='color:%1'>%2</b> %3 — %4</li>")
                        .arg(TestStatusStyle::color(attempt.status).name(), statusName(attempt.status),
                            formatDuration(attempt.durationS), attempt.message.toHtmlEscaped());
        }
        html += QStringLiteral("</ol>");
    }
    if (result.status == TestStatus::Passed && result.retries.empty() && result.systemOut.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(muted(tr("Passed: nothing more to show.")));
    setHtml(html);
}

void RunDetailView::showSuite(const SuiteResult &suite)
{
    m_links.clear();
    int failing = 0;
    int skipped = 0;
    for (const CaseResult &result : suite.cases) {
        failing += isFailing(result.status) ? 1 : 0;
        skipped += result.status == TestStatus::Skipped ? 1 : 0;
    }
    QString html = QStringLiteral("<h3>%1</h3>").arg(suite.path.toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("%1 tests, %2 failing, %3 skipped, %4")
                         .arg(suite.cases.size())
                         .arg(failing)
                         .arg(skipped)
                         .arg(formatDuration(suite.durationS)));
    if (!suite.file.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(muted(suite.file));
    if (!suite.hostname.isEmpty() || suite.timestamp.isValid())
        html += QStringLiteral("<p>%1</p>")
                    .arg(muted(QStringLiteral("%1 %2").arg(suite.hostname,
                        suite.timestamp.isValid() ? DisplayTime::format(suite.timestamp) : QString())));
    setHtml(html);
}

void RunDetailView::showRun(const RunDetails &details)
{
    m_links.clear();
    const RunSummary &run = details.run;
    QString html = QStringLiteral("<h3>%1</h3>").arg(tr("Run #%1").arg(run.id));
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("%1 tests: %2 passed, %3 failed, %4 errors, %5 skipped, in %6")
                         .arg(run.counts.tests)
                         .arg(run.counts.passed)
                         .arg(run.counts.failed)
                         .arg(run.counts.errored)
                         .arg(run.counts.skipped)
                         .arg(formatDuration(run.counts.durationS)));
    html += QStringLiteral("<p>%1</p>")
                .arg(muted(tr("Commit %1 on %2, from %3, imported %4")
                               .arg(run.commit.left(12), run.branch, run.source,
                                   DisplayTime::format(run.importedAt))));
    if (!details.reports.isEmpty()) {
        html += QStringLiteral("<h4>%1</h4><ul>").arg(tr("Reports"));
        for (const RunReportFile &file : details.reports)
            html += QStringLiteral("<li>%1 %2</li>")
                        .arg(file.file.toHtmlEscaped(),
                            muted(QStringLiteral("(%1 %2)").arg(file.format, file.tool)));
        html += QStringLiteral("</ul>");
    }
    html += QStringLiteral("<p>%1</p>").arg(muted(tr("Select a test to see its failure, trace and output.")));
    setHtml(html);
}

void RunDetailView::showMessage(const QString &text)
{
    m_links.clear();
    setHtml(QStringLiteral("<p>%1</p>").arg(muted(text)));
}

} // namespace devdash::ui
