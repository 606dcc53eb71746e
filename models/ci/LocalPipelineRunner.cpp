#include "LocalPipelineRunner.h"
#include "ci/LocalPipelineEnvironment.h"

#include "config/ConfigError.h"

#include <QAbstractEventDispatcher>
#include <QEventLoop>
#include <QProcessEnvironment>
#include <QRandomGenerator>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace devdash::ci {

namespace {

QDateTime nowUtc()
{
    return QDateTime::currentDateTimeUtc();
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024 * 1024), 'g', 3) + QStringLiteral(" MB");
}

// The status of a stage from its jobs: the worst finished one wins, a stage
// with work left is running.
RunStatus stageStatus(const PipelineStage &stage)
{
    bool anyQueued = false, anySuccess = false, anySkipped = false;
    for (const PipelineJob &job : stage.jobs) {
        switch (job.status) {
        case RunStatus::Running:
            return RunStatus::Running;
        case RunStatus::Failed:
            return RunStatus::Failed;
        case RunStatus::Canceled:
            return RunStatus::Canceled;
        case RunStatus::Queued:
        case RunStatus::Manual:
            anyQueued = true;
            break;
        case RunStatus::Success:
            anySuccess = true;
            break;
        case RunStatus::Skipped:
            anySkipped = true;
            break;
        }
    }
    if (anyQueued)
        return anySuccess ? RunStatus::Running : RunStatus::Queued;
    if (anySuccess)
        return RunStatus::Success;
    return anySkipped ? RunStatus::Skipped : RunStatus::Queued;
}

} // namespace

LocalPipelineRunner::LocalPipelineRunner(QObject *parent)
    : QObject(parent)
{
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        // The step ignored SIGTERM for the whole grace period.
        appendLog(jobIdOf(m_current.stage, m_current.step),
            QByteArrayLiteral("[devdash] the step did not stop within the grace period: killed\n"));
        signalProcessGroup(SIGKILL);
        if (m_process)
            m_process->kill();
    });
}

LocalPipelineRunner::~LocalPipelineRunner()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        signalProcessGroup(SIGKILL);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
    killLeftovers();
}

QString LocalPipelineRunner::jobIdOf(int stageIndex, int stepIndex)
{
    return QStringLiteral("%1.%2").arg(stageIndex + 1).arg(stepIndex + 1);
}

QString LocalPipelineRunner::newRunId(const QDateTime &startedUtc)
{
    const quint32 suffix = QRandomGenerator::global()->bounded(0x1000000u);
    return startedUtc.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss-"))
        + QStringLiteral("%1").arg(suffix, 6, 16, QLatin1Char('0'));
}

Result<void> LocalPipelineRunner::start(const LocalPipelineSource &source, const LocalPipelineConfig &config)
{
    if (m_running)
        return Error { QStringLiteral("A local pipeline is running already in %1: wait for it or cancel it.")
                           .arg(m_source.root) };
    if (!config.isDefined() || config.stepCount() == 0)
        return Error { QStringLiteral("%1 defines no local pipeline: add a \"pipeline\" key with stages and "
                                      "steps (see docs/cli.md, \"pipelines run\").")
                           .arg(config.file().isEmpty() ? source.root : config.file()) };
    // The commands come from the repository: they run only once the user trusts that file.
    if (!config.isTrusted())
        return config::ConfigError::notTrusted(config.file(), source.root,
            QStringLiteral("its local pipeline would run %1 command(s) on your machine")
                .arg(config.stepCount()));

    // QProcess needs an event dispatcher on this thread; a pool thread (the demo
    // is built on one) gets it from its first event loop.
    if (!QAbstractEventDispatcher::instance()) {
        QEventLoop ensureDispatcher;
    }

    m_source = source;
    m_config = config;
    m_logs.clear();
    m_exitCodes.clear();
    m_jobOrder.clear();
    m_processGroups.clear();
    m_logBytes = 0;
    m_truncated = false;
    m_canceled = false;

    const QDateTime started = nowUtc();
    m_run = PipelineRun {};
    m_run.provider = QLatin1String(Provider);
    m_run.project = source.repositoryKey;
    m_run.id = newRunId(started);
    m_run.name = QStringLiteral("local pipeline");
    m_run.branch = source.branch;
    m_run.commit = source.commit;
    m_run.status = RunStatus::Running;
    m_run.trigger = QStringLiteral("local");
    m_run.startedAt = started;
    m_run.dirty = source.dirty;
    for (int s = 0; s < config.stages().size(); ++s) {
        const LocalPipelineStage &stageConfig = config.stages().at(s);
        PipelineStage stage;
        stage.name = stageConfig.name;
        for (int i = 0; i < stageConfig.steps.size(); ++i) {
            PipelineJob job;
            job.id = jobIdOf(s, i);
            job.name = stageConfig.steps.at(i).name;
            m_jobOrder << job.id;
            stage.jobs.append(job);
        }
        m_run.stages.append(stage);
    }
    m_running = true;
    Q_EMIT runStarted(m_run);

    // The first step with something to run (a stage may have been given no steps).
    Position first;
    while (first.stage < m_run.stages.size() && m_run.stages.at(first.stage).jobs.isEmpty())
        ++first.stage;
    startStep(first);
    return {};
}

std::optional<LocalPipelineRunner::Position> LocalPipelineRunner::next(Position position) const
{
    if (position.step + 1 < m_run.stages.at(position.stage).jobs.size())
        return Position { position.stage, position.step + 1 };
    for (int s = position.stage + 1; s < m_run.stages.size(); ++s)
        if (!m_run.stages.at(s).jobs.isEmpty())
            return Position { s, 0 };
    return std::nullopt;
}

void LocalPipelineRunner::startStep(Position position)
{
    m_current = position;
    m_stepDone = false;
    const LocalPipelineStep &step = m_config.stages().at(position.stage).steps.at(position.step);
    PipelineJob &j = job(position);
    const QString id = j.id;
    j.status = RunStatus::Running;
    j.startedAt = nowUtc();
    updateStageStatus(position.stage);
    Q_EMIT stepStarted(id);
    Q_EMIT runChanged(m_run);

    // The command as a terminal would echo it; a script shows its first line only.
    const QStringList lines = step.run.trimmed().split(QLatin1Char('\n'));
    QByteArray header = "$ " + lines.first().toUtf8();
    if (lines.size() > 1)
        header += " … (" + QByteArray::number(lines.size()) + " lines)";
    header += '\n';
    if (!step.workingDirectory.isEmpty())
        header.prepend("[devdash] in " + step.workingDirectory.toUtf8() + '\n');
    appendLog(id, header);

    if (m_canceled) {
        finishStep(RunStatus::Canceled, std::nullopt, QStringLiteral("canceled before it started"));
        return;
    }
    const auto folder = LocalPipelineConfig::resolveWorkingDirectory(m_source.root, step.workingDirectory);
    if (!folder) {
        finishStep(RunStatus::Failed, std::nullopt, folder.errorMessage());
        return;
    }

    auto *process = new QProcess(this);
    m_process = process;
    m_processGroup = 0;
    process->setProgram(QStringLiteral("/bin/sh"));
    process->setArguments({ QStringLiteral("-c"), step.run });
    process->setWorkingDirectory(*folder);
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setStandardInputFile(QProcess::nullDevice()); // a step waiting for input would hang the run
    // Not DevDash's environment: its secrets would end up in the log (LocalPipelineEnvironment).
    QProcessEnvironment environment = LocalPipelineEnvironment::base(
        QProcessEnvironment::systemEnvironment(), m_config.passEnvironment());
    environment.insert(QStringLiteral("DEVDASH_PIPELINE_RUN_ID"), m_run.id);
    environment.insert(QStringLiteral("DEVDASH_PIPELINE_COMMIT"), m_run.commit);
    environment.insert(QStringLiteral("DEVDASH_PIPELINE_BRANCH"), m_run.branch);
    for (auto it = step.environment.begin(); it != step.environment.end(); ++it)
        environment.insert(it.key(), it.value());
    process->setProcessEnvironment(environment);
    // Its own process group: cancel reaches the shell's children too, and the
    // terminal's Ctrl+C reaches DevDash, which then cancels in order.
    process->setChildProcessModifier([] { ::setpgid(0, 0); });

    connect(process, &QProcess::readyReadStandardOutput, this,
        [this, process, id] { appendLog(id, process->readAllStandardOutput()); });
    connect(process, &QProcess::finished, this, &LocalPipelineRunner::onProcessFinished);
    connect(process, &QProcess::errorOccurred, this, &LocalPipelineRunner::onProcessError);
    connect(process, &QProcess::started, this, [this, process] {
        m_processGroup = process->processId();
        ::setpgid(pid_t(m_processGroup), pid_t(m_processGroup)); // either side may win the race
        m_processGroups << m_processGroup;
    });
    process->start();
}

void LocalPipelineRunner::onProcessFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    if (!m_process || sender() != m_process)
        return;
    const QString id = jobIdOf(m_current.stage, m_current.step);
    appendLog(id, m_process->readAllStandardOutput());
    if (m_canceled) {
        finishStep(RunStatus::Canceled,
            exitStatus == QProcess::NormalExit ? std::optional<int>(exitCode) : std::nullopt,
            QStringLiteral("canceled"));
    } else if (exitStatus == QProcess::CrashExit) {
        finishStep(RunStatus::Failed, std::nullopt, QStringLiteral("the step was killed by a signal"));
    } else if (exitCode != 0) {
        finishStep(
            RunStatus::Failed, exitCode, QStringLiteral("the step failed with exit code %1").arg(exitCode));
    } else {
        finishStep(RunStatus::Success, 0, {});
    }
}

void LocalPipelineRunner::onProcessError(QProcess::ProcessError error)
{
    if (!m_process || sender() != m_process || error != QProcess::FailedToStart)
        return; // crashes arrive through finished()
    finishStep(RunStatus::Failed, std::nullopt,
        QStringLiteral("the step could not start: %1").arg(m_process->errorString()));
}

void LocalPipelineRunner::finishStep(RunStatus status, std::optional<int> exitCode, const QString &note)
{
    if (m_stepDone)
        return;
    m_stepDone = true;
    m_killTimer.stop();
    PipelineJob &j = job(m_current);
    const QString id = j.id;
    j.status = status;
    j.finishedAt = nowUtc();
    if (exitCode)
        m_exitCodes.insert(id, *exitCode);
    if (!note.isEmpty())
        appendLog(id, "[devdash] " + note.toUtf8() + '\n');
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    updateStageStatus(m_current.stage);
    Q_EMIT stepFinished(id, status, j.durationS());

    const std::optional<Position> following = next(m_current);
    if (status == RunStatus::Success && following && !m_canceled) {
        // Through the event queue: a step that fails to start reports inside
        // start(), and the next one must not begin inside that call.
        const Position position = *following;
        QMetaObject::invokeMethod(
            this, [this, position] { startStep(position); }, Qt::QueuedConnection);
        Q_EMIT runChanged(m_run);
        return;
    }
    // The first failure (or a cancel) ends the run: what follows is skipped.
    for (auto position = following; position; position = next(*position)) {
        job(*position).status = RunStatus::Skipped;
        updateStageStatus(position->stage);
    }
    const RunStatus runStatus = status == RunStatus::Success
        ? (m_canceled ? RunStatus::Canceled : RunStatus::Success)
        : (status == RunStatus::Canceled ? RunStatus::Canceled : RunStatus::Failed);
    QMetaObject::invokeMethod(
        this, [this, runStatus] { finishRun(runStatus); }, Qt::QueuedConnection);
}

void LocalPipelineRunner::finishRun(RunStatus status)
{
    killLeftovers();
    m_run.status = status;
    m_run.finishedAt = nowUtc();
    m_running = false;
    Q_EMIT runChanged(m_run);
    Q_EMIT finished(m_run);
}

void LocalPipelineRunner::cancel()
{
    if (!m_running || m_canceled)
        return;
    m_canceled = true;
    if (m_process && m_process->state() != QProcess::NotRunning) {
        appendLog(jobIdOf(m_current.stage, m_current.step),
            QByteArrayLiteral("\n[devdash] cancel: terminating the step\n"));
        signalProcessGroup(SIGTERM);
        m_process->terminate();
        m_killTimer.start(m_killGraceMs);
    }
    // Between two steps the next one sees m_canceled and does not start.
}

void LocalPipelineRunner::waitForFinished()
{
    if (!m_running)
        return;
    QEventLoop loop;
    connect(this, &LocalPipelineRunner::finished, &loop, &QEventLoop::quit);
    loop.exec();
}

void LocalPipelineRunner::signalProcessGroup(int signal)
{
    if (m_processGroup > 0)
        ::kill(-pid_t(m_processGroup), signal);
}

void LocalPipelineRunner::killLeftovers()
{
    // Background processes a step left behind (`server &`) end with the run, as
    // CI runners end them with the job.
    for (qint64 group : std::as_const(m_processGroups))
        ::kill(-pid_t(group), SIGTERM);
    m_processGroups.clear();
}

void LocalPipelineRunner::appendLog(const QString &jobId, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    Q_EMIT output(jobId, bytes);
    QByteArray &log = m_logs[jobId];
    if (m_truncated) {
        if (log.isEmpty() || !log.endsWith("(it was shown live).\n"))
            log += "[devdash] this run's output passed " + megabytes(m_logLimit).toUtf8()
                + ": the rest of it is not kept (it was shown live).\n";
        return;
    }
    const qint64 room = m_logLimit - m_logBytes;
    if (bytes.size() <= room) {
        log += bytes;
        m_logBytes += bytes.size();
        return;
    }
    log += bytes.left(room);
    m_logBytes = m_logLimit;
    m_truncated = true;
    log += "\n[devdash] this run's output passed " + megabytes(m_logLimit).toUtf8()
        + ": the rest of it is not kept (it was shown live).\n";
}

void LocalPipelineRunner::updateStageStatus(int stage)
{
    m_run.stages[stage].status = stageStatus(m_run.stages.at(stage));
}

std::optional<int> LocalPipelineRunner::exitCode(const QString &jobId) const
{
    const auto it = m_exitCodes.constFind(jobId);
    return it == m_exitCodes.constEnd() ? std::nullopt : std::optional<int>(*it);
}

LocalPipelineResult LocalPipelineRunner::result() const
{
    return LocalPipelineResult { m_run, m_source, m_config.reportGlobs(), m_logs, m_truncated };
}

QByteArray LocalPipelineRunner::log() const
{
    QByteArray all;
    for (int s = 0; s < m_run.stages.size(); ++s) {
        for (const PipelineJob &j : m_run.stages.at(s).jobs) {
            all += "==> " + m_run.stages.at(s).name.toUtf8() + " / " + j.name.toUtf8() + " ("
                + runStatusName(j.status).toUtf8() + ")\n";
            all += m_logs.value(j.id);
            if (!all.endsWith('\n'))
                all += '\n';
        }
    }
    return all;
}

} // namespace devdash::ci
