#include "FlakyView.h"

#include "common/TableLook.h"

#include "common/PaddedRowDelegate.h"
#include "common/Theme.h"

#include "testresults/FlakyTableModel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace devdash::ui {

using testresults::FlakyTableModel;

FlakyView::FlakyView(QWidget *parent)
    : QWidget(parent)
    , m_model(new FlakyTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_sameCommit(new QCheckBox(tr("Same commit"), this))
    , m_retries(new QCheckBox(tr("Retry"), this))
    , m_flips(new QCheckBox(tr("Flips ≥"), this))
    , m_minFlips(new QSpinBox(this))
    , m_flipWindow(new QSpinBox(this))
    , m_windowRuns(new QSpinBox(this))
    , m_minRate(new QDoubleSpinBox(this))
    , m_summary(new QLabel(this))
{
    m_sameCommit->setToolTip(tr("Passed and failed on the same commit, in different runs"));
    m_retries->setToolTip(tr("Failed, then passed on a retry within one run"));
    m_flips->setToolTip(tr("Flipped between passing and failing in the last runs of a branch"));
    for (QCheckBox *box : { m_sameCommit, m_retries, m_flips }) {
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, &FlakyView::optionsChanged);
    }
    m_minFlips->setRange(1, 50);
    m_minFlips->setValue(2);
    m_flipWindow->setRange(2, 200);
    m_flipWindow->setValue(10);
    m_flipWindow->setPrefix(tr("in last "));
    m_flipWindow->setSuffix(tr(" runs"));
    m_windowRuns->setRange(0, 100000);
    m_windowRuns->setValue(500);
    m_windowRuns->setSpecialValueText(tr("all runs"));
    m_windowRuns->setPrefix(tr("over "));
    m_windowRuns->setSuffix(tr(" runs"));
    m_minRate->setRange(0, 100);
    m_minRate->setDecimals(0);
    m_minRate->setSuffix(QStringLiteral(" %"));
    m_minRate->setPrefix(tr("rate ≥ "));
    for (QSpinBox *box : { m_minFlips, m_flipWindow, m_windowRuns })
        connect(box, &QSpinBox::editingFinished, this, &FlakyView::optionsChanged);
    connect(m_minRate, &QDoubleSpinBox::editingFinished, this, &FlakyView::optionsChanged);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 6, 8, 6);
    bar->setSpacing(8);
    bar->addWidget(m_sameCommit);
    bar->addWidget(m_retries);
    bar->addWidget(m_flips);
    bar->addWidget(m_minFlips);
    bar->addWidget(m_flipWindow);
    bar->addSpacing(12);
    bar->addWidget(m_windowRuns);
    bar->addWidget(m_minRate);
    bar->addStretch(1);
    m_summary->setTextFormat(Qt::PlainText);
    bar->addWidget(m_summary);
    QPalette muted = m_summary->palette();
    muted.setColor(QPalette::WindowText, Theme::mutedText());
    m_summary->setPalette(muted);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(FlakyTableModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FlakyTableModel::RateColumn, Qt::DescendingOrder);
    m_view->setItemDelegate(new PaddedRowDelegate(
        { FlakyTableModel::EvidenceColumn, FlakyTableModel::LastSeenColumn }, {}, m_view));
    TableLook::apply(m_view, TableLook::SingleSelection);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(FlakyTableModel::TestColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(FlakyTableModel::EvidenceColumn, QHeaderView::Stretch);
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT testActivated(index.data(FlakyTableModel::TestKeyRole).toString());
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
}

testresults::FlakyOptions FlakyView::options() const
{
    testresults::FlakyOptions options;
    options.sameCommit = m_sameCommit->isChecked();
    options.retries = m_retries->isChecked();
    options.flips = m_flips->isChecked();
    options.minFlips = m_minFlips->value();
    options.flipWindow = m_flipWindow->value();
    options.windowRuns = m_windowRuns->value();
    options.minRate = m_minRate->value() / 100.0;
    return options;
}

void FlakyView::setFindings(const QList<testresults::FlakyFinding> &findings)
{
    m_model->setFindings(findings);
    QSet<qint64> tests;
    for (const auto &finding : findings)
        tests.insert(finding.testId);
    m_summary->setText(findings.isEmpty() ? tr("No flaky tests with these thresholds")
                                          : tr("%n flaky test(s)", nullptr, int(tests.size())));
}

} // namespace devdash::ui
