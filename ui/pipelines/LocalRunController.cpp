#include "LocalRunController.h"

#include "common/BackgroundJob.h"
#include "common/Workspace.h"
#include "tests/TestStoreAccess.h"

#include "ci/LocalPipelineConfig.h"
#include "ci/LocalPipelineRecorder.h"
#include "ci/LocalPipelineRunner.h"
#include "ci/LocalPipelineSource.h"

namespace devdash::ui {

using ci::PipelineRun;

LocalRunController::LocalRunController(Workspace *workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_runner(new ci::LocalPipelineRunner(this))
    , m_decoder(QStringDecoder::Utf8)
{
    connect(m_runner, &ci::LocalPipelineRunner::runStarted, this, &LocalRunController::onRunChanged);
    connect(m_runner, &ci::LocalPipelineRunner::runChanged, this, &LocalRunController::onRunChanged);
    connect(m_runner, &ci::LocalPipelineRunner::stepStarted, this, &LocalRunController::stepStarted);
    connect(m_runner, &ci::LocalPipelineRunner::output, this, &LocalRunController::onOutput);
    connect(m_runner, &ci::LocalPipelineRunner::finished, this, &LocalRunController::onFinished);
}

bool LocalRunController::isRunning() const
{
    return m_runner->isRunning();
}

bool LocalRunController::isRunningNow(const QString &runKey) const
{
    return m_liveRun && m_liveRun->key() == runKey && m_runner->isRunning();
}

void LocalRunController::start(const QString &path)
{
    if (path.isEmpty() || m_runner->isRunning())
        return;
    using Prepared = std::pair<ci::LocalPipelineSource, ci::LocalPipelineConfig>;
    runJob(
        m_workspace ? m_workspace->jobs() : nullptr, tr("Preparing the local pipeline"), this,
        [path](const JobContext &) -> Result<Prepared> {
            auto source = ci::LocalPipelineSource::inspect(path);
            if (!source)
                return source.error();
            auto config = ci::LocalPipelineConfig::load(source->root);
            if (!config)
                return config.error();
            return std::pair(source.value(), config.value());
        },
        [this](Result<Prepared> prepared) {
            if (!prepared) {
                Q_EMIT failed(tr("Cannot run the pipeline: %1").arg(prepared.errorMessage()));
                return;
            }
            auto begun = m_runner->start(prepared->first, prepared->second);
            if (!begun) {
                Q_EMIT failed(tr("Cannot run the pipeline: %1").arg(begun.errorMessage()));
                return;
            }
            Q_EMIT started(prepared->first.dirty);
        });
}

void LocalRunController::cancel()
{
    m_runner->cancel();
}

void LocalRunController::forget()
{
    m_liveRun.reset();
    m_followedJob.clear();
    ++m_generation;
}

QString LocalRunController::follow(const QString &jobId)
{
    m_followedJob = jobId;
    m_decoder.resetState();
    return m_decoder.decode(m_runner->jobLog(jobId));
}

void LocalRunController::onRunChanged(const PipelineRun &run)
{
    const bool first = !m_liveRun || m_liveRun->key() != run.key();
    m_liveRun = run;
    Q_EMIT runChanged(run, first);
}

void LocalRunController::onOutput(const QString &jobId, const QByteArray &chunk)
{
    if (m_followedJob.isEmpty() || jobId != m_followedJob)
        return;
    Q_EMIT followedOutput(jobId, m_decoder.decode(chunk));
}

void LocalRunController::onFinished(const PipelineRun &run)
{
    m_liveRun = run;
    Q_EMIT finished(run);
    // Keep the run and its logs in the store.
    auto location = TestStoreAccess::location();
    if (!location) {
        Q_EMIT recorded(run, location.errorMessage(), {});
        return;
    }
    const quint64 generation = m_generation;
    runJob(
        m_workspace ? m_workspace->jobs() : nullptr, tr("Recording the pipeline run"), this,
        [location = location.value(), result = m_runner->result()](
            const JobContext &) -> Result<ci::LocalPipelineRecord> {
            auto db = TestStoreAccess::open(location);
            if (!db)
                return db.error();
            return ci::LocalPipelineRecorder::record(db.value(), result);
        },
        [this, run, generation](Result<ci::LocalPipelineRecord> saved) {
            if (generation != m_generation)
                return;
            if (!saved)
                Q_EMIT recorded(run, saved.errorMessage(), {});
            else
                Q_EMIT recorded(run, {}, saved->reportError);
        });
}

} // namespace devdash::ui
