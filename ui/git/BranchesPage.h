#pragma once

// Every branch and tag with its last commit, upstream and ahead/behind counts,
// filterable, grouped by prefix or flat, sortable. Expanded groups and the selection
// survive reloads (a fetch or a commit in a terminal).

#include "common/Page.h"

#include <QSet>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QSpinBox;
class QTreeView;

namespace devdash::ui {

class BranchPipelineStatus;
class Workspace;

class BranchesPage final : public Page
{
    Q_OBJECT
public:
    explicit BranchesPage(Workspace *workspace, QWidget *parent = nullptr);

    QString name() const override { return QStringLiteral("branches"); }
    QString title() const override { return tr("Branches"); }
    QIcon icon() const override;
    void setRepository(const QString &path) override;
    void refresh() override;
    bool isReady() const override;
    QByteArray saveState() const override;
    void restoreState(const QByteArray &state) override;

    // Selects a ref by short or full name (clearing a filter that hides it).
    bool selectRef(const QString &name);
    QString selectedRef() const;

    QTreeView *view() const { return m_view; }
    QSortFilterProxyModel *proxyModel() const { return m_proxy; }
    QLineEdit *filterField() const { return m_filter; }
    QCheckBox *groupToggle() const { return m_groupByPrefix; }
    BranchPipelineStatus *pipelineStatus() const { return m_pipelineStatus; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyThemeColours();
    void rememberState();
    void restoreViewState();
    void updateSummary();
    void showContextMenu(const QPoint &pos);
    QModelIndex findRef(const QString &name) const;

    Workspace *m_workspace;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QLineEdit *m_filter;
    QCheckBox *m_groupByPrefix;
    QSpinBox *m_staleDays;
    QLabel *m_summary;
    QLabel *m_detachedBanner;
    QAction *m_filterIcon = nullptr;
    BranchPipelineStatus *m_pipelineStatus = nullptr;
    QSet<QString> m_collapsedGroups; // groups default to expanded
    QString m_selectedRef; // full name
    bool m_restoring = false;
};

} // namespace devdash::ui
