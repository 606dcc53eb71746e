#include "DeploymentsPage.h"

#include "DoraPanel.h"
#include "SprintReport.h"
#include "ci/CiConfig.h"
#include "common/BackgroundJob.h"
#include "common/DisplayTime.h"
#include "common/ExternalUrl.h"
#include "common/Icons.h"
#include "common/LabelToolTips.h"
#include "common/Theme.h"
#include "common/Workspace.h"
#include "deploy/CiDeploymentImport.h"
#include "deploy/DeploymentTimelineModel.h"
#include "tests/ChartExport.h"
#include "tests/TestStoreAccess.h"

#include <QChartView>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include <utility>

namespace devdash::ui {

using namespace devdash::deploy;

namespace {

// Failures in red, rollbacks in orange: the timeline is read by its colours first.
class TimelineDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(DeploymentTimelineModel::RollbackRole).toBool())
            option->palette.setColor(QPalette::Text, DoraPanel::levelColor(PerformanceLevel::Medium));
        else if (index.data(DeploymentTimelineModel::StatusRole).toInt() == int(DeploymentStatus::Failure))
            option->palette.setColor(QPalette::Text, DoraPanel::levelColor(PerformanceLevel::Low));
    }
};

} // namespace

DeploymentsPage::DeploymentsPage(Workspace *workspace, QWidget *parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_environment(new QComboBox(this))
    , m_sprint(new QComboBox(this))
    , m_diffAhead(new QComboBox(this))
    , m_diffBase(new QComboBox(this))
    , m_nowRunning(new QLabel(this))
    , m_message(new QLabel(this))
    , m_dora(new DoraPanel(this))
    , m_tabs(new QTabWidget(this))
    , m_timelineView(new QTableView(this))
    , m_timeline(new DeploymentTimelineModel(this))
    , m_diff(new QTextBrowser(this))
{
    for (QComboBox *combo : { m_environment, m_sprint, m_diffAhead, m_diffBase })
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents); // names and dates in full
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Environment:"), this));
    bar->addWidget(m_environment);
    bar->addWidget(new QLabel(tr("Sprint:"), this));
    bar->addWidget(m_sprint);
    bar->addStretch(1);
    auto button = [&](const QString &text, const QString &icon, auto slot) {
        auto *b = new QPushButton(icon.isEmpty() ? QIcon() : Icons::get(icon), text, this);
        connect(b, &QPushButton::clicked, this, slot);
        bar->addWidget(b);
        return b;
    };
    QPushButton *refreshButton = button(tr("Refresh"), QStringLiteral("refresh"), [this] { refresh(); });
    // One menu for the exports: three buttons left the sprint's dates no room on a laptop.
    auto *exportButton = new QPushButton(tr("Export"), this);
    exportButton->setObjectName(QStringLiteral("deploymentsExport"));
    auto *exportMenu = new QMenu(exportButton);
    exportMenu->addAction(
        tr("DORA Metrics as CSV…"), this, [this] { chooseAndExport(QStringLiteral("csv")); });
    exportMenu->addAction(tr("Chart as PNG…"), this, [this] { chooseAndExport(QStringLiteral("png")); });
    exportMenu->addAction(
        tr("Sprint Report (PDF)…"), this, [this] { chooseAndExport(QStringLiteral("pdf")); });
    exportButton->setMenu(exportMenu);
    bar->addWidget(exportButton);
    // Tab in reading order: the whole bar before the chart and the timeline.
    setTabOrder(m_sprint, refreshButton);
    setTabOrder(refreshButton, exportButton);
    layout->addLayout(bar);
    m_message->setTextFormat(Qt::PlainText); // errors name files and servers
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);

    auto *split = new QSplitter(Qt::Vertical, this);
    auto *top = new QWidget(split);
    auto *topLayout = new QHBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    m_nowRunning->setTextFormat(Qt::RichText);
    m_nowRunning->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_nowRunning->setWordWrap(true);
    m_nowRunning->setMinimumWidth(250);
    m_nowRunning->setMaximumWidth(320);
    m_nowRunning->setFrameShape(QFrame::StyledPanel);
    m_nowRunning->setMargin(8);
    LabelToolTips::install(m_nowRunning); // the exact times
    topLayout->addWidget(m_nowRunning);
    topLayout->addWidget(m_dora, 1);
    split->addWidget(top);

    m_timelineView->setModel(m_timeline);
    m_timelineView->setItemDelegate(new TimelineDelegate(m_timelineView));
    m_timelineView->verticalHeader()->hide();
    m_timelineView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timelineView->horizontalHeader()->setStretchLastSection(true);
    m_timelineView->setAlternatingRowColors(true);
    m_tabs->addTab(m_timelineView, tr("Timeline"));
    auto *diffPane = new QWidget(m_tabs);
    auto *diffLayout = new QVBoxLayout(diffPane);
    auto *diffBar = new QHBoxLayout;
    diffBar->addWidget(new QLabel(tr("In"), diffPane));
    diffBar->addWidget(m_diffAhead);
    diffBar->addWidget(new QLabel(tr("and not yet in"), diffPane));
    diffBar->addWidget(m_diffBase);
    diffBar->addStretch(1);
    diffLayout->addLayout(diffBar);
    // Issue links come from the repository's settings ("issues.url"): opened by
    // DevDash itself, http and https only, never by the browser widget.
    m_diff->setOpenLinks(false);
    m_diff->setOpenExternalLinks(false);
    connect(m_diff, &QTextBrowser::anchorClicked, this, [](const QUrl &url) { ExternalUrl::open(url); });
    diffLayout->addWidget(m_diff, 1);
    m_tabs->addTab(diffPane, tr("Release diff"));
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_environment, &QComboBox::currentTextChanged, this, [this](const QString &env) {
        if (!m_filling)
            setEnvironment(env);
    });
    connect(m_sprint, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling)
            setSprint(m_sprint->currentData().toInt());
    });
    auto diffChanged = [this] {
        if (!m_filling)
            setDiffEnvironments(m_diffAhead->currentText(), m_diffBase->currentText());
    };
    connect(m_diffAhead, &QComboBox::currentTextChanged, this, diffChanged);
    connect(m_diffBase, &QComboBox::currentTextChanged, this, diffChanged);
    connect(m_timelineView, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT historyRequested(QString(), index.data(DeploymentTimelineModel::CommitRole).toString());
    });
}

DeploymentsPage::~DeploymentsPage()
{
    m_ciCancel.cancel(); // a fetch still running stops at its next request
}

QIcon DeploymentsPage::icon() const
{
    return Icons::get(QStringLiteral("deployments"));
}

void DeploymentsPage::setRepository(const QString &path)
{
    ++m_generation;
    m_repoPath = path;
    m_snapshot.reset();
    m_request = {};
    m_selectEnvironment.clear();
    auto location = TestStoreAccess::location();
    m_locationError = location ? QString() : location.errorMessage();
    m_location = location ? std::optional<store::StoreLocation>(*location) : std::nullopt;
    m_timeline->setRows({});
    load();
    fetchFromCi();
}

void DeploymentsPage::refresh()
{
    load();
    fetchFromCi();
}

void DeploymentsPage::fetchFromCi()
{
    m_ciCancel.cancel();
    m_ciCancel = CancelToken();
    if (m_repoPath.isEmpty() || !m_location)
        return;
    const quint64 generation = m_generation;
    // The configuration is a file: read on a worker like everything else.
    runInBackground(
        this,
        [path = m_repoPath]() -> bool {
            auto config = ci::CiConfig::load(path);
            return config && !config->sources().isEmpty();
        },
        [this, generation](bool configured) {
            if (!configured || generation != m_generation)
                return;
            deploy::CiDeploymentImport::importInBackground(this, *m_location, m_repoPath, m_ciCancel,
                [this, generation](Result<deploy::CiDeploymentSummary> summary) {
                    if (generation != m_generation)
                        return;
                    if (!summary) {
                        Q_EMIT statusMessage(tr("Deployments from CI: %1").arg(summary.errorMessage()));
                        return;
                    }
                    if (!summary->failures.isEmpty()) // the rest was stored and is shown
                        Q_EMIT statusMessage(tr("Deployments from CI, not all loaded: %1")
                                                 .arg(summary->failures.join(QStringLiteral("; "))));
                    if (summary->added + summary->updated > 0) {
                        Q_EMIT statusMessage(tr("Deployments from CI: %1 new, %2 updated")
                                                 .arg(summary->added)
                                                 .arg(summary->updated));
                        load();
                    }
                });
        });
}

void DeploymentsPage::setEnvironment(const QString &environment)
{
    m_request.environment = environment;
    m_request.diffBase.clear();
    m_request.diffEnvironment.clear();
    load();
}

void DeploymentsPage::showEnvironment(const QString &environment)
{
    m_tabs->setCurrentWidget(m_timelineView);
    m_selectEnvironment = environment;
    setEnvironment(environment);
}

void DeploymentsPage::setSprint(int number)
{
    m_request.sprint = number;
    load();
}

void DeploymentsPage::setDiffEnvironments(const QString &ahead, const QString &base)
{
    m_request.diffEnvironment = ahead;
    m_request.diffBase = base;
    load();
}

void DeploymentsPage::load()
{
    if (m_repoPath.isEmpty())
        return;
    if (!m_location) {
        showError(m_locationError);
        return;
    }
    ++m_pending;
    Q_EMIT readyChanged();
    runJob(
        m_workspace->jobs(), tr("Reading deployments"), this,
        [location = *m_location, path = m_repoPath, request = m_request](
            const JobContext &job) -> Result<DeploymentsSnapshot> {
            auto db = TestStoreAccess::open(location);
            if (!db)
                return db.error();
            return DeploymentsSnapshot::build(*db, path, request, job.token);
        },
        [this, generation = m_generation](Result<DeploymentsSnapshot> result) {
            --m_pending;
            if (generation == m_generation) {
                if (result)
                    show(std::move(result.value()));
                else
                    showError(result.errorMessage());
            }
            Q_EMIT readyChanged();
        });
}

void DeploymentsPage::showError(const QString &message)
{
    m_message->setText(tr("Could not read the deployments: %1").arg(message));
    m_message->show();
}

QString DeploymentsPage::errorText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void DeploymentsPage::fillCombos()
{
    const DeploymentsSnapshot &s = *m_snapshot;
    m_filling = true;
    m_environment->clear();
    m_environment->addItems(s.environments);
    m_environment->setCurrentText(s.environment);
    m_sprint->clear();
    for (qsizetype i = s.sprints.size(); i-- > 0;) {
        const Sprint &sprint = s.sprints.at(i);
        m_sprint->addItem(QStringLiteral("%1 (%2 – %3)")
                              .arg(sprint.name, QLocale().toString(sprint.first, QLocale::ShortFormat),
                                  QLocale().toString(sprint.last, QLocale::ShortFormat)),
            sprint.number);
    }
    m_sprint->setCurrentIndex(std::max(0, m_sprint->findData(s.sprintSummary.sprint.number)));
    m_diffAhead->clear();
    m_diffAhead->addItems(s.environments);
    m_diffAhead->setCurrentText(s.diffEnvironment);
    m_diffBase->clear();
    m_diffBase->addItems(s.environments);
    m_diffBase->setCurrentText(s.diffBase);
    m_filling = false;
}

void DeploymentsPage::show(DeploymentsSnapshot snapshot)
{
    m_snapshot = std::move(snapshot);
    const DeploymentsSnapshot &s = *m_snapshot;
    m_message->setVisible(s.timeline.isEmpty());
    if (s.timeline.isEmpty())
        m_message->setText(
            tr("No deployments yet. Record them with `devdash deploy record REPO --env NAME --commit "
               "SHA --status success`, or list tag patterns under \"environments\" in "
               ".devdash.json."));
    fillCombos();
    m_timeline->setRows(s.timeline);
    m_timelineView->resizeColumnsToContents();
    if (!m_selectEnvironment.isEmpty()) {
        const QString environment = std::exchange(m_selectEnvironment, QString());
        for (int row = 0; row < m_timeline->rowCount(); ++row) {
            const QModelIndex index = m_timeline->index(row, DeploymentTimelineModel::EnvironmentColumn);
            if (index.data().toString() == environment) {
                m_timelineView->setCurrentIndex(index);
                m_timelineView->scrollTo(index);
                break;
            }
        }
    }

    QString now = QStringLiteral("<b>%1</b>").arg(tr("Now running"));
    for (const QString &env : s.environments) {
        now += QStringLiteral("<p style=\"margin-top:8px\"><b>%1</b><br>").arg(env.toHtmlEscaped());
        const auto it = std::find_if(
            s.current.cbegin(), s.current.cend(), [&](const Deployment &d) { return d.environment == env; });
        if (it == s.current.cend()) {
            now += tr("nothing deployed yet") + QStringLiteral("</p>");
            continue;
        }
        now += QStringLiteral("<code>%1</code> %2<br><span style=\"color:%3\" title=\"%4\">%5%6</span></p>")
                   .arg(it->commit.left(10).toHtmlEscaped(), it->version.toHtmlEscaped(),
                       Theme::mutedText().name(), DisplayTime::exact(it->at).toHtmlEscaped(),
                       DisplayTime::format(it->at).toHtmlEscaped(),
                       it->by.isEmpty() ? QString() : tr(" · by %1").arg(it->by.toHtmlEscaped()));
    }
    if (!s.sprintsConfigured && !s.sprints.isEmpty())
        now += QStringLiteral("<p style=\"color:%1\">%2</p>")
                   .arg(Theme::mutedText().name(),
                       tr("Sprints: two weeks from the first deployment (set \"sprints\" in "
                          ".devdash.json)."));
    m_nowRunning->setText(now);
    m_dora->show(s.dora, s.perSprint);

    QString diff;
    if (!s.diff) {
        diff = s.diffMessage.toHtmlEscaped();
    } else {
        const ReleaseDiffResult &d = *s.diff;
        diff = tr("<p><b>%n commit(s)</b> in %1 and not yet in %2%3.</p>", nullptr, int(d.commits.size()))
                   .arg(s.diffEnvironment.toHtmlEscaped(), s.diffBase.toHtmlEscaped(),
                       d.diverged ? tr(" (the two have diverged)") : QString());
        QStringList keys;
        for (const QString &key : d.issueKeys) {
            const QString url = s.config.issueUrl(key);
            // A key is whatever the commit messages hold; the link only when it is a web page.
            keys << (url.isEmpty() || !ExternalUrl::isAllowed(QUrl(url))
                    ? key.toHtmlEscaped()
                    : QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toHtmlEscaped(), key.toHtmlEscaped()));
        }
        diff += QStringLiteral("<p><b>%1</b> %2<br><b>%3</b> %4<br><b>%5</b> %6</p>")
                    .arg(tr("Merged branches:"),
                        d.mergedBranches.isEmpty()
                            ? tr("none")
                            : d.mergedBranches.join(QStringLiteral(", ")).toHtmlEscaped(),
                        tr("Issues:"), keys.isEmpty() ? tr("none") : keys.join(QStringLiteral(", ")),
                        tr("Migrations:"),
                        d.migrations.isEmpty() ? tr("none")
                                               : d.migrations.join(QStringLiteral(", ")).toHtmlEscaped());
        diff += QStringLiteral("<ul>");
        for (const ReleaseCommit &c : d.commits)
            diff += QStringLiteral("<li><code>%1</code> %2 <span style=\"color:%3\">— %4%5</span></li>")
                        .arg(c.commit.left(10).toHtmlEscaped(), c.summary.toHtmlEscaped(),
                            Theme::mutedText().name(), c.author.toHtmlEscaped(),
                            c.mergedBranch.isEmpty() ? QString()
                                                     : tr(", merges %1").arg(c.mergedBranch.toHtmlEscaped()));
        diff += QStringLiteral("</ul>");
    }
    m_diff->setHtml(diff);
}

QString DeploymentsPage::nowRunningText() const
{
    return m_nowRunning->text();
}

QString DeploymentsPage::releaseDiffText() const
{
    return m_diff->toPlainText();
}

Result<void> DeploymentsPage::exportCsv(const QString &path) const
{
    if (!m_snapshot)
        return Error { tr("Nothing to export yet: the deployments are still loading.") };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error { tr("Could not write %1: %2").arg(path, file.errorString()) };
    file.write(SprintReport::metricsCsv(*m_snapshot).toUtf8());
    if (!file.commit())
        return Error { tr("Could not write %1: %2").arg(path, file.errorString()) };
    return {};
}

Result<void> DeploymentsPage::exportPng(const QString &path)
{
    return ChartExport::savePng(m_dora->chartView(), path);
}

Result<void> DeploymentsPage::exportSprintReport(const QString &path) const
{
    if (!m_snapshot)
        return Error { tr("Nothing to report yet: the deployments are still loading.") };
    return SprintReport::savePdf(*m_snapshot, m_workspace->info().displayName, path);
}

void DeploymentsPage::chooseAndExport(const QString &kind)
{
    const QString filter = kind == QLatin1String("csv") ? tr("CSV (*.csv)")
        : kind == QLatin1String("png")                  ? tr("PNG image (*.png)")
                                                        : tr("PDF (*.pdf)");
    const QString base
        = kind == QLatin1String("pdf") ? QStringLiteral("sprint-report") : QStringLiteral("dora");
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export"), base + QLatin1Char('.') + kind, filter);
    if (path.isEmpty())
        return;
    const Result<void> result = kind == QLatin1String("csv") ? exportCsv(path)
        : kind == QLatin1String("png")                       ? exportPng(path)
                                                             : exportSprintReport(path);
    Q_EMIT statusMessage(result ? tr("Saved %1").arg(path) : result.errorMessage());
}

} // namespace devdash::ui
