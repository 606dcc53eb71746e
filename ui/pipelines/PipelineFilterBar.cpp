#include "PipelineFilterBar.h"

#include "PipelineRunFilter.h"
#include "PipelineStatusStyle.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>

namespace devdash::ui {

using ci::RunStatus;

PipelineFilterBar::PipelineFilterBar(PipelineRunFilter *filter, QWidget *parent)
    : QWidget(parent)
    , m_filter(filter)
    , m_branchBox(new QComboBox(this))
    , m_statusBox(new QComboBox(this))
    , m_text(new QLineEdit(this))
{
    m_branchBox->setObjectName(QStringLiteral("pipelineBranchFilter"));
    m_branchBox->setMinimumContentsLength(12);
    m_branchBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_branchBox->setToolTip(tr("Show the runs of one branch"));
    m_branchBox->addItem(tr("All branches"), QString());
    m_statusBox->setObjectName(QStringLiteral("pipelineStatusFilter"));
    m_statusBox->setToolTip(tr("Show the runs with one status"));
    m_statusBox->addItem(tr("Any status"), -1);
    for (RunStatus s : { RunStatus::Failed, RunStatus::Running, RunStatus::Queued, RunStatus::Success,
             RunStatus::Canceled, RunStatus::Manual, RunStatus::Skipped })
        m_statusBox->addItem(PipelineStatusStyle::icon(s), PipelineStatusStyle::label(s), int(s));
    m_text->setObjectName(QStringLiteral("pipelineTextFilter"));
    m_text->setPlaceholderText(tr("Filter runs"));
    m_text->setClearButtonEnabled(true);
    m_text->setMaximumWidth(220);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_branchBox);
    layout->addWidget(m_statusBox);
    layout->addWidget(m_text);

    connect(m_branchBox, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setBranch(m_branchBox->currentData().toString()); });
    // The user's own choice ends the link's.
    connect(m_branchBox, &QComboBox::activated, this, [this] {
        if (m_branchBox->currentData().toString() != m_pinned)
            m_pinned.clear();
    });
    connect(m_statusBox, &QComboBox::currentIndexChanged, this, [this] {
        const int code = m_statusBox->currentData().toInt();
        m_filter->setStatus(code < 0 ? std::nullopt : std::optional(RunStatus(code)));
    });
    connect(m_text, &QLineEdit::textChanged, m_filter, &PipelineRunFilter::setText);
}

void PipelineFilterBar::setBranchesOf(const QList<ci::PipelineRun> &runs)
{
    const QString current = m_branchBox->currentData().toString();
    QStringList branches;
    for (const ci::PipelineRun &run : runs)
        if (!run.branch.isEmpty() && !branches.contains(run.branch))
            branches << run.branch;
    if (!m_pinned.isEmpty() && !branches.contains(m_pinned))
        branches << m_pinned;
    branches.sort();
    QStringList shown;
    for (int i = 1; i < m_branchBox->count(); ++i)
        shown << m_branchBox->itemData(i).toString();
    if (shown == branches)
        return;
    const QSignalBlocker blocker(m_branchBox);
    m_branchBox->clear();
    m_branchBox->addItem(tr("All branches"), QString());
    for (const QString &branch : std::as_const(branches))
        m_branchBox->addItem(branch, branch);
    const int index = m_branchBox->findData(current);
    m_branchBox->setCurrentIndex(index < 0 ? 0 : index);
    if (index < 0)
        m_filter->setBranch({});
}

void PipelineFilterBar::setBranch(const QString &branch)
{
    m_pinned = branch;
    if (!branch.isEmpty() && m_branchBox->findData(branch) < 0) {
        const QSignalBlocker blocker(m_branchBox);
        m_branchBox->addItem(branch, branch);
    }
    const int index = m_branchBox->findData(branch);
    m_branchBox->setCurrentIndex(index < 0 ? 0 : index);
    m_filter->setBranch(branch); // also when the index did not change
}

void PipelineFilterBar::clear()
{
    m_pinned.clear();
    m_text->clear();
    m_statusBox->setCurrentIndex(0);
    m_branchBox->setCurrentIndex(0);
}

void PipelineFilterBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        for (int i = 1; i < m_statusBox->count(); ++i)
            m_statusBox->setItemIcon(
                i, PipelineStatusStyle::icon(RunStatus(m_statusBox->itemData(i).toInt())));
    }
}

} // namespace devdash::ui
