#pragma once

// The Pipelines page's filters, right of its actions: a branch (the branches the
// runs have), a status and a text, applied to the run table's PipelineRunFilter as
// they change.

#include "ci/PipelineRun.h"

#include <QWidget>

class QComboBox;
class QLineEdit;

namespace devdash::ui {

class PipelineRunFilter;

class PipelineFilterBar final : public QWidget
{
    Q_OBJECT
public:
    explicit PipelineFilterBar(PipelineRunFilter *filter, QWidget *parent = nullptr);

    // The branch choices become the branches of `runs`; the chosen one stays when it still exists.
    void setBranchesOf(const QList<ci::PipelineRun> &runs);
    // Only the runs of `branch` (a link's branch): kept as a choice even before, or
    // without, runs of it.
    void setBranch(const QString &branch);
    // Every run shown again.
    void clear();

    QComboBox *branchBox() const { return m_branchBox; }
    QComboBox *statusBox() const { return m_statusBox; }
    QLineEdit *textField() const { return m_text; }

protected:
    void changeEvent(QEvent *event) override;

private:
    PipelineRunFilter *m_filter;
    QComboBox *m_branchBox;
    QComboBox *m_statusBox;
    QLineEdit *m_text;
    QString m_pinned; // the branch a link asked for, listed whatever the runs
};

} // namespace devdash::ui
