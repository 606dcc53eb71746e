#include "OverviewCard.h"

#include "common/LabelToolTips.h"

#include <QLabel>
#include <QTextBlock>
#include <QTextDocument>
#include <QVBoxLayout>

namespace devdash::ui {

OverviewCard::OverviewCard(const QString &title, const QString &pageName, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_body(new QLabel(this))
    , m_extra(new QVBoxLayout)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 12);
    layout->setSpacing(6);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    m_title->setText(QStringLiteral("<a href=\"page:%1\" style=\"text-decoration:none\">%2</a>")
                         .arg(pageName, title.toHtmlEscaped()));
    m_title->setToolTip(tr("Open the %1 page").arg(title));
    m_body->setWordWrap(true);
    m_body->setTextFormat(Qt::RichText);
    m_body->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_body->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    LabelToolTips::install(m_body); // the exact times
    layout->addWidget(m_title);
    layout->addWidget(m_body);
    layout->addLayout(m_extra);
    layout->addStretch(1);
    connect(m_title, &QLabel::linkActivated, this, &OverviewCard::linkActivated);
    connect(m_body, &QLabel::linkActivated, this, &OverviewCard::linkActivated);
}

void OverviewCard::setBody(const QString &html)
{
    m_body->setText(html);
}

void OverviewCard::setLoading()
{
    m_body->setText(QStringLiteral("<span style=\"color:gray\">%1</span>").arg(tr("Loading…")));
}

void OverviewCard::setError(const QString &message)
{
    m_body->setText(QStringLiteral("<span style=\"color:#d64541\">%1</span>").arg(message.toHtmlEscaped()));
}

QString OverviewCard::bodyText() const
{
    QTextDocument document;
    document.setHtml(m_body->text());
    return document.toPlainText();
}

QStringList OverviewCard::links() const
{
    QTextDocument document;
    document.setHtml(m_body->text());
    QStringList hrefs;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QString href = it.fragment().charFormat().anchorHref();
            if (!href.isEmpty() && (hrefs.isEmpty() || hrefs.constLast() != href))
                hrefs << href;
        }
    return hrefs;
}

QString OverviewCard::linkOf(const QString &text) const
{
    QTextDocument document;
    document.setHtml(m_body->text());
    // An anchor may span fragments (<b> inside <a>): join them by href.
    QString href, anchorText;
    auto matches = [&] { return !href.isEmpty() && anchorText.contains(text); };
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QString fragmentHref = fragment.charFormat().anchorHref();
            if (fragmentHref != href) {
                if (matches())
                    return href;
                href = fragmentHref;
                anchorText.clear();
            }
            anchorText += fragment.text();
        }
        if (matches())
            return href;
        href.clear();
        anchorText.clear();
    }
    return {};
}

} // namespace devdash::ui
