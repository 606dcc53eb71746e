#pragma once

// The four DORA metrics of one environment and period: value, sample size and level
// badge, the definition in each tooltip (DoraMetrics::definition), and a chart of
// deployment frequency and lead time per sprint.

#include "deploy/DeploymentsSnapshot.h"

#include <QWidget>

#include <optional>
#include <utility>

class QChart;
class QChartView;
class QLabel;

namespace devdash::ui {

class DoraPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit DoraPanel(QWidget *parent = nullptr);

    void show(const deploy::DoraReport &report, const QList<deploy::SprintMetrics> &perSprint);
    QChartView *chartView() const { return m_chartView; }
    // The text of each card ("deployment_frequency" …), for tests and the report.
    QString cardText(const QString &metric) const;

    // "4.0 h", "2.5 d", "—"
    static QString duration(const std::optional<double> &hours);
    static QColor levelColor(deploy::PerformanceLevel level);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Card
    {
        QLabel *title;
        QLabel *value;
        QLabel *detail;
        QLabel *badge;
    };
    Card addCard(const QString &metric, const QString &title, int column);
    void setCard(Card &card, const QString &value, const QString &detail,
        const std::optional<deploy::PerformanceLevel> &level);

    Card m_frequency, m_lead, m_failure, m_restore;
    QChart *m_chart;
    QChartView *m_chartView;
    // What is shown, to draw it again in the other palette (light ↔ dark).
    std::optional<std::pair<deploy::DoraReport, QList<deploy::SprintMetrics>>> m_shown;
    bool m_redrawing = false;
};

} // namespace devdash::ui
