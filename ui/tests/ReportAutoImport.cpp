#include "ReportAutoImport.h"

#include "common/Background.h"
#include "config/ProjectConfig.h"
#include "git/Repository.h"

namespace devdash::ui {

ReportAutoImport::ReportAutoImport(QObject *parent)
    : QObject(parent)
{
}

ReportAutoImport::~ReportAutoImport() = default;

QStringList ReportAutoImport::globs() const
{
    return m_watcher ? m_watcher->globs() : QStringList();
}

void ReportAutoImport::setRepository(const QString &path, const store::StoreLocation &location)
{
    const quint64 generation = ++m_generation;
    m_watcher.reset();
    if (path.isEmpty())
        return;
    struct Watched
    {
        QString root;
        QStringList globs;
    };
    runInBackground(
        this,
        [path]() -> Result<Watched> {
            auto repository = git::Repository::open(path);
            if (!repository)
                return repository.error();
            const QString root = repository->workDir();
            if (root.isEmpty())
                return Watched {}; // bare: no work tree, no reports
            auto config = config::ProjectConfig::load(root);
            if (!config)
                return config.error();
            return Watched { root, config->testReportGlobs() };
        },
        [this, generation, location](Result<Watched> watched) {
            if (generation != m_generation)
                return;
            if (!watched) {
                Q_EMIT failed(watched.errorMessage());
                return;
            }
            if (watched->globs.isEmpty())
                return;
            m_watcher = std::make_unique<testresults::ReportWatcher>(
                watched->root, watched->globs, location, testresults::ReportWatchOptions {});
            connect(
                m_watcher.get(), &testresults::ReportWatcher::imported, this, &ReportAutoImport::imported);
            connect(m_watcher.get(), &testresults::ReportWatcher::failed, this, &ReportAutoImport::failed);
            m_watcher->start();
        });
}

} // namespace devdash::ui
