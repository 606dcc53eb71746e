#pragma once

// One page of the main window (Branches, History, Compare; later Tests, Builds,
// Databases, Deployments). The window lists pages in its sidebar and stacks them;
// pages ask for navigation through signals and never know each other.

#include "Destination.h"

#include <QIcon>
#include <QWidget>

namespace devdash::ui {

class Page : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    virtual QString name() const = 0; // stable id: "history"
    virtual QString title() const = 0; // shown in the sidebar: "History"
    virtual QIcon icon() const = 0;

    // The repository to show (already opened successfully); empty: none.
    virtual void setRepository(const QString &path) = 0;
    // Reload from disk, keeping selection and scroll position.
    virtual void refresh() = 0;
    // Content has loaded (what a screenshot waits for).
    virtual bool isReady() const { return true; }

    // Splitter sizes and the like, for the window to remember.
    virtual QByteArray saveState() const { return {}; }
    virtual void restoreState(const QByteArray &) { }

Q_SIGNALS:
    void readyChanged();
    // Navigation requests, routed by the window.
    void historyRequested(const QString &ref, const QString &commitId);
    void compareRequested(const QString &base, const QString &other);
    void branchRequested(const QString &refName);
    // Another page by name ("pipelines"), and everything about one commit (Overview).
    void pageRequested(const QString &name);
    // One thing on another page (a test's history, a migration…).
    void navigationRequested(const devdash::ui::Destination &destination);
    void commitOverviewRequested(const QString &commitId);
    void statusMessage(const QString &text);
};

} // namespace devdash::ui
