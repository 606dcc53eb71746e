#include "CommitDetailView.h"

#include "ChangesBrowser.h"
#include "DiffView.h"
#include "common/BackgroundJob.h"
#include "common/DisplayTime.h"
#include "common/Theme.h"

#include "git/CommitDiff.h"
#include "git/WorkingTreeChanges.h"

#include <QApplication>
#include <QClipboard>
#include <QDataStream>
#include <QEvent>
#include <QSplitter>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace devdash::ui {

CommitDetailView::CommitDetailView(JobTracker *jobs, QWidget *parent)
    : QWidget(parent)
    , m_jobs(jobs)
    , m_split(new QSplitter(Qt::Horizontal, this))
    , m_leftSplit(new QSplitter(Qt::Vertical, m_split))
    , m_header(new QTextBrowser(m_leftSplit))
    , m_changes(new ChangesBrowser(jobs, m_leftSplit))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_split);

    m_header->setObjectName(QStringLiteral("commitHeader"));
    m_header->setOpenLinks(false);
    m_header->setFrameShape(QFrame::NoFrame);
    m_header->document()->setDocumentMargin(10);
    connect(m_header, &QTextBrowser::anchorClicked, this, &CommitDetailView::onLink);

    m_leftSplit->addWidget(m_header);
    m_leftSplit->addWidget(m_changes->filesWidget());
    m_leftSplit->setStretchFactor(0, 1);
    m_leftSplit->setStretchFactor(1, 1);
    m_leftSplit->setChildrenCollapsible(false);
    m_split->addWidget(m_leftSplit);
    m_split->addWidget(m_changes->diffView());
    m_split->setStretchFactor(0, 2);
    m_split->setStretchFactor(1, 3);
    m_split->setSizes({ 420, 640 });
    m_split->setChildrenCollapsible(false);
    connect(m_changes, &ChangesBrowser::readyChanged, this, &CommitDetailView::readyChanged);
    clear();
}

CommitDetailView::~CommitDetailView() = default;

void CommitDetailView::setRepository(const QString &path)
{
    m_repoPath = path;
    clear();
}

bool CommitDetailView::isReady() const
{
    return m_detailsLoaded && m_changes->isReady();
}

QString CommitDetailView::headerText() const
{
    return m_header->toPlainText();
}

void CommitDetailView::clear(const QString &message)
{
    ++m_generation;
    m_commitId.clear();
    m_detailsLoaded = false;
    m_shown.reset();
    m_workTree.reset();
    m_message = message;
    renderHeader();
    m_changes->clear();
    Q_EMIT readyChanged();
}

void CommitDetailView::showWorkingTree(const git::WorkingTreeState &state)
{
    ++m_generation; // drops a commit still being read
    m_commitId.clear();
    m_shown.reset();
    m_workTree = std::pair(state.head, int(state.files.size()));
    m_detailsLoaded = true;
    renderHeader();
    m_changes->setWorkingTreeChanges(m_repoPath, state.head.value_or(git_oid {}), state.files);
    Q_EMIT readyChanged();
}

void CommitDetailView::showCommit(const QString &commitId)
{
    if (commitId.isEmpty()) {
        clear();
        return;
    }
    if (commitId == m_commitId && m_detailsLoaded)
        return;
    m_workTree.reset();
    const quint64 generation = ++m_generation;
    m_commitId = commitId;
    m_detailsLoaded = false;
    Q_EMIT readyChanged();
    const QString path = m_repoPath;
    runJob(
        m_jobs, tr("Reading commit %1").arg(commitId.left(7)), this,
        [path, commitId](const JobContext &job) -> Result<git::CommitDetails> {
            auto repo = git::Repository::open(path);
            if (!repo)
                return repo.error();
            auto id = repo->resolveCommit(commitId);
            if (!id)
                return id.error();
            return git::CommitDiff::details(*repo, id.value(), job.token);
        },
        [this, generation](Result<git::CommitDetails> result) {
            if (generation != m_generation)
                return; // the user moved on to another commit
            if (!result) {
                const QString id = m_commitId;
                clear(tr("Cannot read commit %1: %2").arg(id.left(12), result.errorMessage()));
                return;
            }
            showDetails(result.value());
        });
}

void CommitDetailView::showDetails(const git::CommitDetails &details)
{
    m_workTree.reset();
    m_shown = std::make_unique<git::CommitDetails>();
    *m_shown = details;
    m_shown->files.clear();
    renderHeader();
    m_detailsLoaded = true;
    git_oid from {};
    if (!details.parents.empty())
        from = details.parents.front();
    m_changes->setChanges(m_repoPath, from, details.id, details.files);
    Q_EMIT readyChanged();
}

void CommitDetailView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        renderHeader(); // its colours are inline
    QWidget::changeEvent(event);
}

void CommitDetailView::renderHeader()
{
    if (m_workTree) {
        const QString muted = Theme::mutedText().name();
        const auto &[head, files] = *m_workTree;
        const QString against = head ? tr("against HEAD <code>%1</code>").arg(git::shortHex(*head))
                                     : tr("in a repository with no commit yet");
        m_header->setHtml(
            QStringLiteral("<p style='font-size:large; font-weight:600; margin-bottom:6px'>%1</p>"
                           "<p>%2</p><p style='color:%3'>%4</p>")
                .arg(tr("Uncommitted changes"),
                    tr("%1 %2 changed %3").arg(files).arg(files == 1 ? tr("file") : tr("files"), against),
                    muted,
                    tr("Staged and unstaged changes together; new files that are not ignored count as "
                       "added.")));
        return;
    }
    if (!m_shown) {
        const QString text = m_message.isEmpty() ? tr("Select a commit to see what it changed.") : m_message;
        m_header->setHtml(QStringLiteral("<p style='color:%1'>%2</p>")
                              .arg(Theme::mutedText().name(), text.toHtmlEscaped()));
        return;
    }
    const git::CommitDetails &details = *m_shown;
    const QString id = git::toHex(details.id);
    const QString muted = Theme::mutedText().name();
    const QString link = Theme::linkColor().name();
    auto person = [&](const QString &name, const QString &email, const QDateTime &when) {
        return QStringLiteral(
            "%1 <span style='color:%2'>&lt;%3&gt;</span><br><span style='color:%2'>%4 (%5)</span>")
            .arg(name.toHtmlEscaped(), muted, email.toHtmlEscaped(), DisplayTime::exact(when).toHtmlEscaped(),
                DisplayTime::relative(when).toHtmlEscaped());
    };

    QString html;
    html += QStringLiteral("<p style='font-size:large; font-weight:600; margin-bottom:6px'>%1</p>")
                .arg(details.summary.toHtmlEscaped());
    html += QStringLiteral("<table cellspacing='0' cellpadding='2'>");
    auto row = [&](const QString &label, const QString &value) {
        html += QStringLiteral(
            "<tr><td style='color:%1; padding-right:10px' valign='top'>%2</td><td>%3</td></tr>")
                    .arg(muted, label, value);
    };
    row(tr("Commit"),
        QStringLiteral(
            "<code>%1</code> &nbsp;<a href='copy:%1' style='color:%2; text-decoration:none'>copy</a>")
            .arg(id, link));
    row(tr("Author"), person(details.authorName, details.authorEmail, details.authoredAt));
    if (details.committerName != details.authorName || details.committerEmail != details.authorEmail
        || details.committedAt != details.authoredAt)
        row(tr("Committer"), person(details.committerName, details.committerEmail, details.committedAt));
    QStringList parents;
    for (const git_oid &parent : details.parents)
        parents << QStringLiteral("<a href='commit:%1' style='color:%2'><code>%3</code></a>")
                       .arg(git::toHex(parent), link, git::shortHex(parent));
    row(details.parents.size() > 1 ? tr("Parents") : tr("Parent"),
        parents.isEmpty()
            ? QStringLiteral("<span style='color:%1'>%2</span>").arg(muted, tr("none (root commit)"))
            : parents.join(QStringLiteral(" &nbsp;")));
    html += QStringLiteral("</table>");

    // The message beyond its first paragraph (the summary is the title above).
    QString body = details.message;
    const qsizetype blank = body.indexOf(QStringLiteral("\n\n"));
    body = blank < 0 ? QString() : body.mid(blank + 2).trimmed();
    if (!body.isEmpty())
        html += QStringLiteral("<pre style='white-space:pre-wrap; margin-top:10px'>%1</pre>")
                    .arg(body.toHtmlEscaped());
    m_header->setHtml(html);
}

void CommitDetailView::onLink(const QUrl &url)
{
    if (url.scheme() == QLatin1String("commit"))
        Q_EMIT commitLinkActivated(url.path());
    else if (url.scheme() == QLatin1String("copy"))
        QApplication::clipboard()->setText(url.path());
}

QByteArray CommitDetailView::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << m_split->saveState() << m_leftSplit->saveState();
    return state;
}

void CommitDetailView::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    QByteArray split, left;
    in >> split >> left;
    if (in.status() == QDataStream::Ok) {
        m_split->restoreState(split);
        m_leftSplit->restoreState(left);
    }
}

} // namespace devdash::ui
