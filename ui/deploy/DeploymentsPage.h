#pragma once

// The Deployments page: what runs in each environment now, the timeline (failures
// and rollbacks marked), the release diff between two environments, and the DORA
// metrics of a chosen environment and sprint, charted per sprint; exports as CSV,
// PNG and a printable sprint report (PDF). Everything is computed on a worker
// (deploy::DeploymentsSnapshot) with its own store connection and repository.

#include "common/CancelToken.h"
#include "common/Page.h"

#include "deploy/DeploymentsSnapshot.h"
#include "store/StoreLocation.h"

#include <optional>

class QComboBox;
class QLabel;
class QTableView;
class QTabWidget;
class QTextBrowser;

namespace devdash::deploy {
class DeploymentTimelineModel;
}

namespace devdash::ui {

class DoraPanel;
class Workspace;

class DeploymentsPage final : public Page
{
    Q_OBJECT
public:
    explicit DeploymentsPage(Workspace *workspace, QWidget *parent = nullptr);
    ~DeploymentsPage() override;

    QString name() const override { return QStringLiteral("deployments"); }
    QString title() const override { return tr("Deployments"); }
    QIcon icon() const override;
    void setRepository(const QString &path) override;
    void refresh() override;
    bool isReady() const override { return m_pending == 0; }

    // The chosen environment (DORA, and the base of the release diff) and sprint.
    void setEnvironment(const QString &environment);
    // A link to an environment: it becomes the chosen one, and the timeline shows
    // its latest deployment selected.
    void showEnvironment(const QString &environment);
    void setSprint(int number);
    void setDiffEnvironments(const QString &ahead, const QString &base);

    Result<void> exportCsv(const QString &path) const;
    Result<void> exportPng(const QString &path);
    Result<void> exportSprintReport(const QString &path) const;

    const std::optional<deploy::DeploymentsSnapshot> &snapshot() const { return m_snapshot; }
    deploy::DeploymentTimelineModel *timelineModel() const { return m_timeline; }
    QTableView *timelineView() const { return m_timelineView; }
    QTabWidget *tabs() const { return m_tabs; }
    DoraPanel *doraPanel() const { return m_dora; }
    QString nowRunningText() const;
    QString releaseDiffText() const;
    QString errorText() const;

private:
    void load();
    // Deployments the repository's CI servers report (GitHub, GitLab, Jenkins deploy
    // jobs) into the store, then a reload when something was new.
    void fetchFromCi();
    void show(deploy::DeploymentsSnapshot snapshot);
    void showError(const QString &message);
    void fillCombos();
    void chooseAndExport(const QString &kind);

    Workspace *m_workspace;
    QString m_repoPath;
    std::optional<store::StoreLocation> m_location;
    QString m_locationError;
    deploy::SnapshotRequest m_request;
    std::optional<deploy::DeploymentsSnapshot> m_snapshot;
    quint64 m_generation = 0;
    int m_pending = 0;
    bool m_filling = false;
    QString m_selectEnvironment; // its latest deployment is selected when the timeline arrives
    CancelToken m_ciCancel; // the running CI fetch, cancelled when the repository changes

    QComboBox *m_environment;
    QComboBox *m_sprint;
    QComboBox *m_diffAhead;
    QComboBox *m_diffBase;
    QLabel *m_nowRunning;
    QLabel *m_message;
    DoraPanel *m_dora;
    QTabWidget *m_tabs;
    QTableView *m_timelineView;
    deploy::DeploymentTimelineModel *m_timeline;
    QTextBrowser *m_diff;
};

} // namespace devdash::ui
