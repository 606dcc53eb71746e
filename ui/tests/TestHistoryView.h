#pragma once

// One test across runs: a status timeline (a square per run), its durations as a
// small line chart, "failing since" and age as Jenkins counts them, and the runs
// in a table.

#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QLineEdit;
class QLineSeries;
class QTableView;

namespace devdash::testresults {
class TestHistoryModel;
struct TestHistory;
} // namespace devdash::testresults

namespace devdash::ui {

class StatusTimeline;

class TestHistoryView final : public QWidget
{
    Q_OBJECT
public:
    explicit TestHistoryView(QWidget *parent = nullptr);

    void setHistory(const testresults::TestHistory &history);
    void showMessage(const QString &text);
    QString testKey() const;
    void setTestKey(const QString &key);

    testresults::TestHistoryModel *model() const { return m_model; }
    StatusTimeline *timeline() const { return m_timeline; }
    QLineSeries *durationSeries() const { return m_durations; }
    QLabel *streakLabel() const { return m_streak; }
    void retheme();

Q_SIGNALS:
    void testRequested(const QString &testKey);
    void runActivated(qint64 runId);

private:
    testresults::TestHistoryModel *m_model;
    QLineEdit *m_key;
    QLabel *m_title;
    QLabel *m_streak;
    StatusTimeline *m_timeline;
    QChart *m_chart;
    QChartView *m_chartView;
    QLineSeries *m_durations;
    QTableView *m_view;
};

} // namespace devdash::ui
