#include "OverviewPage.h"

#include "OverviewCard.h"
#include "Sparkline.h"

#include "common/BackgroundJob.h"
#include "common/DisplayTime.h"
#include "common/ExternalUrl.h"
#include "common/Icons.h"
#include "common/Workspace.h"
#include "overview/CommitOverviewLoader.h"
#include "overview/OverviewLoader.h"
#include "pipelines/PipelineStatusStyle.h"
#include "testresults/RunSources.h"
#include "tests/TestStoreAccess.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QUrl>
#include <QVBoxLayout>

namespace devdash::ui {

using namespace devdash::overview;

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// "kind:value" with the value percent-encoded: test keys, paths and names may hold
// spaces, colons or quotes. openLink() decodes it.
QString href(const QString &kind, const QString &value)
{
    return kind + QLatin1Char(':') + QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QString commitLink(const QString &id)
{
    return QStringLiteral("<a href=\"commit:%1\"><code>%2</code></a>").arg(esc(id), esc(id.left(8)));
}

QString statusSpan(ci::RunStatus status)
{
    return QStringLiteral("<span style=\"color:%1\">&#9679; %2</span>")
        .arg(PipelineStatusStyle::color(status).name(), esc(PipelineStatusStyle::label(status)));
}

QString aheadBehind(int ahead, int behind, const QString &other)
{
    if (ahead < 0)
        return {};
    if (ahead == 0 && behind == 0)
        return OverviewPage::tr("up to date with %1").arg(esc(other));
    return OverviewPage::tr("%1 ahead, %2 behind %3").arg(ahead).arg(behind).arg(esc(other));
}

QString when(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return QStringLiteral("<span title=\"%1\">%2</span>")
        .arg(esc(DisplayTime::exact(time)), esc(DisplayTime::format(time)));
}

QString branchHtml(const BranchSection &s)
{
    if (s.headCommit.isEmpty())
        return OverviewPage::tr("The repository has no commits yet.");
    QStringList lines;
    lines << (s.currentBranch.isEmpty()
            ? OverviewPage::tr("HEAD is detached at %1").arg(commitLink(s.headCommit))
            : OverviewPage::tr("On <a href=\"branch:%1\"><b>%2</b></a> at %3")
                  .arg(esc(s.currentBranch), esc(s.currentBranch), commitLink(s.headCommit)));
    lines << esc(s.headSummary);
    if (!s.upstream.isEmpty())
        lines << aheadBehind(s.aheadUpstream, s.behindUpstream, s.upstream);
    else if (!s.currentBranch.isEmpty())
        lines << OverviewPage::tr("No upstream branch");
    // The default branch is often the upstream itself: said once.
    if (s.aheadDefault >= 0 && s.defaultBranch != s.upstream)
        lines << aheadBehind(s.aheadDefault, s.behindDefault, s.defaultBranch)
                + QStringLiteral(" — <a href=\"compare:%1\">%2</a>")
                      .arg(esc(s.defaultBranch), OverviewPage::tr("compare"));
    return lines.join(QStringLiteral("<br>"));
}

QString pipelinesHtml(const PipelinesSection &s)
{
    if (s.branches.isEmpty())
        return OverviewPage::tr("No pipeline runs yet. Configure CI in <code>.devdash.json</code> or "
                                "<a href=\"page:pipelines\">run the pipeline locally</a>.");
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    for (const BranchPipeline &b : s.branches) {
        html += QStringLiteral("<tr><td>%1%2</td><td>&nbsp;%3</td><td>&nbsp;%4</td><td>&nbsp;%5</td></tr>")
                    .arg(b.watched ? QStringLiteral("&#9733; ") : QString(),
                        QStringLiteral("<a href=\"%1\">%2</a>")
                            .arg(href(QStringLiteral("pipelines"), b.branch), esc(b.branch)),
                        statusSpan(b.run.status),
                        b.run.commit.isEmpty() ? QString() : commitLink(b.run.commit),
                        when(b.run.startedAt.isValid() ? b.run.startedAt : b.run.finishedAt));
    }
    html += QStringLiteral("</table>");
    if (s.branchesWithRuns > s.branches.size())
        html += OverviewPage::tr("<br>and %1 more branches with runs")
                    .arg(s.branchesWithRuns - s.branches.size());
    return html;
}

QString testsHtml(const TestsSection &s)
{
    if (s.latestBySource.isEmpty())
        return OverviewPage::tr("No test runs yet. Drop JUnit reports on the window or "
                                "<a href=\"page:tests\">import them</a>.");
    // One line per source: a local run of a few tests never hides the CI run's failures.
    auto runText = [](const testresults::RunSummary &run) {
        return OverviewPage::tr("%1 tests, <b>%2 failing</b>, %3 skipped — %4 on %5")
            .arg(run.counts.tests)
            .arg(run.counts.failed + run.counts.errored)
            .arg(run.counts.skipped)
            .arg(commitLink(run.commit), esc(run.branch));
    };
    QString html;
    if (s.latestBySource.size() == 1) {
        html = OverviewPage::tr("Latest run: %1").arg(runText(s.latestBySource.constFirst()));
    } else {
        html = OverviewPage::tr("Latest runs by source:");
        for (const testresults::RunSummary &run : s.latestBySource)
            html += QStringLiteral("<br>&nbsp;&nbsp;%1: %2")
                        .arg(esc(testresults::RunSources::family(run.source)), runText(run));
    }
    if (s.flaky.isEmpty()) {
        html += OverviewPage::tr("<br>No flaky tests.");
    } else {
        html += OverviewPage::tr("<br><b>%n flaky test(s)</b>:", nullptr, s.flakyTotal);
        for (const auto &f : s.flaky)
            // One arg() call: a second would replace the %3 of an encoded "::" too.
            html += QStringLiteral("<br>&nbsp;&nbsp;<a href=\"%1\">%2</a> (%3%)")
                        .arg(href(QStringLiteral("flaky"), f.key),
                            esc(f.className.isEmpty() ? f.name : f.className + QStringLiteral("::") + f.name),
                            QString::number(qRound(f.rate * 100)));
    }
    return html;
}

QString databasesHtml(const QList<EnvironmentMigrations> &list)
{
    if (list.isEmpty())
        return OverviewPage::tr("No databases configured. Add <code>databases</code> to "
                                "<code>.devdash.json</code> or <a href=\"page:database\">connect one</a>.");
    QStringList lines;
    for (const EnvironmentMigrations &e : list) {
        QString line = QStringLiteral("<b>%1</b>").arg(esc(e.environment));
        if (!e.error.isEmpty()) {
            line += QStringLiteral(" — <span style=\"color:#d64541\">%1</span>").arg(esc(e.error));
        } else if (e.inSync()) {
            line += OverviewPage::tr(" — <span style=\"color:#2e9d5b\">in sync</span> (%1 applied, %2)")
                        .arg(e.applied)
                        .arg(esc(e.framework));
        } else {
            QStringList drift;
            if (e.pending)
                drift << OverviewPage::tr("%1 pending").arg(e.pending);
            if (e.failed)
                drift << OverviewPage::tr("%1 failed").arg(e.failed);
            if (e.missing)
                drift << OverviewPage::tr("%1 missing").arg(e.missing);
            if (e.checksumMismatch)
                drift << OverviewPage::tr("%1 changed since applied").arg(e.checksumMismatch);
            line += QStringLiteral(" — <span style=\"color:#c77c02\">%1</span> (%2 applied, %3)")
                        .arg(drift.join(QStringLiteral(", ")))
                        .arg(e.applied)
                        .arg(esc(e.framework));
        }
        lines << QStringLiteral("<a href=\"%1\">%2</a>")
                     .arg(href(QStringLiteral("database"), e.environment), line);
    }
    return lines.join(QStringLiteral("<br>"));
}

QString deploymentsHtml(const DeploymentsSection &s)
{
    if (s.environments.isEmpty())
        return OverviewPage::tr("No deployments yet. Record one with <code>devdash deploy record</code> "
                                "or name deploy tags in <code>.devdash.json</code>.");
    QStringList lines;
    for (const EnvironmentDeployment &e : s.environments) {
        QString line = QStringLiteral("<a href=\"%1\"><b>%2</b></a>: ")
                           .arg(href(QStringLiteral("deployments"), e.environment), esc(e.environment));
        if (!e.current) {
            line += OverviewPage::tr("nothing deployed successfully yet");
        } else {
            const auto &d = *e.current;
            line += commitLink(d.commit);
            if (!d.version.isEmpty())
                line += QStringLiteral(" (%1)").arg(esc(d.version));
            line += QStringLiteral(" %1").arg(when(d.at));
            if (!d.by.isEmpty())
                line += OverviewPage::tr(" by %1").arg(esc(d.by));
            if (e.currentIsRollback)
                line += OverviewPage::tr(" <span style=\"color:#c77c02\">rollback</span>");
            if (e.commitsBehind > 0)
                line += OverviewPage::tr(" — %n commit(s) behind %1", nullptr, e.commitsBehind)
                            .arg(esc(s.baseRef));
        }
        if (e.latest && e.latest->isFailure())
            line += OverviewPage::tr(" <span style=\"color:#d64541\">last deployment failed %1</span>")
                        .arg(when(e.latest->at));
        lines << line;
    }
    return lines.join(QStringLiteral("<br>"));
}

QString commitHtml(const CommitOverview &c)
{
    QStringList lines;
    lines << QStringLiteral("%1 <b>%2</b><br>%3, %4")
                 .arg(commitLink(c.commit), esc(c.summary), esc(c.author), when(c.authoredAt));
    // Pipelines.
    if (c.pipelines.isEmpty()) {
        lines << OverviewPage::tr("Pipelines: none ran on this commit");
    } else {
        QStringList runs;
        for (const auto &run : c.pipelines)
            runs << QStringLiteral("%1 %2").arg(esc(run.name), statusSpan(run.status));
        lines << OverviewPage::tr("Pipelines: <a href=\"page:pipelines\">%1</a>")
                     .arg(runs.join(QStringLiteral(", ")));
    }
    // Tests.
    if (c.testRuns.isEmpty())
        lines << OverviewPage::tr("Tests: no run for this commit");
    for (const CommitOverview::TestRunOfSource &t : c.testRuns) {
        // Each source on its own line when there are several (a local run beside CI's).
        const QString label = c.testRuns.size() > 1
            ? OverviewPage::tr("Tests (%1)").arg(esc(testresults::RunSources::family(t.run.source)))
            : OverviewPage::tr("Tests");
        // One arg() call each: the label holds a source name, which may hold "%1".
        if (!t.delta)
            lines << OverviewPage::tr("%1: <a href=\"testrun:%2\">%3 tests, %4 failing</a> (no run of its parent to "
                                      "compare)")
                         .arg(label, QString::number(t.run.id), QString::number(t.run.counts.tests),
                             QString::number(t.run.counts.failed + t.run.counts.errored));
        else
            lines << OverviewPage::tr("%1: <a href=\"testrun:%2\">%3 new failures, %4 fixed, %5 new tests</a> "
                                      "against its parent")
                         .arg(label, QString::number(t.run.id), QString::number(t.delta->newFailures.size()),
                             QString::number(t.delta->fixed.size()), QString::number(t.delta->newTests.size()));
    }
    // Migrations.
    if (c.migrationsAdded.isEmpty()) {
        lines << OverviewPage::tr("Migrations: adds none");
    } else {
        // Each file its own link: the Migrations tab with that migration selected.
        QStringList names;
        for (const QString &path : c.migrationsAdded)
            names << QStringLiteral("<a href=\"%1\"><code>%2</code></a>")
                         .arg(href(QStringLiteral("migration"), path),
                             esc(path.section(QLatin1Char('/'), -1)));
        lines << OverviewPage::tr("Migrations: adds %1").arg(names.join(QStringLiteral(", ")));
    }
    // Environments.
    QStringList reached;
    for (const auto &r : c.reached)
        reached << OverviewPage::tr("%1 %2").arg(
            QStringLiteral("<a href=\"%1\">%2</a>")
                .arg(href(QStringLiteral("deployments"), r.environment), esc(r.environment)),
            when(r.deployment.at));
    if (reached.isEmpty() && c.notReached.isEmpty())
        lines << OverviewPage::tr("Environments: no deployments recorded");
    else {
        QStringList parts;
        if (!reached.isEmpty())
            parts << OverviewPage::tr("in %1").arg(reached.join(QStringLiteral(", ")));
        if (!c.notReached.isEmpty())
            parts << OverviewPage::tr("not yet in %1").arg(esc(c.notReached.join(QStringLiteral(", "))));
        lines << OverviewPage::tr("Environments: %1").arg(parts.join(QStringLiteral("; ")));
    }
    return lines.join(QStringLiteral("<br>"));
}

} // namespace

OverviewPage::OverviewPage(Workspace *workspace, QWidget *parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_heading(new QLabel(this))
    , m_commitField(new QLineEdit(this))
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *grid = new QGridLayout(content);
    grid->setContentsMargins(16, 12, 16, 16);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(12);

    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.5);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setTextFormat(Qt::PlainText); // the repository folder's name
    grid->addWidget(m_heading, 0, 0, 1, 2);

    m_branchCard = new OverviewCard(tr("Branch"), QStringLiteral("branches"), content);
    m_pipelinesCard = new OverviewCard(tr("Pipelines"), QStringLiteral("pipelines"), content);
    m_testsCard = new OverviewCard(tr("Tests"), QStringLiteral("tests"), content);
    m_sparkline = new Sparkline(m_testsCard);
    m_sparkline->setToolTip(tr("The last test runs: passed, skipped and failing tests"));
    m_testsCard->extraLayout()->addWidget(m_sparkline);
    m_databasesCard = new OverviewCard(tr("Databases"), QStringLiteral("database"), content);
    m_deploymentsCard = new OverviewCard(tr("Deployments"), QStringLiteral("deployments"), content);
    m_commitCard = new OverviewCard(tr("Commit"), QStringLiteral("history"), content);
    m_commitField->setPlaceholderText(tr("Commit, branch or tag (Enter) — HEAD when empty"));
    m_commitField->setClearButtonEnabled(true);
    m_commitCard->extraLayout()->addWidget(m_commitField);
    connect(m_commitField, &QLineEdit::returnPressed, this,
        [this] { showCommit(m_commitField->text().trimmed()); });

    grid->addWidget(m_branchCard, 1, 0);
    grid->addWidget(m_pipelinesCard, 1, 1);
    grid->addWidget(m_testsCard, 2, 0);
    grid->addWidget(m_deploymentsCard, 2, 1);
    grid->addWidget(m_databasesCard, 3, 0);
    grid->addWidget(m_commitCard, 3, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(4, 1);
    m_branchCard->setObjectName(QStringLiteral("branchCard"));
    m_pipelinesCard->setObjectName(QStringLiteral("pipelinesCard"));
    m_testsCard->setObjectName(QStringLiteral("testsCard"));
    m_databasesCard->setObjectName(QStringLiteral("databasesCard"));
    m_deploymentsCard->setObjectName(QStringLiteral("deploymentsCard"));
    m_commitCard->setObjectName(QStringLiteral("commitCard"));
    m_commitField->setObjectName(QStringLiteral("commitField"));
    for (OverviewCard *card :
        { m_branchCard, m_pipelinesCard, m_testsCard, m_databasesCard, m_deploymentsCard, m_commitCard })
        connect(card, &OverviewCard::linkActivated, this, &OverviewPage::openLink);

    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

QIcon OverviewPage::icon() const
{
    return Icons::get(QStringLiteral("overview"));
}

void OverviewPage::setRepository(const QString &path)
{
    m_path = path;
    m_commit.clear();
    m_commitField->clear();
    load();
}

void OverviewPage::refresh()
{
    load();
}

void OverviewPage::showCommit(const QString &revision)
{
    m_commit = revision;
    if (m_commitField->text() != revision)
        m_commitField->setText(revision);
    ++m_generation; // an older commit card must not overwrite this one
    m_pending = 0;
    loadCommit();
}

template<typename Work, typename Done> void OverviewPage::start(const QString &title, Work work, Done done)
{
    ++m_pending;
    const quint64 generation = m_generation;
    runJob(m_workspace->jobs(), title, this, std::move(work),
        [this, generation, done = std::move(done)](auto result) mutable {
            if (generation != m_generation)
                return; // a newer load replaced this one
            done(std::move(result));
            finishOne(generation);
        });
}

void OverviewPage::finishOne(quint64 generation)
{
    if (generation != m_generation)
        return;
    if (--m_pending == 0)
        Q_EMIT readyChanged();
}

void OverviewPage::load()
{
    ++m_generation;
    m_pending = 0;
    if (m_path.isEmpty())
        return;
    const RepositoryInfo &info = m_workspace->info();
    m_heading->setText(info.displayName.isEmpty() ? m_path : info.displayName);
    for (OverviewCard *card :
        { m_branchCard, m_pipelinesCard, m_testsCard, m_databasesCard, m_deploymentsCard, m_commitCard })
        card->setLoading();

    const QString path = m_path;
    const QString key = TestStoreAccess::repositoryKey(info);
    const QStringList fallbackWatched { info.currentBranch, info.defaultBranch.shortName };
    const QString baseRef = info.defaultBranch.shortName;
    auto location = TestStoreAccess::location();
    if (!location) {
        for (OverviewCard *card : { m_pipelinesCard, m_testsCard, m_deploymentsCard, m_commitCard })
            card->setError(location.errorMessage());
    }

    start(
        tr("Overview: branch"), [path](const JobContext &) { return OverviewLoader::branch(path); },
        [this](Result<BranchSection> r) {
            r ? m_branchCard->setBody(branchHtml(*r)) : m_branchCard->setError(r.errorMessage());
        });
    start(
        tr("Overview: databases"),
        [path](const JobContext &job) { return OverviewLoader::migrations(path, job.token); },
        [this](Result<QList<EnvironmentMigrations>> r) {
            r ? m_databasesCard->setBody(databasesHtml(*r)) : m_databasesCard->setError(r.errorMessage());
        });
    if (!location)
        return;
    const store::StoreLocation where = *location;
    start(
        tr("Overview: pipelines"),
        [where, path, key, fallbackWatched](const JobContext &) -> Result<PipelinesSection> {
            auto db = TestStoreAccess::open(where);
            if (!db)
                return db.error();
            return OverviewLoader::pipelines(*db, path, key, fallbackWatched);
        },
        [this](Result<PipelinesSection> r) {
            r ? m_pipelinesCard->setBody(pipelinesHtml(*r)) : m_pipelinesCard->setError(r.errorMessage());
        });
    start(
        tr("Overview: tests"),
        [where, key](const JobContext &) -> Result<TestsSection> {
            auto db = TestStoreAccess::open(where);
            if (!db)
                return db.error();
            return OverviewLoader::tests(*db, key);
        },
        [this](Result<TestsSection> r) {
            if (!r) {
                m_testsCard->setError(r.errorMessage());
                return;
            }
            m_testsCard->setBody(testsHtml(*r));
            m_sparkline->setPoints(r->points);
        });
    start(
        tr("Overview: deployments"),
        [where, path, key, baseRef](const JobContext &job) -> Result<DeploymentsSection> {
            auto db = TestStoreAccess::open(where);
            if (!db)
                return db.error();
            return OverviewLoader::deployments(*db, path, key, baseRef, job.token);
        },
        [this](Result<DeploymentsSection> r) {
            r ? m_deploymentsCard->setBody(deploymentsHtml(*r))
              : m_deploymentsCard->setError(r.errorMessage());
        });
    loadCommit();
}

void OverviewPage::loadCommit()
{
    if (m_path.isEmpty())
        return;
    auto location = TestStoreAccess::location();
    if (!location) {
        m_commitCard->setError(location.errorMessage());
        return;
    }
    m_commitCard->setLoading();
    const store::StoreLocation where = *location;
    const QString path = m_path;
    const QString key = TestStoreAccess::repositoryKey(m_workspace->info());
    const QString revision = m_commit.isEmpty() ? QStringLiteral("HEAD") : m_commit;
    if (m_workspace->info().headUnborn && m_commit.isEmpty()) {
        m_commitCard->setBody(tr("The repository has no commits yet."));
        return;
    }
    start(
        tr("Overview: commit %1").arg(revision),
        [where, path, key, revision](const JobContext &job) -> Result<CommitOverview> {
            auto db = TestStoreAccess::open(where);
            if (!db)
                return db.error();
            return CommitOverviewLoader::load(*db, path, key, revision, job.token);
        },
        [this](Result<CommitOverview> r) {
            r ? m_commitCard->setBody(commitHtml(*r)) : m_commitCard->setError(r.errorMessage());
        });
}

void OverviewPage::openLink(const QString &link)
{
    const QString kind = link.section(QLatin1Char(':'), 0, 0);
    const QString value = QUrl::fromPercentEncoding(link.section(QLatin1Char(':'), 1).toUtf8());
    if (kind == QLatin1String("page"))
        Q_EMIT pageRequested(value);
    else if (kind == QLatin1String("commit"))
        Q_EMIT historyRequested(QString(), value);
    else if (kind == QLatin1String("branch"))
        Q_EMIT branchRequested(value);
    else if (kind == QLatin1String("compare"))
        Q_EMIT compareRequested(value, QStringLiteral("HEAD"));
    else if (kind == QLatin1String("pipelines"))
        Q_EMIT navigationRequested(Destination::pipelinesOfBranch(value));
    else if (kind == QLatin1String("flaky"))
        Q_EMIT navigationRequested(Destination::testHistory(value));
    else if (kind == QLatin1String("testrun"))
        Q_EMIT navigationRequested(Destination::testRun(value.toLongLong()));
    else if (kind == QLatin1String("database"))
        Q_EMIT navigationRequested(Destination::databaseEnvironment(value));
    else if (kind == QLatin1String("migration")) // files at the commit the card shows
        Q_EMIT navigationRequested(Destination::migration({}, value, m_commit));
    else if (kind == QLatin1String("deployments"))
        Q_EMIT navigationRequested(Destination::deploymentEnvironment(value));
    else if (kind == QLatin1String("url"))
        ExternalUrl::open(value); // http and https only
}

} // namespace devdash::ui
