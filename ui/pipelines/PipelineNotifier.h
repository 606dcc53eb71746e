#pragma once

// Desktop notifications of watched branches, as CCMenu gives them: "main fixed",
// "main broken by Ada", "main still broken", from the CiPoller's transitions,
// and a tray icon coloured by the worst status among the watched branches.
// On/off is remembered (QSettings, the CI settings dialog's toggle). Where no
// system tray exists (offscreen, some desktops) it stays silent: no icon, no
// message, nothing else changes.

#include "ci/CiPoller.h"
#include "ci/PipelineRun.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QSystemTrayIcon;

namespace devdash::ui {

class PipelineNotifier final : public QObject
{
    Q_OBJECT
public:
    explicit PipelineNotifier(QObject *parent = nullptr);
    ~PipelineNotifier() override;

    // The repository whose commits' authors name who broke a branch.
    void setRepository(const QString &path);
    // Branch names or globs ("release/*"); empty: nothing is watched.
    void setWatchedBranches(const QStringList &patterns);
    bool isWatched(const QString &branch) const;
    void setEnabled(bool enabled); // remembered
    bool isEnabled() const;
    // Follows a poller's transitions and run updates.
    void attach(ci::CiPoller *poller);

    // A finished pipeline changed how a branch stands.
    void onTransition(const ci::PipelineRun &run, ci::BranchTransition transition);
    // The latest run of a branch (tray colour).
    void onRunUpdated(const ci::PipelineRun &run);
    // The worst status among the watched branches' latest runs; nullopt when none.
    std::optional<ci::RunStatus> worstStatus() const;

    // "main fixed", "main broken by Ada", "main still broken".
    static QString title(const QString &branch, ci::BranchTransition transition, const QString &author = {});
    bool hasTray() const { return m_tray != nullptr; }

Q_SIGNALS:
    // Emitted for every notification shown (or that would be, without a tray).
    void notified(const QString &title, const QString &body);

private:
    void notify(const ci::PipelineRun &run, ci::BranchTransition transition, const QString &author);
    void updateTrayIcon();

    QString m_repoPath;
    QStringList m_patterns;
    QHash<QString, ci::RunStatus> m_latest; // watched branch → its latest status
    QSystemTrayIcon *m_tray = nullptr;
    QPointer<ci::CiPoller> m_poller;
};

} // namespace devdash::ui
