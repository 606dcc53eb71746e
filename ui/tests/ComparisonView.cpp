#include "ComparisonView.h"

#include "TestStatusStyle.h"
#include "common/Theme.h"

#include "testresults/ComparisonModel.h"
#include "testresults/RunListModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace devdash::ui {

using testresults::ComparisonModel;

namespace {
QString runLabel(const testresults::RunSummary &run)
{
    // The source too: runs of a local import and of CI on one commit are told apart.
    return QObject::tr("#%1 %2 · %3 · %4").arg(run.id).arg(run.branch, run.commit.left(8), run.source);
}
} // namespace

ComparisonView::ComparisonView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ComparisonModel(this))
    , m_base(new QComboBox(this))
    , m_title(new QLabel(this))
    , m_view(new QTreeView(this))
{
    m_base->setMinimumContentsLength(28);
    m_base->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 6, 8, 6);
    bar->setSpacing(8);
    auto *baseLabel = new QLabel(tr("Compare with:"), this);
    baseLabel->setBuddy(m_base);
    bar->addWidget(baseLabel);
    bar->addWidget(m_base);
    bar->addSpacing(8);
    bar->addWidget(m_title, 1);
    m_title->setTextFormat(Qt::PlainText);

    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(false);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setItemDelegate(new TestStatusDelegate(
        ComparisonModel::StatusRole, { ComparisonModel::BaseColumn, ComparisonModel::HeadColumn }, m_view));
    QHeaderView *header = m_view->header();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(true);
    header->resizeSection(ComparisonModel::TestColumn, 360);
    header->resizeSection(ComparisonModel::BaseColumn, 100);
    header->resizeSection(ComparisonModel::HeadColumn, 100);
    header->resizeSection(ComparisonModel::DurationColumn, 150);
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString key = index.data(ComparisonModel::TestKeyRole).toString();
        if (!key.isEmpty())
            Q_EMIT testActivated(key);
    });
    connect(m_base, &QComboBox::activated, this, &ComparisonView::baseChanged);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
}

void ComparisonView::setRuns(testresults::RunListModel *runs, const QString &baseBranch)
{
    m_runs = runs;
    m_baseBranch = baseBranch;
    fillBaseBox();
}

void ComparisonView::fillBaseBox()
{
    const qint64 chosen = chosenBase();
    m_base->clear();
    m_base->addItem(m_baseBranch.isEmpty() ? tr("Latest comparable run of the default branch")
                                           : tr("Latest comparable run of %1").arg(m_baseBranch),
        qint64(0));
    if (m_runs) {
        for (const auto &run : m_runs->runs()) {
            if (run.id != m_headId)
                m_base->addItem(runLabel(run), run.id);
        }
    }
    const int index = m_base->findData(chosen);
    m_base->setCurrentIndex(index >= 0 ? index : 0);
}

void ComparisonView::setHead(const testresults::RunSummary &head)
{
    m_headId = head.id;
    fillBaseBox();
}

qint64 ComparisonView::chosenBase() const
{
    return m_base->currentIndex() >= 0 ? m_base->currentData().toLongLong() : 0;
}

void ComparisonView::chooseBase(qint64 runId)
{
    int index = m_base->findData(runId);
    if (index < 0 && runId > 0) {
        m_base->addItem(tr("Run #%1").arg(runId), runId);
        index = m_base->count() - 1;
    }
    m_base->setCurrentIndex(qMax(0, index));
}

void ComparisonView::setComparison(const testresults::RunComparison &comparison,
    const testresults::RunSummary &base, const testresults::RunSummary &head, const QString &note)
{
    m_model->setComparison(comparison);
    // One arg() call: labels hold branch and source names, which may hold "%3".
    QString title
        = tr("%1  →  %2: %3 new failures, %4 fixed, %5 still failing")
              .arg(runLabel(base), runLabel(head), QString::number(comparison.newFailures.size()),
                  QString::number(comparison.fixed.size()), QString::number(comparison.stillFailing.size()));
    if (!note.isEmpty())
        title += QStringLiteral(" (%1)").arg(note);
    m_title->setText(title);
    // Open the sections that have something to say.
    for (int s = 0; s < ComparisonModel::SectionCount; ++s) {
        const QModelIndex section = m_model->index(s, 0);
        m_view->setExpanded(section, m_model->rowCount(section) > 0 && m_model->rowCount(section) <= 200);
        m_view->setFirstColumnSpanned(s, {}, false);
    }
}

QString ComparisonView::titleText() const
{
    return m_title->text();
}

void ComparisonView::showMessage(const QString &text)
{
    m_model->clear();
    m_title->setText(text);
}

} // namespace devdash::ui
