#include "ChangesBrowser.h"

#include "ChangedFilesView.h"
#include "DiffView.h"
#include "common/BackgroundJob.h"
#include "common/Theme.h"

#include "git/ChangedFilesModel.h"
#include "git/WorkingTreeChanges.h"

#include <QDir>
#include <QFileInfo>

#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace devdash::ui {

namespace {

struct LoadedPatch
{
    git::FilePatch patch;
    qint64 tooLargeBytes = 0;
};

// Size of the blob at `path` in `commit` without loading it (the object header only).
qint64 blobSize(git::Repository &repo, const git_oid &commitId, const QString &path)
{
    git_commit *rawCommit = nullptr;
    if (git_oid_is_zero(&commitId) || git_commit_lookup(&rawCommit, repo.raw(), &commitId) < 0) {
        git_error_clear();
        return 0;
    }
    git::CommitPtr commit(rawCommit);
    git_tree *rawTree = nullptr;
    if (git_commit_tree(&rawTree, rawCommit) < 0) {
        git_error_clear();
        return 0;
    }
    git::TreePtr tree(rawTree);
    git_tree_entry *rawEntry = nullptr;
    if (git_tree_entry_bypath(&rawEntry, rawTree, path.toUtf8().constData()) < 0) {
        git_error_clear();
        return 0;
    }
    git::TreeEntryPtr entry(rawEntry);
    git_odb *rawOdb = nullptr;
    if (git_repository_odb(&rawOdb, repo.raw()) < 0) {
        git_error_clear();
        return 0;
    }
    git::OdbPtr odb(rawOdb);
    size_t length = 0;
    git_object_t type {};
    if (git_odb_read_header(&length, &type, rawOdb, git_tree_entry_id(rawEntry)) < 0) {
        git_error_clear();
        return 0;
    }
    return qint64(length);
}

} // namespace

ChangesBrowser::ChangesBrowser(JobTracker *jobs, QWidget *parent)
    : QObject(parent)
    , m_jobs(jobs)
    , m_filesWidget(new QWidget(parent))
    , m_caption(new QLabel(m_filesWidget))
    , m_files(new ChangedFilesView(m_filesWidget))
    , m_diff(new DiffView(parent))
{
    auto *layout = new QVBoxLayout(m_filesWidget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_caption->setContentsMargins(8, 5, 8, 5);
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setWordWrap(true); // the note may be longer than a narrow list is wide
    layout->addWidget(m_caption);
    layout->addWidget(m_files, 1);
    m_files->setFrameShape(QFrame::NoFrame);
    m_diff->setFrameShape(QFrame::NoFrame);
    connect(m_files, &ChangedFilesView::fileSelected, this, &ChangesBrowser::loadPatch);
    m_filesWidget->installEventFilter(this);
    clear();
}

void ChangesBrowser::updateCaption()
{
    const git::ChangedFilesModel *model = m_files->filesModel();
    const qsizetype files = model->changes().size();
    if (m_repoPath.isEmpty()) {
        m_caption->clear();
        return;
    }
    const QLocale locale;
    QString text
        = tr("<b>%1</b> %2 changed &nbsp;<span style='color:%3'>+%4</span> <span style='color:%5'>−%6</span>")
              .arg(locale.toString(files), files == 1 ? tr("file") : tr("files"), Theme::addedText().name(),
                  locale.toString(model->totalAdditions()), Theme::deletedText().name(),
                  locale.toString(model->totalDeletions()));
    if (!m_note.isEmpty())
        text += QStringLiteral("<br><span style='color:%1'>%2</span>").arg(Theme::mutedText().name(), m_note);
    m_caption->setText(text);
}

void ChangesBrowser::setNote(const QString &html)
{
    m_note = html;
    updateCaption();
}

QString ChangesBrowser::captionText() const
{
    return m_caption->text();
}

bool ChangesBrowser::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filesWidget && event->type() == QEvent::PaletteChange)
        updateCaption(); // its colours are inline
    return QObject::eventFilter(watched, event);
}

int ChangesBrowser::fileCount() const
{
    return int(m_files->filesModel()->changes().size());
}

void ChangesBrowser::setReady(bool ready)
{
    if (ready == m_ready)
        return;
    m_ready = ready;
    Q_EMIT readyChanged();
}

void ChangesBrowser::clear(const QString &message)
{
    ++m_generation;
    m_repoPath.clear();
    m_files->setChanges({});
    m_caption->setText(QString());
    m_diff->setMessage(message);
    setReady(false);
}

void ChangesBrowser::setWorkingTreeChanges(
    const QString &repoPath, const git_oid &head, const QList<git::FileChange> &files)
{
    setChangeSet(repoPath, head, git_oid {}, true, files);
}

void ChangesBrowser::setChanges(
    const QString &repoPath, const git_oid &from, const git_oid &to, const QList<git::FileChange> &files)
{
    setChangeSet(repoPath, from, to, false, files);
}

void ChangesBrowser::setChangeSet(const QString &repoPath, const git_oid &from, const git_oid &to,
    bool workTree, const QList<git::FileChange> &files)
{
    ++m_generation;
    m_repoPath = repoPath;
    m_from = from;
    m_to = to;
    m_workTree = workTree;
    m_files->setChanges(files);
    updateCaption();
    if (files.isEmpty()) {
        m_diff->setMessage(tr("No files changed"));
        setReady(true);
        return;
    }
    setReady(false);
    m_diff->setMessage(tr("Loading…"));
    m_files->selectPath(m_lastPath); // emits fileSelected → loadPatch
}

void ChangesBrowser::loadPatch(const git::FileChange &change)
{
    if (m_repoPath.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    m_lastPath = change.path;
    setReady(false);
    if (m_diff->lineCount() == 0)
        m_diff->setMessage(tr("Loading %1…").arg(change.path));
    const QString path = m_repoPath;
    const git_oid from = m_from;
    const git_oid to = m_to;
    const bool workTree = m_workTree;
    runJob(
        m_jobs, tr("Diff of %1").arg(change.path), this,
        [path, from, to, change, workTree](const JobContext &) -> Result<LoadedPatch> {
            auto repo = git::Repository::open(path);
            if (!repo)
                return repo.error();
            auto patch = workTree ? git::WorkingTreeChanges::filePatch(*repo, change)
                                  : git::CommitDiff::filePatch(*repo, from, to, change);
            if (!patch)
                return patch.error();
            LoadedPatch loaded { std::move(patch.value()), 0 };
            if (loaded.patch.change.tooLarge) {
                const bool deleted = change.status == git::ChangeStatus::Deleted;
                if (workTree)
                    loaded.tooLargeBytes = deleted ? blobSize(*repo, from, change.path)
                                                   : QFileInfo(QDir(path).filePath(change.path)).size();
                else
                    loaded.tooLargeBytes
                        = deleted ? blobSize(*repo, from, change.path) : blobSize(*repo, to, change.path);
            }
            return loaded;
        },
        [this, generation](Result<LoadedPatch> result) {
            if (generation != m_generation)
                return; // another file or change set was selected meanwhile
            if (!result)
                m_diff->setMessage(tr("Cannot show this diff: %1").arg(result.errorMessage()));
            else
                m_diff->setPatch(result->patch, result->tooLargeBytes);
            setReady(true);
        });
}

} // namespace devdash::ui
