#include "JobStatusWidget.h"

#include "common/Icons.h"

#include "common/JobTracker.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QTimer>
#include <QToolButton>

#include <algorithm>

namespace devdash::ui {

JobStatusWidget::JobStatusWidget(JobTracker *jobs, QWidget *parent)
    : QWidget(parent)
    , m_jobs(jobs)
    , m_label(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
    , m_showDelay(new QTimer(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->setSpacing(6);
    m_label->setTextFormat(Qt::PlainText); // job titles name refs, files, databases
    m_progress->setFixedWidth(140);
    m_progress->setMaximumHeight(14);
    m_progress->setTextVisible(false);
    m_cancel->setIcon(Icons::get(QStringLiteral("cancel")));
    m_cancel->setAutoRaise(true);
    m_cancel->setToolTip(tr("Cancel the running work (Esc)"));
    layout->addWidget(m_label);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    hide();

    m_showDelay->setSingleShot(true);
    m_showDelay->setInterval(300);
    connect(m_showDelay, &QTimer::timeout, this, [this] {
        if (m_jobs && !m_jobs->isIdle())
            show();
    });
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        if (m_jobs)
            m_jobs->cancelAll();
    });
    connect(jobs, &JobTracker::jobsChanged, this, &JobStatusWidget::update);
}

void JobStatusWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_cancel->setIcon(Icons::get(QStringLiteral("cancel")));
    QWidget::changeEvent(event);
}

QString JobStatusWidget::text() const
{
    return m_label->text();
}

void JobStatusWidget::update()
{
    const QList<JobTracker::Job> jobs = m_jobs ? m_jobs->jobs() : QList<JobTracker::Job>();
    if (jobs.isEmpty()) {
        m_showDelay->stop();
        hide();
        m_label->clear();
        return;
    }
    const JobTracker::Job &first = jobs.constFirst();
    QString text = first.title;
    if (jobs.size() > 1)
        text += tr(" (+%1 more)").arg(jobs.size() - 1);
    m_label->setText(text);
    QStringList all;
    for (const JobTracker::Job &job : jobs)
        all << job.title;
    setToolTip(all.join(QLatin1Char('\n')));
    if (first.total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(std::clamp<qint64>(first.done * 1000 / first.total, 0, 1000)));
    } else {
        m_progress->setRange(0, 0); // busy
    }
    if (!isVisible() && !m_showDelay->isActive())
        m_showDelay->start();
}

} // namespace devdash::ui
