#include "PipelineNotifier.h"

#include "CiSettingsDialog.h"
#include "PipelineStatusStyle.h"

#include "common/Background.h"
#include "git/Repository.h"

#include <QPainter>
#include <QPixmap>
#include <QRegularExpression>
#include <QSystemTrayIcon>

#include <git2.h>

namespace devdash::ui {

using ci::BranchTransition;
using ci::RunStatus;

PipelineNotifier::PipelineNotifier(QObject *parent)
    : QObject(parent)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setToolTip(tr("DevDash pipelines"));
        updateTrayIcon();
    }
}

PipelineNotifier::~PipelineNotifier() = default;

void PipelineNotifier::setRepository(const QString &path)
{
    m_repoPath = path;
    m_latest.clear();
    updateTrayIcon();
}

void PipelineNotifier::setWatchedBranches(const QStringList &patterns)
{
    m_patterns = patterns;
    for (auto it = m_latest.begin(); it != m_latest.end();)
        it = isWatched(it.key()) ? std::next(it) : m_latest.erase(it);
    updateTrayIcon();
}

bool PipelineNotifier::isWatched(const QString &branch) const
{
    if (branch.isEmpty())
        return false;
    for (const QString &pattern : m_patterns) {
        if (pattern == branch)
            return true;
        // "release/*" watches every release branch.
        if (pattern.contains(QLatin1Char('*'))
            && QRegularExpression(QRegularExpression::wildcardToRegularExpression(pattern))
                   .match(branch)
                   .hasMatch())
            return true;
    }
    return false;
}

void PipelineNotifier::setEnabled(bool enabled)
{
    CiSettingsDialog::setNotificationsEnabled(enabled);
    updateTrayIcon();
}

bool PipelineNotifier::isEnabled() const
{
    return CiSettingsDialog::notificationsEnabled();
}

void PipelineNotifier::attach(ci::CiPoller *poller)
{
    if (m_poller)
        disconnect(m_poller, nullptr, this, nullptr);
    m_poller = poller;
    connect(poller, &ci::CiPoller::branchTransition, this,
        [this](
            int, const ci::PipelineRun &run, BranchTransition transition) { onTransition(run, transition); });
    connect(poller, &ci::CiPoller::runFinished, this,
        [this](int, const ci::PipelineRun &run) { onRunUpdated(run); });
    connect(poller, &ci::CiPoller::runStatusChanged, this,
        [this](int, const ci::PipelineRun &run, RunStatus) { onRunUpdated(run); });
}

void PipelineNotifier::onRunUpdated(const ci::PipelineRun &run)
{
    if (!isWatched(run.branch))
        return;
    m_latest.insert(run.branch, run.status);
    updateTrayIcon();
}

std::optional<RunStatus> PipelineNotifier::worstStatus() const
{
    std::optional<RunStatus> worst;
    for (RunStatus status : m_latest)
        if (!worst || PipelineStatusStyle::severity(status) > PipelineStatusStyle::severity(*worst))
            worst = status;
    return worst;
}

QString PipelineNotifier::title(const QString &branch, BranchTransition transition, const QString &author)
{
    switch (transition) {
    case BranchTransition::Fixed:
        return tr("%1 fixed").arg(branch);
    case BranchTransition::Broken:
        return author.isEmpty() ? tr("%1 broken").arg(branch) : tr("%1 broken by %2").arg(branch, author);
    case BranchTransition::StillBroken:
        return tr("%1 still broken").arg(branch);
    }
    return branch;
}

void PipelineNotifier::onTransition(const ci::PipelineRun &run, BranchTransition transition)
{
    onRunUpdated(run);
    if (!isWatched(run.branch) || !isEnabled())
        return;
    if (transition != BranchTransition::Broken || m_repoPath.isEmpty() || run.commit.isEmpty()) {
        notify(run, transition, {});
        return;
    }
    // Who broke it: the commit's author, read on a worker (the commit may not be fetched yet).
    runInBackground(
        this,
        [path = m_repoPath, commit = run.commit]() -> QString {
            auto repo = git::Repository::open(path);
            if (!repo)
                return {};
            git_oid oid;
            if (git_oid_fromstrn(&oid, commit.toLatin1().constData(), size_t(commit.size())) != 0)
                return {};
            git_commit *c = nullptr;
            if (git_commit_lookup(&c, repo->raw(), &oid) != 0)
                return {};
            const QString name = QString::fromUtf8(git_commit_author(c)->name);
            git_commit_free(c);
            return name;
        },
        [this, run, transition](QString author) { notify(run, transition, author); });
}

void PipelineNotifier::notify(const ci::PipelineRun &run, BranchTransition transition, const QString &author)
{
    const QString heading = title(run.branch, transition, author);
    QString body = run.name;
    if (!run.commit.isEmpty())
        body += QStringLiteral(" · ") + run.commit.left(8);
    if (const QString d = PipelineStatusStyle::duration(run.durationS()); !d.isEmpty())
        body += QStringLiteral(" · ") + d;
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    // Desktop notification servers (org.freedesktop.Notifications) read the body as
    // markup: a pipeline named <img src=…> or <a href=…> is shown as text.
    const QString shown = body.toHtmlEscaped();
#else
    const QString shown = body;
#endif
    if (m_tray)
        m_tray->showMessage(heading, shown,
            transition == BranchTransition::Fixed ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning,
            8000);
    Q_EMIT notified(heading, body);
}

void PipelineNotifier::updateTrayIcon()
{
    if (!m_tray)
        return;
    const auto worst = worstStatus();
    if (!isEnabled() || m_patterns.isEmpty() || !worst) {
        m_tray->hide();
        return;
    }
    m_tray->setIcon(PipelineStatusStyle::icon(*worst));
    m_tray->setToolTip(tr("DevDash: watched branches %1").arg(PipelineStatusStyle::label(*worst).toLower()));
    m_tray->show();
}

} // namespace devdash::ui
