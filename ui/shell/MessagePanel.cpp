#include "MessagePanel.h"

#include "common/Icons.h"
#include "common/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace devdash::ui {

MessagePanel::MessagePanel(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_buttons(new QHBoxLayout)
{
    // Titles and messages carry paths, names and errors from repositories and servers.
    m_title->setTextFormat(Qt::PlainText);
    m_message->setTextFormat(Qt::PlainText);
    m_title->setObjectName(QStringLiteral("panelTitle"));
    m_message->setObjectName(QStringLiteral("panelMessage"));
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_icon->setAlignment(Qt::AlignCenter);

    // A column of bounded width, centred: a word-wrapped label given an alignment
    // in its layout loses its height-for-width and shows one line only.
    auto *column = new QWidget(this);
    column->setMaximumWidth(640);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->setSpacing(12);
    columnLayout->addWidget(m_icon);
    columnLayout->addWidget(m_title);
    columnLayout->addWidget(m_message);
    m_buttons->setSpacing(8);
    m_buttons->addStretch(1);
    m_buttons->addStretch(1);
    columnLayout->addSpacing(6);
    columnLayout->addLayout(m_buttons);

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 4);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->addStretch(2);
    layout->addLayout(row);
    layout->addStretch(3);
}

void MessagePanel::setContent(Kind kind, const QString &title, const QString &message)
{
    m_kind = kind;
    updateIcon();
    m_title->setText(title);
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    for (QPushButton *button : std::as_const(m_actions))
        button->deleteLater();
    m_actions.clear();
}

void MessagePanel::updateIcon()
{
    switch (m_kind) {
    case Kind::Error:
        m_icon->setPixmap(Icons::get(QStringLiteral("warning"), Theme::deletedText()).pixmap(48, 48));
        return;
    case Kind::Empty:
        m_icon->setPixmap(Icons::get(QStringLiteral("empty"), Theme::mutedText()).pixmap(48, 48));
        return;
    case Kind::Progress:
        m_icon->setPixmap(Icons::get(QStringLiteral("history"), Theme::mutedText()).pixmap(48, 48));
        return;
    case Kind::Welcome:
        m_icon->setPixmap(Icons::get(QStringLiteral("open"), Theme::mutedText()).pixmap(48, 48));
        return;
    }
}

void MessagePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateIcon();
    QWidget::changeEvent(event);
}

QPushButton *MessagePanel::addAction(const QString &text, std::function<void()> onClicked, bool isDefault)
{
    auto *button = new QPushButton(text, this);
    button->setDefault(isDefault);
    button->setAutoDefault(isDefault);
    connect(button, &QPushButton::clicked, this, [onClicked = std::move(onClicked)] { onClicked(); });
    m_buttons->insertWidget(m_buttons->count() - 1, button);
    m_actions << button;
    return button;
}

QString MessagePanel::title() const
{
    return m_title->text();
}
QString MessagePanel::message() const
{
    return m_message->text();
}

} // namespace devdash::ui
