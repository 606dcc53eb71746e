#include "DoraPanel.h"

#include "common/FlowLayout.h"
#include "common/Theme.h"

#include <QBarCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QFrame>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace devdash::ui {

using namespace devdash::deploy;

QString DoraPanel::duration(const std::optional<double> &hours)
{
    if (!hours)
        return QStringLiteral("—");
    if (*hours < 1)
        return tr("%1 min").arg(qRound(*hours * 60));
    if (*hours < 48)
        return tr("%1 h").arg(*hours, 0, 'f', 1);
    return tr("%1 d").arg(*hours / 24, 0, 'f', 1);
}

QColor DoraPanel::levelColor(PerformanceLevel level)
{
    switch (level) {
    case PerformanceLevel::Elite:
        return QColor(0x1a, 0x7f, 0x37);
    case PerformanceLevel::High:
        return QColor(0x1f, 0x6f, 0xc5);
    case PerformanceLevel::Medium:
        return QColor(0xb0, 0x6a, 0x00);
    case PerformanceLevel::Low:
        return QColor(0xc0, 0x2b, 0x2b);
    }
    return {};
}

DoraPanel::DoraPanel(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_chartView(new QChartView(m_chart, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // Four across when there is room, wrapping to a second row on a narrow window.
    auto *cards = new FlowLayout(nullptr, 8);
    layout->addLayout(cards);
    auto place = [&](Card card) {
        auto *frame = new QFrame(this);
        frame->setFrameShape(QFrame::StyledPanel);
        auto *v = new QVBoxLayout(frame);
        v->setContentsMargins(10, 8, 10, 8);
        auto *top = new QHBoxLayout;
        top->addWidget(card.title, 1);
        top->addWidget(card.badge);
        v->addLayout(top);
        v->addWidget(card.value);
        v->addWidget(card.detail);
        frame->setToolTip(card.title->toolTip());
        cards->addWidget(frame);
    };
    m_frequency = addCard(QStringLiteral("deployment_frequency"), tr("Deployment frequency"), 0);
    m_lead = addCard(QStringLiteral("lead_time_for_changes"), tr("Lead time for changes"), 1);
    m_failure = addCard(QStringLiteral("change_failure_rate"), tr("Change failure rate"), 2);
    m_restore = addCard(QStringLiteral("time_to_restore"), tr("Time to restore"), 3);
    place(m_frequency);
    place(m_lead);
    place(m_failure);
    place(m_restore);

    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(200);
    layout->addWidget(m_chartView, 1);
}

DoraPanel::Card DoraPanel::addCard(const QString &metric, const QString &title, int)
{
    Card card { new QLabel(title, this), new QLabel(this), new QLabel(this), new QLabel(this) };
    const QString tip = DoraMetrics::definition(metric);
    card.title->setToolTip(tip);
    card.title->setObjectName(metric);
    card.value->setToolTip(tip);
    QFont big = card.value->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    card.value->setFont(big);
    card.detail->setStyleSheet(QStringLiteral("color: %1").arg(Theme::mutedText().name()));
    card.value->setTextFormat(Qt::PlainText);
    card.detail->setTextFormat(Qt::PlainText);
    card.detail->setWordWrap(true);
    card.badge->setAlignment(Qt::AlignCenter);
    return card;
}

void DoraPanel::setCard(
    Card &card, const QString &value, const QString &detail, const std::optional<PerformanceLevel> &level)
{
    card.value->setText(value);
    card.detail->setText(detail);
    if (level) {
        card.badge->setText(levelName(*level));
        card.badge->setStyleSheet(QStringLiteral("QLabel { color: white; background: %1; border-radius: 7px; "
                                                 "padding: 1px 8px; font-weight: bold; }")
                                      .arg(levelColor(*level).name()));
    } else {
        card.badge->setText(tr("no sample"));
        card.badge->setStyleSheet(
            QStringLiteral("QLabel { color: %1; border: 1px solid %1; border-radius: 7px; "
                           "padding: 1px 8px; }")
                .arg(Theme::mutedText().name()));
    }
}

QString DoraPanel::cardText(const QString &metric) const
{
    const Card *card = metric == QLatin1String("deployment_frequency") ? &m_frequency
        : metric == QLatin1String("lead_time_for_changes")             ? &m_lead
        : metric == QLatin1String("change_failure_rate")               ? &m_failure
                                                                       : &m_restore;
    return card->value->text() + QLatin1Char(' ') + card->detail->text() + QLatin1Char(' ')
        + card->badge->text();
}

void DoraPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The chart's theme and the cards' colours are chosen when drawn: draw again.
    if (event->type() == QEvent::PaletteChange && m_shown && !m_redrawing) {
        m_redrawing = true;
        const auto shown = *m_shown;
        show(shown.first, shown.second);
        m_redrawing = false;
    }
}

void DoraPanel::show(const DoraReport &r, const QList<SprintMetrics> &perSprint)
{
    m_shown = std::make_pair(r, perSprint);
    setCard(m_frequency, tr("%1 days/week").arg(r.frequency.deploymentDaysPerWeek, 0, 'g', 3),
        tr("%n successful deployment(s) over %1 week(s)", nullptr, r.frequency.deployments)
            .arg(r.frequency.weeks),
        r.frequency.level);
    setCard(m_lead, duration(r.leadTime.medianHours),
        r.leadTime.changes ? tr("median of %n change(s)", nullptr, r.leadTime.changes)
                           : tr("no commit reached %1 in the period").arg(r.environment),
        r.leadTime.level);
    setCard(m_failure,
        r.failureRate.rate ? QStringLiteral("%1 %").arg(*r.failureRate.rate * 100, 0, 'f', 1)
                           : QStringLiteral("—"),
        r.failureRate.deployments ? tr("%1 failed of %n deployment(s)", nullptr, r.failureRate.deployments)
                                        .arg(r.failureRate.failed)
                                  : tr("no deployment in the period"),
        r.failureRate.level);
    setCard(m_restore, duration(r.timeToRestore.medianHours),
        r.timeToRestore.incidents ? tr("median of %n incident(s)", nullptr, r.timeToRestore.incidents)
                                  : tr("no failed deployment in the period"),
        r.timeToRestore.level);

    // Per sprint: deployment days per week (left axis) and median lead time in hours (right).
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes())
        m_chart->removeAxis(axis);
    m_chart->setTheme(Theme::isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setTitle(tr("%1 per sprint").arg(r.environment));
    auto *frequency = new QLineSeries;
    frequency->setName(tr("deployment days / week"));
    auto *lead = new QLineSeries;
    lead->setName(tr("lead time (h)"));
    auto *failures = new QScatterSeries;
    failures->setName(tr("change failure rate (%)"));
    failures->setMarkerSize(9);
    QStringList categories;
    double maxFrequency = 1, maxLead = 1, maxRate = 1;
    for (int i = 0; i < perSprint.size(); ++i) {
        const SprintMetrics &m = perSprint.at(i);
        categories << QStringLiteral("S%1").arg(m.sprint.number);
        frequency->append(i, m.dora.frequency.deploymentDaysPerWeek);
        maxFrequency = std::max(maxFrequency, m.dora.frequency.deploymentDaysPerWeek);
        if (m.dora.leadTime.medianHours) {
            lead->append(i, *m.dora.leadTime.medianHours);
            maxLead = std::max(maxLead, *m.dora.leadTime.medianHours);
        }
        if (m.dora.failureRate.rate) {
            failures->append(i, *m.dora.failureRate.rate * 100);
            maxRate = std::max(maxRate, *m.dora.failureRate.rate * 100);
        }
    }
    m_chart->addSeries(frequency);
    m_chart->addSeries(lead);
    m_chart->addSeries(failures);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    auto *left = new QValueAxis;
    left->setRange(0, std::ceil(maxFrequency) + 1);
    left->setTitleText(tr("days / week"));
    auto *right = new QValueAxis;
    right->setRange(0, maxLead * 1.15);
    right->setTitleText(tr("hours"));
    auto *percent = new QValueAxis;
    percent->setRange(0, std::max(100.0, maxRate));
    percent->setVisible(false);
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(left, Qt::AlignLeft);
    m_chart->addAxis(right, Qt::AlignRight);
    m_chart->addAxis(percent, Qt::AlignRight);
    frequency->attachAxis(x);
    frequency->attachAxis(left);
    lead->attachAxis(x);
    lead->attachAxis(right);
    failures->attachAxis(x);
    failures->attachAxis(percent);
    frequency->setPen(QPen(levelColor(PerformanceLevel::High), 2));
    lead->setPen(QPen(levelColor(PerformanceLevel::Medium), 2));
    failures->setColor(levelColor(PerformanceLevel::Low));
}

} // namespace devdash::ui
