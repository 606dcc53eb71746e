#include "ImportTargetDialog.h"

#include "common/Theme.h"

#include "git/LibGit2.h"
#include "git/Repository.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <git2/commit.h>

namespace devdash::ui {

ImportTargetDialog::ImportTargetDialog(
    const QString &repositoryPath, const QStringList &files, QWidget *parent)
    : QDialog(parent)
    , m_commit(new QLineEdit(this))
    , m_branch(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import Test Reports"));
    setObjectName(QStringLiteral("importTargetDialog"));
    QString head;
    QString branch;
    if (auto repository = git::Repository::open(repositoryPath)) {
        m_repository = std::make_unique<git::Repository>(std::move(*repository));
        branch = m_repository->currentBranch();
        if (auto oid = m_repository->resolveCommit(QStringLiteral("HEAD")))
            head = git::toHex(*oid);
    }
    m_commit->setText(head);
    m_commit->setPlaceholderText(tr("a commit id, branch or tag"));
    m_commit->setToolTip(tr("The commit the reports were made on; HEAD unless they come from another build"));
    m_branch->setText(branch);
    m_branch->setPlaceholderText(tr("none"));
    m_branch->setToolTip(
        tr("The branch the run is filed under (Compare with Base and the branch filter use it)"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *what = new QLabel(files.size() == 1
            ? tr("Import %1 as a test run of:").arg(QFileInfo(files.constFirst()).fileName())
            : tr("Import %n report file(s) as one test run of:", nullptr, int(files.size())),
        this);
    what->setWordWrap(true);
    auto *form = new QFormLayout;
    auto *commitLabel = new QLabel(tr("&Commit:"), this);
    commitLabel->setBuddy(m_commit);
    auto *branchLabel = new QLabel(tr("&Branch:"), this);
    branchLabel->setBuddy(m_branch);
    form->addRow(commitLabel, m_commit);
    form->addRow(QString(), m_status);
    form->addRow(branchLabel, m_branch);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    m_commit->setMinimumWidth(m_commit->fontMetrics().horizontalAdvance(QString(42, QLatin1Char('0'))));

    connect(m_commit, &QLineEdit::textChanged, this, &ImportTargetDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

ImportTargetDialog::~ImportTargetDialog() = default;

QString ImportTargetDialog::branch() const
{
    return m_branch->text().trimmed();
}

QString ImportTargetDialog::statusText() const
{
    return m_status->text();
}

void ImportTargetDialog::validate()
{
    m_resolved.clear();
    const QString revision = m_commit->text().trimmed();
    QString message;
    if (!m_repository) {
        message = tr("The repository cannot be read.");
    } else if (revision.isEmpty()) {
        message = tr("Name the commit the reports belong to.");
    } else if (auto oid = m_repository->resolveCommit(revision)) {
        m_resolved = git::toHex(*oid);
        message = QStringLiteral("%1 %2").arg(m_resolved.left(10), m_repository->commitSummary(*oid));
    } else {
        message = tr("No commit \"%1\" in this repository.").arg(revision);
    }
    m_status->setText(message);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, m_resolved.isEmpty() ? Theme::deletedText() : Theme::mutedText());
    m_status->setPalette(palette);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_resolved.isEmpty());
}

} // namespace devdash::ui
