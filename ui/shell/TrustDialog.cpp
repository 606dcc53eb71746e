#include "shell/TrustDialog.h"

#include "config/ProjectConfig.h"
#include "config/TrustRequests.h"
#include "config/TrustStore.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace devdash::ui {

namespace {

QString groupTitle(config::TrustRequest::Kind kind)
{
    switch (kind) {
    case config::TrustRequest::Kind::Host:
        return TrustDialog::tr("Hosts your credentials would be sent to");
    case config::TrustRequest::Kind::Database:
        return TrustDialog::tr("Databases DevDash would connect to, with your passwords");
    case config::TrustRequest::Kind::Command:
        return TrustDialog::tr("Commands the local pipeline would run on your machine");
    case config::TrustRequest::Kind::OutsidePath:
        return TrustDialog::tr("Files outside the repository DevDash would read");
    }
    return {};
}

} // namespace

TrustDialog::TrustDialog(const QString &repoRoot, QWidget *parent)
    : QDialog(parent)
    , m_repoRoot(repoRoot)
    , m_summary(new QLabel(this))
    , m_requests(new QTreeWidget(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("trustDialog"));
    setWindowTitle(tr("Trust this repository's settings?"));
    resize(720, 440);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->hide();
    m_requests->setObjectName(QStringLiteral("trustRequests"));
    m_requests->setColumnCount(2);
    m_requests->setHeaderLabels({ tr("What"), tr("Details") });
    m_requests->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_requests->setUniformRowHeights(true);
    m_requests->setTextElideMode(Qt::ElideMiddle);

    auto project = config::ProjectConfig::load(repoRoot);
    if (!project) {
        m_summary->setText(project.errorMessage());
    } else {
        m_sha256 = project->sha256();
        const QList<config::TrustRequest> requests = config::TrustRequests::of(*project);
        m_summary->setText(tr(
            "%1 is part of the repository: whoever wrote it chose what it asks for. Until you trust it, "
            "DevDash shows the history, branches, test reports inside the repository and public CI status, "
            "and nothing below happens. A change to the file asks again.")
                               .arg(QDir::toNativeSeparators(project->file())));
        // Items show the file's text as it is: a QTreeWidget item never renders rich text.
        for (auto kind : { config::TrustRequest::Kind::Host, config::TrustRequest::Kind::Database,
                 config::TrustRequest::Kind::Command, config::TrustRequest::Kind::OutsidePath }) {
            QTreeWidgetItem *group = nullptr;
            for (const config::TrustRequest &r : requests) {
                if (r.kind != kind)
                    continue;
                if (!group) {
                    group = new QTreeWidgetItem(m_requests, { groupTitle(kind) });
                    group->setFirstColumnSpanned(true);
                    group->setExpanded(true);
                }
                auto *item = new QTreeWidgetItem(group, { r.subject, r.detail });
                item->setToolTip(0, r.subject.toHtmlEscaped());
                item->setToolTip(1, r.detail.toHtmlEscaped());
            }
        }
        if (requests.isEmpty())
            new QTreeWidgetItem(m_requests, { tr("Nothing that needs trust") });
    }

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *trust = buttons->addButton(tr("&Trust"), QDialogButtonBox::AcceptRole);
    trust->setObjectName(QStringLiteral("trustButton"));
    QPushButton *distrust = buttons->addButton(tr("&Don't trust"), QDialogButtonBox::DestructiveRole);
    distrust->setObjectName(QStringLiteral("dontTrustButton"));
    buttons->addButton(QDialogButtonBox::Cancel);
    trust->setEnabled(!m_sha256.isEmpty());
    distrust->setEnabled(!m_sha256.isEmpty());
    distrust->setDefault(true);
    connect(trust, &QPushButton::clicked, this, [this] {
        if (decide(true))
            accept();
    });
    connect(distrust, &QPushButton::clicked, this, [this] {
        if (decide(false))
            reject();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_requests, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

bool TrustDialog::decide(bool trusted)
{
    if (m_sha256.isEmpty())
        return false;
    if (auto done = config::TrustStore().decide(m_repoRoot, m_sha256, trusted); !done) {
        m_error->setText(done.errorMessage());
        m_error->show();
        return false;
    }
    m_decided = true;
    m_trusted = trusted;
    return true;
}

} // namespace devdash::ui
