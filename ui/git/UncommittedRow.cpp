#include "UncommittedRow.h"

#include "common/BackgroundJob.h"
#include "common/Icons.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QToolButton>

namespace devdash::ui {

UncommittedRow::UncommittedRow(JobTracker *jobs, QWidget *parent)
    : QFrame(parent)
    , m_jobs(jobs)
    , m_button(new QToolButton(this))
{
    setObjectName(QStringLiteral("uncommittedRow"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    m_button->setCheckable(true);
    m_button->setAutoRaise(true);
    m_button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_button->setIcon(Icons::get(QStringLiteral("commit")));
    m_button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_button->setToolTip(tr("Show what is not committed yet: the work tree and the index against HEAD"));
    QFont italic = m_button->font();
    italic.setItalic(true);
    m_button->setFont(italic);
    layout->addWidget(m_button);
    connect(m_button, &QToolButton::clicked, this, [this] {
        m_button->setChecked(true); // choosing it again keeps it chosen
        Q_EMIT activated();
    });
    hide();
}

void UncommittedRow::setRepository(const QString &path)
{
    m_repoPath = path;
    m_state = {};
    setSelected(false);
    hide();
    refresh();
}

void UncommittedRow::refresh()
{
    const quint64 generation = ++m_generation;
    if (m_repoPath.isEmpty()) {
        m_loading = false;
        return;
    }
    m_loading = true;
    const QString path = m_repoPath;
    runJob(
        m_jobs, tr("Reading uncommitted changes"), this,
        [path](const JobContext &job) -> Result<git::WorkingTreeState> {
            auto repo = git::Repository::open(path);
            if (!repo)
                return repo.error();
            return git::WorkingTreeChanges::read(*repo, job.token);
        },
        [this, generation](Result<git::WorkingTreeState> result) {
            if (generation != m_generation)
                return;
            m_loading = false;
            // An unreadable work tree shows no row rather than an error here: History says why.
            m_state = result ? std::move(result.value()) : git::WorkingTreeState {};
            m_button->setText(text());
            setVisible(!m_state.isClean());
            if (m_state.isClean())
                setSelected(false);
            Q_EMIT updated();
        });
}

QString UncommittedRow::text() const
{
    const int n = fileCount();
    return n == 1 ? tr("Uncommitted changes (1 file)")
                  : tr("Uncommitted changes (%1 files)").arg(QLocale().toString(n));
}

bool UncommittedRow::isSelected() const
{
    return m_button->isChecked();
}

void UncommittedRow::setSelected(bool selected)
{
    m_button->setChecked(selected);
}

} // namespace devdash::ui
