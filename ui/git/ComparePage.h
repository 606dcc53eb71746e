#pragma once

// Two refs side by side: their merge base, the commits only in each, the files that
// differ and the diff of one file. The files are either what the second brings
// (merge base → B, `git diff A...B`) or the two trees (`git diff A B`); the choice
// is remembered and the file list says which it shows. The comparison runs on a
// worker shown in the status bar.

#include "common/Page.h"
#include "git/CommitDiff.h"

#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QToolButton;
class QTreeView;

namespace devdash::ui {

class ChangesBrowser;
class CommitListModel;
class Workspace;

class ComparePage final : public Page
{
    Q_OBJECT
public:
    explicit ComparePage(Workspace *workspace, QWidget *parent = nullptr);

    QString name() const override { return QStringLiteral("compare"); }
    QString title() const override { return tr("Compare"); }
    QIcon icon() const override;
    void setRepository(const QString &path) override;
    void refresh() override;
    bool isReady() const override;
    QByteArray saveState() const override;
    void restoreState(const QByteArray &state) override;

    // Fills the two refs and runs the comparison.
    void compare(const QString &base, const QString &other);
    void compareCurrent();
    void swap();

    QString baseRef() const;
    QString otherRef() const;
    CommitListModel *onlyInBase() const { return m_onlyInA; }
    CommitListModel *onlyInOther() const { return m_onlyInB; }
    ChangesBrowser *changes() const { return m_changes; }
    QString summaryText() const;
    git::CompareMode diffMode() const;
    // Switches the file diff (and re-runs a comparison that was shown); remembered.
    void setDiffMode(git::CompareMode mode);
    QComboBox *diffModeBox() const { return m_modeBox; }
    bool isRunning() const { return m_running; }

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Outcome;
    // The summary is rebuilt from `render` when the theme changes (its colours are inline).
    void setSummary(std::function<QString()> render);
    void showOutcome(const Outcome &outcome);
    void fillRefs();
    void chooseDefaults();
    QTreeView *makeList(CommitListModel *model);

    Workspace *m_workspace;
    QComboBox *m_baseBox;
    QComboBox *m_otherBox;
    QPushButton *m_compareButton;
    QToolButton *m_swapButton;
    QComboBox *m_modeBox;
    std::function<QString()> m_renderSummary;
    QLabel *m_summary;
    QLabel *m_onlyInALabel;
    QLabel *m_onlyInBLabel;
    CommitListModel *m_onlyInA;
    CommitListModel *m_onlyInB;
    QTreeView *m_onlyInAView;
    QTreeView *m_onlyInBView;
    ChangesBrowser *m_changes;
    QSplitter *m_outer;
    QSplitter *m_lists;
    QSplitter *m_bottom;
    QString m_repoPath;
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_done = false;
    bool m_defaultsChosen = false;
};

} // namespace devdash::ui
