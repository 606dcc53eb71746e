#pragma once

// File → Fetch: fetches every remote of the open repository on a worker
// (git::RemoteFetcher), shown in the status bar with its progress and a Cancel
// (the JobTracker's), then says what happened; the window refreshes its refs.

#include <QObject>
#include <QPointer>

namespace devdash::ui {

class Workspace;

class RemoteFetch final : public QObject
{
    Q_OBJECT
public:
    explicit RemoteFetch(Workspace *workspace, QObject *parent = nullptr);

    void start();
    bool isRunning() const { return m_running; }
    QString lastSummary() const { return m_lastSummary; }

Q_SIGNALS:
    // `ok`: every remote was fetched. `authenticationNeeded`: one wanted credentials
    // DevDash does not have. `summary` says which and what to do.
    void finished(bool ok, bool authenticationNeeded, const QString &summary);

private:
    QPointer<Workspace> m_workspace;
    bool m_running = false;
    QString m_lastSummary;
};

} // namespace devdash::ui
