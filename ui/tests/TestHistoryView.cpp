#include "TestHistoryView.h"

#include "common/TableLook.h"

#include "StatusTimeline.h"
#include "TestStatusStyle.h"
#include "common/DisplayTime.h"
#include "common/Theme.h"

#include "testresults/RunListModel.h"
#include "testresults/TestHistoryModel.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

namespace devdash::ui {

using testresults::TestHistoryModel;

TestHistoryView::TestHistoryView(QWidget *parent)
    : QWidget(parent)
    , m_model(new TestHistoryModel(this))
    , m_key(new QLineEdit(this))
    , m_title(new QLabel(this))
    , m_streak(new QLabel(this))
    , m_timeline(new StatusTimeline(this))
    , m_chart(new QChart)
    , m_chartView(new QChartView(m_chart, this))
    , m_durations(new QLineSeries)
    , m_view(new QTableView(this))
{
    m_key->setPlaceholderText(tr("Test — Class::name (Enter); or double-click a test anywhere on this page"));
    m_key->setClearButtonEnabled(true);
    connect(m_key, &QLineEdit::returnPressed, this, [this] {
        if (!m_key->text().trimmed().isEmpty())
            Q_EMIT testRequested(m_key->text().trimmed());
    });
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setTextFormat(Qt::PlainText); // a test's name, as the report has it
    m_streak->setTextFormat(Qt::PlainText);

    m_chart->addSeries(m_durations);
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->setBackgroundRoundness(0);
    auto *x = new QValueAxis;
    x->setLabelsVisible(false);
    x->setGridLineVisible(false);
    auto *y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%.2f s"));
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    m_durations->attachAxis(x);
    m_durations->attachAxis(y);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setFixedHeight(150);

    m_view->setModel(m_model);
    TableLook::apply(m_view, TableLook::SingleSelection);
    m_view->setItemDelegate(
        new TestStatusDelegate(TestHistoryModel::StatusRole, { TestHistoryModel::StatusColumn }, m_view));
    QHeaderView *header = m_view->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(TestHistoryModel::MessageColumn, QHeaderView::Stretch);
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT runActivated(index.data(TestHistoryModel::RunIdRole).toLongLong());
    });
    connect(m_timeline, &StatusTimeline::runClicked, this, &TestHistoryView::runActivated);

    auto *top = new QVBoxLayout;
    top->setContentsMargins(10, 6, 10, 4);
    top->setSpacing(6);
    top->addWidget(m_key);
    top->addWidget(m_title);
    top->addWidget(m_streak);
    top->addWidget(m_timeline);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(m_chartView);
    layout->addWidget(m_view, 1);
    showMessage(tr("Choose a test: double-click one in a run, a comparison or the flaky list."));
    retheme();
}

QString TestHistoryView::testKey() const
{
    return m_model->history().key.isEmpty() ? m_key->text().trimmed() : m_model->history().key;
}

void TestHistoryView::setTestKey(const QString &key)
{
    m_key->setText(key);
}

void TestHistoryView::setHistory(const testresults::TestHistory &history)
{
    m_model->setHistory(history);
    m_key->setText(history.key);
    m_title->setText(history.className.isEmpty() ? history.name
                                                 : history.className + QStringLiteral(" › ") + history.name);
    m_title->setToolTip(
        history.suite + (history.file.isEmpty() ? QString() : QStringLiteral("\n") + history.file));
    m_streak->setText(m_model->streakText());
    QPalette palette = m_streak->palette();
    palette.setColor(QPalette::WindowText,
        history.age > 0 ? TestStatusStyle::color(testresults::TestStatus::Failed) : Theme::mutedText());
    m_streak->setPalette(palette);

    // Oldest first for the timeline and the chart.
    QList<StatusTimeline::Entry> entries;
    QList<QPointF> points;
    double maxDuration = 0.001;
    const int count = int(history.entries.size());
    for (int i = count - 1; i >= 0; --i) {
        const auto &entry = history.entries.at(i);
        StatusTimeline::Entry item;
        item.runId = entry.runId;
        item.status = entry.status;
        item.inStreak = m_model->index(i, 0).data(TestHistoryModel::InStreakRole).toBool();
        item.toolTip = tr("Run #%1 — %2 (%6)\n%3, %4 on %5")
                           .arg(entry.runId)
                           .arg(testresults::statusName(entry.status), DisplayTime::exact(entry.time),
                               entry.commit.left(8), entry.branch)
                           .arg(testresults::formatDuration(entry.durationS));
        if (!entry.message.isEmpty())
            item.toolTip += QLatin1Char('\n') + entry.message.section(QLatin1Char('\n'), 0, 0);
        entries << item;
        if (!std::isnan(entry.durationS)) {
            points << QPointF(count - 1 - i, entry.durationS);
            maxDuration = qMax(maxDuration, entry.durationS);
        }
    }
    m_timeline->setEntries(entries);
    m_durations->replace(points);
    const auto axes = m_chart->axes();
    for (QAbstractAxis *axis : axes) {
        if (axis->orientation() == Qt::Horizontal)
            axis->setRange(0, qMax(1, count - 1));
        else
            axis->setRange(0, maxDuration * 1.15);
    }
}

void TestHistoryView::showMessage(const QString &text)
{
    m_model->clear();
    m_title->setText(QString());
    m_streak->setText(text);
    m_timeline->setEntries({});
    m_durations->clear();
}

void TestHistoryView::retheme()
{
    m_chart->setTheme(Theme::isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundBrush(palette().color(QPalette::Base));
    m_durations->setPen(QPen(Theme::linkColor(), 2));
    m_durations->setPointsVisible(true);
    for (QAbstractAxis *axis : m_chart->axes()) {
        axis->setLabelsColor(Theme::mutedText());
        axis->setGridLineColor(palette().color(QPalette::Mid));
    }
}

} // namespace devdash::ui
