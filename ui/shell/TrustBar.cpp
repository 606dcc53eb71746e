#include "shell/TrustBar.h"

#include "config/ProjectConfig.h"
#include "config/TrustRequests.h"
#include "config/TrustStore.h"
#include "shell/TrustDialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace devdash::ui {

TrustBar::TrustBar(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_review(new QPushButton(tr("Review…"), this))
{
    setObjectName(QStringLiteral("trustBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    m_text->setObjectName(QStringLiteral("trustBarText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setText(
        tr("This repository's settings are not trusted — DevDash shows its history, reports and "
           "public CI status, but sends no credential to the hosts it names, connects none of its "
           "databases and runs none of its commands."));
    m_review->setObjectName(QStringLiteral("trustReviewButton"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_review);
    connect(m_review, &QPushButton::clicked, this, &TrustBar::review);
    hide();
}

void TrustBar::setRepository(const QString &repoRoot)
{
    m_repoRoot = repoRoot;
    bool show = false;
    if (!repoRoot.isEmpty()) {
        const config::TrustStore store;
        auto project = config::ProjectConfig::load(repoRoot, store);
        // A file that cannot be read asks for nothing (the pages say what is wrong with it).
        show = project && project->exists() && !project->isTrusted()
            && !store.isDecided(repoRoot, project->sha256())
            && !config::TrustRequests::of(*project).isEmpty();
    }
    setVisible(show);
}

void TrustBar::review()
{
    if (m_repoRoot.isEmpty())
        return;
    TrustDialog dialog(m_repoRoot, this);
    if (dialog.exec() == QDialog::Rejected && !dialog.hasDecided())
        return;
    setRepository(m_repoRoot);
    Q_EMIT decided(dialog.trusted());
}

} // namespace devdash::ui
