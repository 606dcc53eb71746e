#include "PipelineBanner.h"

#include "common/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace devdash::ui {

PipelineBanner::PipelineBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_button(new QPushButton(tr("CI Settings…"), this))
{
    setObjectName(QStringLiteral("pipelineBanner"));
    setAutoFillBackground(true);
    m_label->setObjectName(QStringLiteral("pipelineBannerText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_button);
    connect(m_button, &QPushButton::clicked, this, &PipelineBanner::settingsRequested);
    hide();
}

void PipelineBanner::showMessage(Kind kind, const QString &text, bool settingsButton)
{
    m_kind = kind;
    m_label->setText(text);
    m_button->setVisible(settingsButton);
    applyColors();
    show();
}

void PipelineBanner::clearMessage()
{
    m_label->clear();
    hide();
}

QString PipelineBanner::text() const
{
    return isHidden() ? QString() : m_label->text();
}

void PipelineBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void PipelineBanner::applyColors()
{
    // Soft backgrounds that keep the palette's text readable in both themes.
    const bool dark = Theme::isDark();
    QColor bg;
    switch (m_kind) {
    case Kind::Info:
        bg = dark ? QColor(0x1d, 0x33, 0x4f) : QColor(0xe3, 0xee, 0xfc);
        break;
    case Kind::Warning:
        bg = dark ? QColor(0x4a, 0x3b, 0x12) : QColor(0xff, 0xf4, 0xd1);
        break;
    case Kind::Error:
        bg = dark ? QColor(0x52, 0x1f, 0x22) : QColor(0xfd, 0xe4, 0xe4);
        break;
    }
    if (palette().color(QPalette::Window) == bg)
        return; // no PaletteChange loop
    QPalette pal = palette();
    pal.setColor(QPalette::Window, bg);
    setPalette(pal);
}

} // namespace devdash::ui
