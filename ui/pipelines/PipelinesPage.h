#pragma once

// The Pipelines page: the repository's runs (local runs and what CI servers did,
// per branch and commit) in a sortable, filterable table; the selected run's
// stages → jobs → steps as a graph; the selected job's log with colours, search
// and follow mode. "Run Pipeline" runs the `.devdash.json` pipeline on the work
// tree with a live log and per-step status, and can be canceled. Store, git and
// network work runs on workers or asynchronously; the page never waits.

#include "common/Page.h"

#include "ci/PipelineRun.h"

#include <QHash>
#include <QPointer>

#include <optional>

class QComboBox;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;

namespace devdash::ci {
class LocalPipelineRunner;
class PipelineRunModel;
} // namespace devdash::ci

namespace devdash::ui {

class LocalRunController;
class JobLogLoader;
class LogPanel;
class PipelineFilterBar;
class PipelineCiFeed;
class PipelineNotifier;
class PipelineBanner;
class PipelineRunFilter;
class StageGraphView;
class Workspace;

class PipelinesPage final : public Page
{
    Q_OBJECT
public:
    explicit PipelinesPage(Workspace *workspace, QWidget *parent = nullptr);
    ~PipelinesPage() override;

    QString name() const override { return QStringLiteral("pipelines"); }
    QString title() const override { return tr("Pipelines"); }
    QIcon icon() const override;
    void setRepository(const QString &path) override;
    void refresh() override;
    bool isReady() const override;
    QByteArray saveState() const override;
    void restoreState(const QByteArray &state) override;

    // Runs the repository's local pipeline on its work tree (live, cancellable).
    void runPipeline();
    void cancelRun();
    void openInBrowser();
    // Only the runs of `branch` (empty: every branch), the newest selected.
    void filterBranch(const QString &branch);
    // The selected run's commit in History (its context menu's "Show Commit in History").
    void showSelectedCommitInHistory();
    // The CI settings of this repository (providers, tokens, watched branches).
    void showSettings();
    void openRunUrl(const QString &url);

    // Selects the run with this PipelineRun::key(); false when it is not listed.
    bool selectRun(const QString &key);
    QString selectedRunKey() const;
    std::optional<ci::PipelineRun> selectedRun() const;
    void selectJob(int stage, int job);

    // Runs that came from elsewhere than the store and the local runner (a CI
    // poller): merged into the table by provider + project.
    void setRemoteRuns(const QString &provider, const QString &project, const QList<ci::PipelineRun> &runs);

    ci::PipelineRunModel *model() const { return m_model; }
    PipelineRunFilter *proxy() const { return m_proxy; }
    QTableView *runsView() const { return m_runsView; }
    StageGraphView *graph() const { return m_graph; }
    LogPanel *logPanel() const { return m_log; }
    PipelineBanner *banner() const { return m_banner; }
    QComboBox *branchFilter() const;
    QComboBox *statusFilter() const;
    QLineEdit *textFilter() const;
    QToolButton *runButton() const { return m_runButton; }
    QToolButton *cancelButton() const { return m_cancelButton; }
    ci::LocalPipelineRunner *runner() const;
    PipelineCiFeed *ciFeed() const { return m_feed; }
    PipelineNotifier *notifier() const { return m_notifier; }
    bool hasLocalPipeline() const { return m_hasLocalPipeline; }

Q_SIGNALS:
    // A local run ended (after it was recorded in the store).
    void localRunFinished(const devdash::ci::PipelineRun &run);

protected:
    void changeEvent(QEvent *event) override;

private:
    void loadRuns();
    void composeRuns();
    void updateActions();
    void onRunSelected();
    void onJobSelected(int stage, int job);
    void showContextMenu(const QPoint &pos);
    void onLiveRunChanged(const ci::PipelineRun &run, bool first);
    void onLiveStepStarted(const QString &jobId);
    void onLiveRunFinished(const ci::PipelineRun &run);
    void onLiveRunRecorded(const ci::PipelineRun &run, const QString &error, const QString &reportError);
    void showError(const QString &message);
    void onCiRuns(const QString &provider, const QString &project, const QList<ci::PipelineRun> &runs);
    void showCiProblem();

    Workspace *m_workspace;
    QString m_repoPath;
    QString m_repoKey;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_loaded = false;
    bool m_hasLocalPipeline = false;
    QString m_pipelineError;
    QString m_wantedKey; // select when it appears

    QList<ci::PipelineRun> m_storedRuns;
    QHash<QString, QList<ci::PipelineRun>> m_remoteRuns; // by provider + project

    ci::PipelineRunModel *m_model;
    PipelineRunFilter *m_proxy;
    LocalRunController *m_localRun;
    PipelineCiFeed *m_feed;
    PipelineNotifier *m_notifier;
    PipelineBanner *m_banner;
    PipelineFilterBar *m_filterBar;
    QToolButton *m_runButton;
    QToolButton *m_cancelButton;
    QToolButton *m_refreshButton;
    QToolButton *m_browserButton;
    QToolButton *m_settingsButton;
    QTableView *m_runsView = nullptr; // a PipelineRunTable
    StageGraphView *m_graph;
    LogPanel *m_log;
    JobLogLoader *m_logs;
    QSplitter *m_split;
    QSplitter *m_detailSplit;
    QTimer *m_clock; // "5 min ago" stays true
};

} // namespace devdash::ui
