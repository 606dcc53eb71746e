#include "TrendsView.h"

#include "common/TableLook.h"

#include "ChartExport.h"
#include "TestStatusStyle.h"
#include "common/DisplayTime.h"
#include "common/Theme.h"

#include "testresults/RunListModel.h"

#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QCursor>
#include <QDateEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedBarSeries>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

namespace devdash::ui {

using namespace testresults;

namespace {
constexpr int TestKeyRole = Qt::UserRole + 1;
constexpr int RunIdRole = Qt::UserRole + 2;

QTableView *makeTable(QStandardItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    TableLook::apply(view, TableLook::SingleSelection);
    view->horizontalHeader()->setStretchLastSection(false);
    return view;
}

QString testName(const TestTrend &test)
{
    return test.className.isEmpty() ? test.name : test.className + QStringLiteral(" › ") + test.name;
}
} // namespace

TrendsView::TrendsView(QWidget *parent)
    : QWidget(parent)
    , m_lastRuns(new QSpinBox(this))
    , m_useRange(new QCheckBox(tr("Between"), this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_chart(new QChart)
    , m_chartView(new QChartView(m_chart, this))
    , m_slowest(new QStandardItemModel(0, 3, this))
    , m_failing(new QStandardItemModel(0, 3, this))
    , m_slowestView(makeTable(m_slowest, this))
    , m_failingView(makeTable(m_failing, this))
{
    m_lastRuns->setRange(2, 1000);
    m_lastRuns->setValue(30);
    m_lastRuns->setSuffix(tr(" runs"));
    m_lastRuns->setToolTip(tr("How many of the newest runs the chart shows"));
    const QDate today = QDate::currentDate();
    for (QDateEdit *edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setEnabled(false);
    }
    m_from->setDate(today.addDays(-30));
    m_to->setDate(today);
    auto *exportChart = new QPushButton(tr("Export Chart…"), this);
    auto *exportTable = new QPushButton(tr("Export Table…"), this);
    exportChart->setToolTip(tr("Save the chart as a PNG image"));
    exportTable->setToolTip(tr("Save the slowest and most failing tests as CSV"));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 6, 8, 2);
    bar->setSpacing(8);
    bar->addWidget(new QLabel(tr("Last"), this));
    bar->addWidget(m_lastRuns);
    bar->addSpacing(8);
    bar->addWidget(m_useRange);
    bar->addWidget(m_from);
    bar->addWidget(new QLabel(tr("and"), this));
    bar->addWidget(m_to);
    bar->addStretch(1);
    bar->addWidget(exportChart);
    bar->addWidget(exportTable);

    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);

    m_slowest->setHorizontalHeaderLabels({ tr("Slowest tests"), tr("Mean"), tr("Max") });
    m_failing->setHorizontalHeaderLabels({ tr("Most failing tests"), tr("Failures"), tr("Last failed") });
    for (QTableView *view : { m_slowestView, m_failingView }) {
        view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
        // Fixed: sized-to-contents columns are measured while the tab is hidden, too narrow.
        view->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Fixed);
        view->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Fixed);
        view->horizontalHeader()->resizeSection(1, 80);
        view->horizontalHeader()->resizeSection(2, 90);
        connect(view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
            const QString key = index.siblingAtColumn(0).data(TestKeyRole).toString();
            if (!key.isEmpty())
                Q_EMIT testActivated(key);
        });
    }
    auto *tables = new QSplitter(Qt::Horizontal, this);
    tables->addWidget(m_slowestView);
    tables->addWidget(m_failingView);
    tables->setChildrenCollapsible(false);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_chartView);
    split->addWidget(tables);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_lastRuns, &QSpinBox::editingFinished, this, &TrendsView::optionsChanged);
    connect(m_useRange, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        m_lastRuns->setEnabled(!on);
        Q_EMIT optionsChanged();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &TrendsView::optionsChanged);
    connect(m_to, &QDateEdit::dateChanged, this, &TrendsView::optionsChanged);
    connect(exportChart, &QPushButton::clicked, this, &TrendsView::exportChart);
    connect(exportTable, &QPushButton::clicked, this, &TrendsView::exportTable);
    retheme();
}

TrendOptions TrendsView::options() const
{
    TrendOptions options;
    options.top = 10;
    if (m_useRange->isChecked()) {
        options.lastRuns = 0;
        options.from = m_from->date().startOfDay();
        options.to = m_to->date().endOfDay();
    } else {
        options.lastRuns = m_lastRuns->value();
    }
    return options;
}

void TrendsView::setTrends(const Trends &trends)
{
    m_trends = trends;
    rebuildChart();
    fillTables();
}

QString TrendsView::pointText(int index) const
{
    if (index < 0 || index >= m_trends.points.size())
        return {};
    const TrendPoint &p = m_trends.points.at(index);
    return tr("Run #%1 — %2 on %3\n%4\n%5 passed, %6 failed, %7 errors, %8 skipped — %9")
        .arg(p.runId)
        .arg(p.commit.left(8), p.branch.isEmpty() ? tr("no branch") : p.branch, DisplayTime::exact(p.time))
        .arg(p.counts.passed)
        .arg(p.counts.failed)
        .arg(p.counts.errored)
        .arg(p.counts.skipped)
        .arg(formatDuration(p.counts.durationS));
}

void TrendsView::rebuildChart()
{
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes())
        m_chart->removeAxis(axis), delete axis;

    m_bars = new QStackedBarSeries;
    auto *passed = new QBarSet(tr("Passed"));
    auto *failed = new QBarSet(tr("Failed"));
    auto *skipped = new QBarSet(tr("Skipped"));
    m_duration = new QLineSeries;
    m_duration->setName(tr("Duration (s)"));
    int maxTests = 1;
    double maxDuration = 1;
    for (int i = 0; i < m_trends.points.size(); ++i) {
        const TrendPoint &p = m_trends.points.at(i);
        *passed << p.counts.passed;
        *failed << p.counts.failed + p.counts.errored;
        *skipped << p.counts.skipped;
        m_duration->append(i, p.counts.durationS);
        maxTests = qMax(maxTests, p.counts.passed + p.counts.failed + p.counts.errored + p.counts.skipped);
        maxDuration = qMax(maxDuration, p.counts.durationS);
    }
    passed->setColor(TestStatusStyle::color(TestStatus::Passed));
    failed->setColor(TestStatusStyle::color(TestStatus::Failed));
    skipped->setColor(TestStatusStyle::color(TestStatus::Skipped));
    for (QBarSet *set : { passed, failed, skipped }) {
        set->setBorderColor(Qt::transparent);
        connect(set, &QBarSet::hovered, this, [this](bool on, int index) {
            if (on)
                QToolTip::showText(QCursor::pos(), pointText(index), m_chartView);
            else
                QToolTip::hideText();
        });
        connect(set, &QBarSet::clicked, this, [this](int index) {
            if (index >= 0 && index < m_trends.points.size())
                Q_EMIT runActivated(m_trends.points.at(index).runId);
        });
    }
    m_bars->append({ passed, failed, skipped });
    m_bars->setBarWidth(0.7);
    m_chart->addSeries(m_bars);
    m_chart->addSeries(m_duration);
    QPen line(Theme::linkColor(), 2);
    m_duration->setPen(line);
    m_duration->setPointsVisible(m_trends.points.size() < 40);

    // Runs by index, labelled sparsely: a label for every run would be elided to "#…".
    auto *x = new QCategoryAxis;
    const int n = int(m_trends.points.size());
    x->setRange(-0.5, n > 0 ? n - 0.5 : 0.5);
    x->setStartValue(-0.5);
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (const auto &[index, label] : axisLabels(m_trends.points))
        x->append(label, index);
    m_runAxis = x;
    auto *yTests = new QValueAxis;
    yTests->setRange(0, maxTests * 1.1);
    yTests->setLabelFormat(QStringLiteral("%d"));
    yTests->setTitleText(tr("tests"));
    auto *ySeconds = new QValueAxis;
    ySeconds->setRange(0, maxDuration * 1.15);
    ySeconds->setLabelFormat(QStringLiteral("%.1f"));
    ySeconds->setTitleText(tr("seconds"));
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(yTests, Qt::AlignLeft);
    m_chart->addAxis(ySeconds, Qt::AlignRight);
    m_bars->attachAxis(x);
    m_bars->attachAxis(yTests);
    m_duration->attachAxis(x);
    m_duration->attachAxis(ySeconds);
    m_chart->setTitle(m_trends.points.isEmpty() ? tr("No runs in this range") : QString());
    retheme();
}

QList<std::pair<int, QString>> TrendsView::axisLabels(const QList<TrendPoint> &points, int maxLabels)
{
    QList<std::pair<int, QString>> labels;
    const int n = int(points.size());
    if (n == 0 || maxLabels <= 0)
        return labels;
    const int step = (n + maxLabels - 1) / maxLabels;
    // Counted back from the newest run, so that it always has its label.
    for (int i = n - 1; i >= 0; i -= step)
        labels.prepend({ i, QStringLiteral("#%1").arg(points.at(i).runId) });
    return labels;
}

void TrendsView::fillTables()
{
    m_slowest->setRowCount(0);
    m_failing->setRowCount(0);
    for (const TestTrend &test : m_trends.slowest) {
        auto *name = new QStandardItem(testName(test));
        name->setData(test.key, TestKeyRole);
        name->setToolTip(test.key);
        auto *mean = new QStandardItem(formatDuration(test.meanDurationS));
        mean->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *max = new QStandardItem(formatDuration(test.maxDurationS));
        max->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_slowest->appendRow({ name, mean, max });
    }
    for (const TestTrend &test : m_trends.mostFailing) {
        auto *name = new QStandardItem(testName(test));
        name->setData(test.key, TestKeyRole);
        name->setToolTip(test.key);
        auto *failures = new QStandardItem(QString::number(test.failures));
        failures->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *last = new QStandardItem(
            test.lastFailedRunId > 0 ? QStringLiteral("#%1").arg(test.lastFailedRunId) : QString());
        last->setData(test.lastFailedRunId, RunIdRole);
        m_failing->appendRow({ name, failures, last });
    }
}

void TrendsView::retheme()
{
    m_chart->setTheme(Theme::isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    // The chart theme resets colours: put the status colours back, and blend with the page.
    m_chart->setBackgroundBrush(palette().color(QPalette::Base));
    m_chart->setTitleBrush(palette().color(QPalette::Text));
    m_chart->legend()->setLabelColor(palette().color(QPalette::Text));
    if (m_bars && m_bars->count() == 3) {
        const QList<QBarSet *> sets = m_bars->barSets();
        sets.at(0)->setColor(TestStatusStyle::color(TestStatus::Passed));
        sets.at(1)->setColor(TestStatusStyle::color(TestStatus::Failed));
        sets.at(2)->setColor(TestStatusStyle::color(TestStatus::Skipped));
        for (QBarSet *set : sets)
            set->setBorderColor(Qt::transparent);
    }
    if (m_duration)
        m_duration->setPen(QPen(Theme::linkColor(), 2));
    for (QAbstractAxis *axis : m_chart->axes()) {
        axis->setLabelsColor(palette().color(QPalette::Text));
        axis->setTitleBrush(Theme::mutedText());
        axis->setGridLineColor(palette().color(QPalette::Mid));
    }
}

void TrendsView::exportChart()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Chart"), QStringLiteral("test-trends.png"), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    const auto saved = ChartExport::savePng(m_chartView, path);
    Q_EMIT statusMessage(saved ? tr("Chart saved to %1").arg(path) : saved.errorMessage());
}

void TrendsView::exportTable()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Table"), QStringLiteral("slowest-tests.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    // The table with focus, else the slowest tests.
    const QStandardItemModel *model = m_failingView->hasFocus() ? m_failing : m_slowest;
    const auto saved = ChartExport::saveCsv(*model, path);
    Q_EMIT statusMessage(saved ? tr("Table saved to %1").arg(path) : saved.errorMessage());
}

} // namespace devdash::ui
