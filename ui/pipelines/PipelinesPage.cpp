#include "PipelinesPage.h"

#include "CiSettingsDialog.h"
#include "CiTestImporter.h"
#include "JobLogLoader.h"
#include "LocalRunController.h"
#include "LogPanel.h"
#include "LogView.h"
#include "PipelineBanner.h"
#include "PipelineCiFeed.h"
#include "PipelineFilterBar.h"
#include "PipelineNotifier.h"
#include "PipelineRunFilter.h"
#include "PipelineRunTable.h"
#include "PipelineStatusStyle.h"
#include "StageGraphView.h"

#include "common/BackgroundJob.h"
#include "common/ExternalUrl.h"
#include "common/Icons.h"
#include "common/Workspace.h"
#include "tests/TestStoreAccess.h"

#include "ci/CiProvider.h"
#include "ci/LocalPipelineConfig.h"
#include "ci/PipelineRunModel.h"
#include "ci/PipelineRunStore.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDataStream>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace devdash::ui {

using ci::PipelineRun;
using ci::PipelineRunModel;
using ci::RunStatus;

namespace {
constexpr int StoredRuns = 300; // the newest runs of the repository the table lists

QToolButton *toolButton(QWidget *parent, const QString &text, const QString &icon, const QString &tip)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    if (!icon.isEmpty())
        button->setIcon(Icons::get(icon));
    button->setToolTip(tip);
    button->setToolButtonStyle(icon.isEmpty() ? Qt::ToolButtonTextOnly : Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    return button;
}

// What the page needs from disk before it can show anything: the stored runs and
// whether the repository defines a local pipeline.
struct StoredState
{
    QString key;
    QList<PipelineRun> runs;
    QString storeError;
    bool hasPipeline = false;
    QString pipelineError;
};
} // namespace

PipelinesPage::PipelinesPage(Workspace *workspace, QWidget *parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_model(new PipelineRunModel(this))
    , m_proxy(new PipelineRunFilter(this))
    , m_localRun(new LocalRunController(workspace, this))
    , m_feed(new PipelineCiFeed(this))
    , m_notifier(new PipelineNotifier(this))
    , m_banner(new PipelineBanner(this))
    , m_filterBar(new PipelineFilterBar(m_proxy, this))
    , m_runButton(toolButton(this, tr("Run Pipeline"), {}, {}))
    , m_cancelButton(
          toolButton(this, tr("Cancel"), QStringLiteral("cancel"), tr("Stop the running local pipeline")))
    , m_refreshButton(toolButton(this, {}, QStringLiteral("refresh"), tr("Reload the runs (F5)")))
    , m_browserButton(
          toolButton(this, tr("Open in Browser"), {}, tr("The selected run's page on its CI server")))
    , m_settingsButton(toolButton(this, tr("CI Settings…"), {}, tr("CI providers, tokens, watched branches")))
    , m_graph(new StageGraphView(this))
    , m_log(new LogPanel(this))
    , m_logs(new JobLogLoader(workspace, m_log, m_localRun, m_feed, this))
    , m_split(new QSplitter(Qt::Horizontal, this))
    , m_detailSplit(new QSplitter(Qt::Vertical, this))
    , m_clock(new QTimer(this))
{
    m_runButton->setObjectName(QStringLiteral("runPipelineButton"));
    m_runButton->setText(QStringLiteral("▶ ") + tr("Run Pipeline"));
    m_cancelButton->setObjectName(QStringLiteral("cancelPipelineButton"));

    // Top bar: actions left, filters right.
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 6, 8, 6);
    bar->setSpacing(6);
    bar->addWidget(m_runButton);
    bar->addWidget(m_cancelButton);
    bar->addWidget(m_refreshButton);
    bar->addWidget(m_browserButton);
    bar->addStretch(1);
    bar->addWidget(m_filterBar);
    bar->addWidget(m_settingsButton);

    // Runs: newest first, sortable by every column (the table is made once the proxy has its source).
    m_proxy->setSourceModel(m_model);
    m_runsView = new PipelineRunTable(m_proxy, this);

    m_detailSplit->addWidget(m_graph);
    m_detailSplit->addWidget(m_log);
    m_detailSplit->setSizes({ 300, 340 });
    m_detailSplit->setChildrenCollapsible(false);
    m_split->addWidget(m_runsView);
    m_split->addWidget(m_detailSplit);
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 1);
    m_split->setSizes({ 620, 480 }); // all the runs' columns fit at 1280 px wide
    m_split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_banner);
    layout->addWidget(m_split, 1);

    m_logs->showNothing();
    connect(m_logs, &JobLogLoader::loaded, this, &Page::readyChanged);

    // Tab in reading order: the bar, the runs, then the selected run's stages and log.
    setTabOrder(m_settingsButton, m_runsView);
    setTabOrder(m_runsView, m_graph);
    connect(m_runButton, &QToolButton::clicked, this, &PipelinesPage::runPipeline);
    connect(m_cancelButton, &QToolButton::clicked, this, &PipelinesPage::cancelRun);
    connect(m_refreshButton, &QToolButton::clicked, this, &PipelinesPage::refresh);
    connect(m_browserButton, &QToolButton::clicked, this, &PipelinesPage::openInBrowser);
    connect(m_settingsButton, &QToolButton::clicked, this, &PipelinesPage::showSettings);
    connect(m_banner, &PipelineBanner::settingsRequested, this, &PipelinesPage::showSettings);
    connect(m_runsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &PipelinesPage::onRunSelected);
    connect(m_runsView, &QWidget::customContextMenuRequested, this, &PipelinesPage::showContextMenu);
    // A live update of the selected run redraws its graph (dataChanged, not a reset).
    connect(m_model, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &from, const QModelIndex &to) {
            const QString key = selectedRunKey();
            for (int row = from.row(); row <= to.row(); ++row) {
                const PipelineRun &run = m_model->runAt(row);
                if (run.key() != key)
                    continue;
                // Stages that just arrived: choose the job to show, as a selection does.
                if (m_graph->run().stages.isEmpty() && !run.stages.isEmpty())
                    onRunSelected();
                else
                    m_graph->setRun(run);
                m_feed->fetchDetails(run);
            }
            updateActions();
        });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_wantedKey.isEmpty() && selectRun(m_wantedKey))
            m_wantedKey.clear();
    });
    connect(m_graph, &StageGraphView::jobSelected, this, &PipelinesPage::onJobSelected);

    connect(m_localRun, &LocalRunController::runChanged, this, &PipelinesPage::onLiveRunChanged);
    connect(m_localRun, &LocalRunController::stepStarted, this, &PipelinesPage::onLiveStepStarted);
    connect(m_localRun, &LocalRunController::finished, this, &PipelinesPage::onLiveRunFinished);
    connect(m_localRun, &LocalRunController::recorded, this, &PipelinesPage::onLiveRunRecorded);
    connect(m_localRun, &LocalRunController::started, this, [this](bool dirty) {
        if (dirty)
            Q_EMIT statusMessage(tr("The work tree has uncommitted changes: the run is marked dirty"));
        updateActions();
    });
    connect(m_localRun, &LocalRunController::failed, this, [this](const QString &message) {
        showError(message);
        updateActions();
    });

    connect(m_feed, &PipelineCiFeed::runsUpdated, this, &PipelinesPage::onCiRuns);
    connect(m_feed, &PipelineCiFeed::problemChanged, this, &PipelinesPage::showCiProblem);
    connect(m_feed, &PipelineCiFeed::runDetailed, this, [this](const PipelineRun &detailed) {
        auto it = m_remoteRuns.find(detailed.provider + QLatin1Char('\x1f') + detailed.project);
        if (it == m_remoteRuns.end())
            return;
        for (PipelineRun &run : *it) {
            if (run.key() != detailed.key() || !run.stages.isEmpty())
                continue;
            run.stages = detailed.stages;
            run.loadError = detailed.loadError; // marked in the table; the others show as usual
        }
        composeRuns();
    });
    m_notifier->attach(m_feed->poller());
    connect(m_feed->testImporter(), &CiTestImporter::imported, this,
        [this](const PipelineRun &run, int tests, int failed) {
            Q_EMIT statusMessage(tr("Imported the tests of %1 %2 (%3): %n test(s), %4 failed", nullptr, tests)
                                     .arg(run.provider, run.name, run.commit.left(8))
                                     .arg(failed));
        });
    connect(m_feed->testImporter(), &CiTestImporter::failed, this,
        [this](const PipelineRun &run, const QString &message) {
            Q_EMIT statusMessage(
                tr("The tests of %1 %2 were not imported: %3").arg(run.provider, run.name, message));
        });

    m_clock->setInterval(30000);
    connect(m_clock, &QTimer::timeout, m_runsView->viewport(), qOverload<>(&QWidget::update));
    m_clock->start();
    updateActions();
}

PipelinesPage::~PipelinesPage() = default;

QIcon PipelinesPage::icon() const
{
    return Icons::get(QStringLiteral("pipelines"));
}

QComboBox *PipelinesPage::branchFilter() const
{
    return m_filterBar->branchBox();
}

QComboBox *PipelinesPage::statusFilter() const
{
    return m_filterBar->statusBox();
}

QLineEdit *PipelinesPage::textFilter() const
{
    return m_filterBar->textField();
}

ci::LocalPipelineRunner *PipelinesPage::runner() const
{
    return m_localRun->runner();
}

void PipelinesPage::setRepository(const QString &path)
{
    if (m_localRun->isRunning() && path != m_repoPath)
        m_localRun->cancel();
    m_repoPath = path;
    m_repoKey.clear();
    ++m_generation;
    m_storedRuns.clear();
    m_remoteRuns.clear();
    m_localRun->forget();
    m_loaded = false;
    m_hasLocalPipeline = false;
    m_banner->clearMessage();
    m_model->clear();
    m_graph->clear();
    m_logs->showNothing();
    m_filterBar->setBranchesOf(m_model->runs());
    updateActions();
    m_feed->setRepository({}, {});
    m_notifier->setRepository(path);
    if (!path.isEmpty())
        loadRuns();
    Q_EMIT readyChanged();
}

void PipelinesPage::refresh()
{
    if (m_repoPath.isEmpty())
        return;
    if (!m_wantedKey.isEmpty() || !selectedRunKey().isEmpty())
        m_wantedKey = m_wantedKey.isEmpty() ? selectedRunKey() : m_wantedKey;
    loadRuns();
}

bool PipelinesPage::isReady() const
{
    return m_repoPath.isEmpty()
        || (m_loaded && !m_loading && !m_logs->isPending() && !m_log->view()->isLoading());
}

void PipelinesPage::loadRuns()
{
    auto location = TestStoreAccess::location();
    const quint64 generation = m_generation;
    m_loading = true;
    runJob(
        m_workspace ? m_workspace->jobs() : nullptr, tr("Loading pipeline runs"), this,
        [path = m_repoPath, location](const JobContext &) {
            StoredState state;
            state.key = TestStoreAccess::repositoryKey(path);
            auto pipeline = ci::LocalPipelineConfig::load(state.key);
            if (pipeline)
                state.hasPipeline = pipeline->isDefined();
            else
                state.pipelineError = pipeline.errorMessage();
            if (!location) {
                state.storeError = location.errorMessage();
                return state;
            }
            auto db = TestStoreAccess::open(location.value());
            if (!db) {
                state.storeError = db.errorMessage();
                return state;
            }
            ci::PipelineRunFilter filter;
            filter.limit = StoredRuns;
            auto runs = ci::PipelineRunStore(db.value()).runs(state.key, filter);
            if (runs)
                state.runs = runs.value();
            else
                state.storeError = runs.errorMessage();
            return state;
        },
        [this, generation](StoredState state) {
            if (generation != m_generation)
                return;
            m_loading = false;
            m_loaded = true;
            if (m_repoKey != state.key) // the first load: start polling the CI servers
                m_feed->setRepository(state.key, state.key);
            else
                m_feed->refresh();
            m_repoKey = state.key;
            m_storedRuns = state.runs;
            m_hasLocalPipeline = state.hasPipeline;
            m_pipelineError = state.pipelineError;
            if (!state.storeError.isEmpty())
                showError(tr("Cannot read the pipeline runs from DevDash's store: %1").arg(state.storeError));
            else if (!state.pipelineError.isEmpty())
                m_banner->showMessage(PipelineBanner::Kind::Warning, state.pipelineError);
            composeRuns();
            if (!m_runsView->currentIndex().isValid() && m_proxy->rowCount() > 0)
                m_runsView->setCurrentIndex(m_proxy->index(0, PipelineRunModel::NameColumn));
            updateActions();
            Q_EMIT readyChanged();
        });
}

void PipelinesPage::composeRuns()
{
    // One list for the model, keyed by run: stored runs, the poller's, the live one last (freshest).
    QList<PipelineRun> all = m_storedRuns;
    QHash<QString, int> at;
    for (int i = 0; i < all.size(); ++i)
        at.insert(all.at(i).key(), i);
    auto merge = [&](const PipelineRun &run) {
        const auto it = at.constFind(run.key());
        if (it != at.constEnd()) {
            all[*it] = run;
        } else {
            at.insert(run.key(), int(all.size()));
            all << run;
        }
    };
    for (const auto &runs : std::as_const(m_remoteRuns))
        for (const PipelineRun &run : runs)
            merge(run);
    if (m_localRun->liveRun())
        merge(*m_localRun->liveRun());
    m_model->updateRuns(all);
    m_filterBar->setBranchesOf(m_model->runs());
}

void PipelinesPage::setRemoteRuns(
    const QString &provider, const QString &project, const QList<PipelineRun> &runs)
{
    m_remoteRuns.insert(provider + QLatin1Char('\x1f') + project, runs);
    composeRuns();
}

void PipelinesPage::onCiRuns(const QString &provider, const QString &project, const QList<PipelineRun> &runs)
{
    setRemoteRuns(provider, project, runs);
    // A repository whose only runs are on its CI server: its first poll selects the newest, as a load does.
    if (m_wantedKey.isEmpty() && !m_runsView->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_runsView->setCurrentIndex(m_proxy->index(0, PipelineRunModel::NameColumn));
    m_notifier->setWatchedBranches(CiSettingsDialog::watchedBranches(m_repoKey, m_feed->watchedBranches()));
    // Kept in the store: the last known state when offline, and the History and Branches dots.
    auto location = TestStoreAccess::location();
    if (!location || m_repoKey.isEmpty())
        return;
    runInBackground(
        this,
        [location = location.value(), key = m_repoKey, runs]() -> Result<void> {
            auto db = TestStoreAccess::open(location);
            if (!db)
                return db.error();
            return ci::PipelineRunStore(db.value()).saveAll(key, runs);
        },
        [this](Result<void> saved) {
            if (!saved)
                showError(tr("CI runs were not kept in DevDash's store: %1").arg(saved.errorMessage()));
        });
}

void PipelinesPage::showCiProblem()
{
    if (m_feed->problem().isEmpty()) {
        if (m_banner->kind() != PipelineBanner::Kind::Error)
            m_banner->clearMessage();
        return;
    }
    m_banner->showMessage(PipelineBanner::Kind::Warning, m_feed->problem(), m_feed->problemNeedsSettings());
}

void PipelinesPage::updateActions()
{
    const bool running = m_localRun->isRunning();
    m_runButton->setEnabled(!m_repoPath.isEmpty() && m_loaded && m_hasLocalPipeline && !running);
    m_runButton->setToolTip(m_hasLocalPipeline
            ? tr("Run the pipeline of .devdash.json on the work tree")
            : (m_pipelineError.isEmpty() ? tr("This repository defines no local pipeline: add a \"pipeline\" "
                                              "key to its .devdash.json")
                                         : m_pipelineError));
    m_cancelButton->setEnabled(running);
    m_cancelButton->setVisible(running);
    const auto run = selectedRun();
    m_browserButton->setEnabled(run && !run->url.isEmpty());
    m_refreshButton->setEnabled(!m_repoPath.isEmpty());
}

QString PipelinesPage::selectedRunKey() const
{
    const QModelIndex index = m_runsView->currentIndex();
    return index.isValid() ? index.data(PipelineRunModel::RunKeyRole).toString() : QString();
}

std::optional<PipelineRun> PipelinesPage::selectedRun() const
{
    const int row = m_model->rowOfKey(selectedRunKey());
    return row < 0 ? std::nullopt : std::optional(m_model->runAt(row));
}

bool PipelinesPage::selectRun(const QString &key)
{
    const int row = m_model->rowOfKey(key);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, PipelineRunModel::NameColumn));
    if (!index.isValid())
        return false; // filtered out
    m_runsView->setCurrentIndex(index);
    m_runsView->scrollTo(index);
    return true;
}

void PipelinesPage::selectJob(int stage, int job)
{
    m_graph->selectJob(stage, job);
}

void PipelinesPage::onRunSelected()
{
    updateActions();
    const auto run = selectedRun();
    if (!run) {
        m_graph->clear();
        return;
    }
    m_graph->setRun(*run);
    m_feed->fetchDetails(*run); // a CI listing has no jobs yet
    // The job worth looking at: the first failed one, else the running one, else the last.
    int stage = -1, job = -1, fallbackStage = -1, fallbackJob = -1;
    for (int s = 0; s < run->stages.size() && stage < 0; ++s) {
        for (int j = 0; j < run->stages.at(s).jobs.size(); ++j) {
            const RunStatus status = run->stages.at(s).jobs.at(j).status;
            if (status == RunStatus::Failed || status == RunStatus::Running) {
                stage = s;
                job = j;
                break;
            }
            if (status != RunStatus::Skipped && status != RunStatus::Queued) {
                fallbackStage = s;
                fallbackJob = j;
            }
        }
    }
    if (stage < 0) {
        stage = fallbackStage;
        job = fallbackJob;
    }
    if (stage >= 0) {
        m_graph->selectJob(stage, job);
    } else {
        m_logs->showNothing(run->name);
    }
}

void PipelinesPage::onJobSelected(int stage, int job)
{
    const PipelineRun &run = m_graph->run();
    if (stage < 0 || stage >= run.stages.size() || job < 0 || job >= run.stages.at(stage).jobs.size())
        return;
    m_logs->show(run, run.stages.at(stage).jobs.at(job), m_repoKey);
}

void PipelinesPage::runPipeline()
{
    if (m_repoPath.isEmpty() || m_localRun->isRunning())
        return;
    m_runButton->setEnabled(false);
    m_banner->clearMessage();
    m_localRun->start(m_repoPath);
}

void PipelinesPage::cancelRun()
{
    m_localRun->cancel();
}

void PipelinesPage::onLiveRunChanged(const PipelineRun &run, bool first)
{
    composeRuns();
    if (first) {
        m_filterBar->clear(); // the new run must be seen
        selectRun(run.key());
    }
    updateActions();
}

void PipelinesPage::onLiveStepStarted(const QString &jobId)
{
    // Following the run: the log moves on to the step that started.
    const auto &live = m_localRun->liveRun();
    if (!live || selectedRunKey() != live->key())
        return;
    if (m_logs->showsAJob() && !m_log->view()->follow())
        return;
    const PipelineRun run = *live;
    for (int s = 0; s < run.stages.size(); ++s)
        for (int j = 0; j < run.stages.at(s).jobs.size(); ++j)
            if (run.stages.at(s).jobs.at(j).id == jobId) {
                m_graph->setRun(run);
                m_graph->selectJob(s, j);
                m_log->view()->setFollow(true);
            }
}

void PipelinesPage::onLiveRunFinished(const PipelineRun &run)
{
    composeRuns();
    if (m_logs->shows(run.key()))
        m_log->view()->setFollow(false);
    updateActions();
}

void PipelinesPage::onLiveRunRecorded(
    const PipelineRun &run, const QString &error, const QString &reportError)
{
    if (!error.isEmpty())
        showError(tr("The run was not recorded: %1").arg(error));
    else if (!reportError.isEmpty())
        m_banner->showMessage(PipelineBanner::Kind::Warning,
            tr("The run's test reports were not imported: %1").arg(reportError));
    Q_EMIT statusMessage(tr("Local pipeline %1").arg(PipelineStatusStyle::label(run.status).toLower()));
    Q_EMIT localRunFinished(run);
    refresh(); // list what the store has now
}

void PipelinesPage::openInBrowser()
{
    const auto run = selectedRun();
    if (run && !run->url.isEmpty())
        openRunUrl(run->url);
}

void PipelinesPage::openRunUrl(const QString &url)
{
    // The URL is the CI server's: only a web page is opened.
    if (!ExternalUrl::open(url))
        Q_EMIT statusMessage(tr("Not opened: %1 is not a web address (http or https)").arg(url));
}

void PipelinesPage::showSettings()
{
    auto *dialog = new CiSettingsDialog(m_repoKey.isEmpty() ? m_repoPath : m_repoKey, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, &PipelinesPage::refresh);
    dialog->open();
}

void PipelinesPage::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_runsView->indexAt(pos);
    if (!index.isValid())
        return;
    const PipelineRun run = index.data(PipelineRunModel::RunRole).value<PipelineRun>();
    m_runsView->setCurrentIndex(index); // the menu acts on the row under the mouse
    QMenu menu(this);
    QAction *open = menu.addAction(tr("Open in Browser"), this, [this, run] { openRunUrl(run.url); });
    open->setEnabled(!run.url.isEmpty());
    QAction *copyUrl = menu.addAction(tr("Copy URL"), this, [this, run] {
        QApplication::clipboard()->setText(run.url);
        Q_EMIT statusMessage(tr("Copied %1").arg(run.url));
    });
    copyUrl->setEnabled(!run.url.isEmpty());
    QAction *copyCommit = menu.addAction(tr("Copy Commit Id"), this, [this, run] {
        QApplication::clipboard()->setText(run.commit);
        Q_EMIT statusMessage(tr("Copied %1").arg(run.commit));
    });
    copyCommit->setEnabled(!run.commit.isEmpty());
    QAction *history
        = menu.addAction(tr("Show Commit in History"), this, &PipelinesPage::showSelectedCommitInHistory);
    history->setEnabled(!run.commit.isEmpty());
    menu.addSeparator();
    QAction *rerun = menu.addAction(tr("Re-run Locally"), this, &PipelinesPage::runPipeline);
    rerun->setEnabled(m_hasLocalPipeline && !m_localRun->isRunning());
    rerun->setToolTip(tr("Runs the local pipeline on the current work tree"));
    menu.exec(m_runsView->viewport()->mapToGlobal(pos));
}

void PipelinesPage::filterBranch(const QString &branch)
{
    m_filterBar->setBranch(branch);
    // The selection may have been filtered away: the branch's newest run instead.
    if (!m_runsView->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_runsView->setCurrentIndex(m_proxy->index(0, 0));
}

void PipelinesPage::showSelectedCommitInHistory()
{
    const auto run = selectedRun();
    if (!run || run->commit.isEmpty())
        return;
    // The run's branch when it exists here, else the history shown (All refs when
    // the commit is not in it).
    const bool known = !run->branch.isEmpty() && m_workspace && m_workspace->kindOf(run->branch).has_value();
    Q_EMIT historyRequested(known ? run->branch : QString(), run->commit);
}

void PipelinesPage::showError(const QString &message)
{
    m_banner->showMessage(PipelineBanner::Kind::Error, message);
}

void PipelinesPage::changeEvent(QEvent *event)
{
    Page::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_refreshButton->setIcon(Icons::get(QStringLiteral("refresh")));
        m_cancelButton->setIcon(Icons::get(QStringLiteral("cancel")));
        m_runsView->viewport()->update();
    }
}

QByteArray PipelinesPage::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << quint8(1) << m_split->saveState() << m_detailSplit->saveState()
        << m_runsView->horizontalHeader()->saveState();
    return state;
}

void PipelinesPage::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    quint8 version = 0;
    QByteArray split, detail, header;
    in >> version >> split >> detail >> header;
    if (version != 1 || in.status() != QDataStream::Ok)
        return;
    m_split->restoreState(split);
    m_detailSplit->restoreState(detail);
    m_runsView->horizontalHeader()->restoreState(header);
}

} // namespace devdash::ui
