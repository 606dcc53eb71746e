#pragma once

// Trends of a branch over its last N runs or a date range: passed / failed /
// skipped per run as stacked bars with the total duration as a line, and the
// slowest and the most failing tests. Hovering a bar names its run; clicking it
// opens the run. The page loads the data (on a worker) and hands it over.

#include "testresults/TrendQuery.h"

#include <QWidget>

class QBarSet;
class QCategoryAxis;
class QChart;
class QChartView;
class QCheckBox;
class QDateEdit;
class QLineSeries;
class QSpinBox;
class QStackedBarSeries;
class QStandardItemModel;
class QTableView;

namespace devdash::ui {

class TrendsView final : public QWidget
{
    Q_OBJECT
public:
    explicit TrendsView(QWidget *parent = nullptr);

    // The range chosen in the controls (the branch is the page's).
    testresults::TrendOptions options() const;
    void setTrends(const testresults::Trends &trends);
    const testresults::Trends &trends() const { return m_trends; }

    QChartView *chartView() const { return m_chartView; }
    QStackedBarSeries *barSeries() const { return m_bars; }
    QLineSeries *durationSeries() const { return m_duration; }
    QStandardItemModel *slowestModel() const { return m_slowest; }
    QStandardItemModel *failingModel() const { return m_failing; }
    QCategoryAxis *runAxis() const { return m_runAxis; }
    // The text the tooltip shows for a bar.
    QString pointText(int index) const;
    // Which runs the x axis names (index, "#id"): at most `maxLabels`, evenly spaced,
    // the newest always; the tooltip names every run.
    static QList<std::pair<int, QString>> axisLabels(
        const QList<testresults::TrendPoint> &points, int maxLabels = 10);

    void exportChart(); // asks for a file
    void exportTable();
    void retheme();

Q_SIGNALS:
    void optionsChanged();
    void runActivated(qint64 runId);
    void testActivated(const QString &testKey);
    void statusMessage(const QString &text);

private:
    void rebuildChart();
    void fillTables();

    testresults::Trends m_trends;
    QSpinBox *m_lastRuns;
    QCheckBox *m_useRange;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QChart *m_chart;
    QChartView *m_chartView;
    QStackedBarSeries *m_bars = nullptr;
    QLineSeries *m_duration = nullptr;
    QCategoryAxis *m_runAxis = nullptr;
    QStandardItemModel *m_slowest;
    QStandardItemModel *m_failing;
    QTableView *m_slowestView;
    QTableView *m_failingView;
};

} // namespace devdash::ui
