#pragma once

// Which history to show: the current branch, all refs, or any branch or tag (listed
// from the workspace's branch model) or revision typed in and confirmed with Enter.

#include "git/HistorySession.h"

#include <QComboBox>

namespace devdash::ui {

class Workspace;

class ScopeSelector final : public QComboBox
{
    Q_OBJECT
public:
    explicit ScopeSelector(Workspace *workspace, QWidget *parent = nullptr);

    // Shows `scope` as the current choice (without emitting scopeChosen).
    void setScope(const git::HistoryScope &scope);
    // Lists the refs again, keeping the current choice.
    void refill();

Q_SIGNALS:
    void scopeChosen(const git::HistoryScope &scope);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onActivated(int index);
    void onTyped();

    Workspace *m_workspace;
    git::HistoryScope m_scope;
};

} // namespace devdash::ui
