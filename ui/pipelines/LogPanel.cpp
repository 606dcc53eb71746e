#include "LogPanel.h"

#include "LogView.h"

#include "common/Icons.h"
#include "common/Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace devdash::ui {

LogPanel::LogPanel(QWidget *parent)
    : QWidget(parent)
    , m_view(new LogView(this))
    , m_title(new QLabel(this))
    , m_search(new QLineEdit(this))
    , m_matches(new QLabel(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_follow(new QToolButton(this))
{
    setObjectName(QStringLiteral("logPanel"));
    m_title->setObjectName(QStringLiteral("logTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setMinimumWidth(80);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setPlaceholderText(tr("Search the log (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Icons::get(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_search->setMaximumWidth(320);
    m_search->setMinimumWidth(130);
    m_matches->setMinimumWidth(
        m_matches->fontMetrics().horizontalAdvance(QStringLiteral("100000+ of 100000+")) / 2);
    m_previous->setText(QStringLiteral("▲"));
    m_previous->setToolTip(tr("Previous match (Shift+F3)"));
    m_previous->setAutoRaise(true);
    m_next->setText(QStringLiteral("▼"));
    m_next->setToolTip(tr("Next match (F3)"));
    m_next->setAutoRaise(true);
    m_follow->setObjectName(QStringLiteral("followButton"));
    m_follow->setText(tr("Follow"));
    m_follow->setCheckable(true);
    m_follow->setToolTip(tr("Keep the newest output in view while the run is active (End)"));
    m_follow->setAutoRaise(true);
    m_follow->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 4, 8, 4);
    bar->setSpacing(4);
    bar->addWidget(m_title, 1);
    bar->addWidget(m_search);
    bar->addWidget(m_matches);
    bar->addWidget(m_previous);
    bar->addWidget(m_next);
    bar->addSpacing(6);
    bar->addWidget(m_follow);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    // Search as one types, after a short pause (a long log takes a moment).
    auto *delay = new QTimer(this);
    delay->setSingleShot(true);
    delay->setInterval(150);
    connect(m_search, &QLineEdit::textChanged, delay, qOverload<>(&QTimer::start));
    connect(delay, &QTimer::timeout, this, [this] { m_view->find(m_search->text()); });
    connect(m_search, &QLineEdit::returnPressed, this, [this, delay] {
        if (delay->isActive() || m_view->query() != m_search->text()) {
            delay->stop();
            m_view->find(m_search->text());
        } else {
            m_view->findNext();
        }
    });
    connect(m_next, &QToolButton::clicked, m_view, &LogView::findNext);
    connect(m_previous, &QToolButton::clicked, m_view, &LogView::findPrevious);
    connect(m_view, &LogView::matchesChanged, this, &LogPanel::updateMatchLabel);
    connect(m_follow, &QToolButton::toggled, m_view, &LogView::setFollow);
    connect(m_view, &LogView::followChanged, m_follow, &QToolButton::setChecked);

    auto shortcut = [this](const QKeySequence &keys, auto slot) {
        auto *s = new QShortcut(keys, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence::Find, [this] { focusSearch(); });
    shortcut(QKeySequence(Qt::Key_F3), [this] { m_view->findNext(); });
    shortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3), [this] { m_view->findPrevious(); });
    updateMatchLabel(-1, 0);
}

void LogPanel::setTitle(const QString &title)
{
    m_title->setText(title);
    m_title->setToolTip(title);
}

void LogPanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void LogPanel::updateMatchLabel(int current, int count)
{
    m_previous->setEnabled(count > 0);
    m_next->setEnabled(count > 0);
    // Shown only while searching: the job's title needs the room in a narrow pane.
    m_matches->setVisible(!m_view->query().isEmpty());
    if (m_view->query().isEmpty()) {
        m_matches->clear();
        return;
    }
    m_matches->setText(count == 0 ? tr("no match") : tr("%1 of %2").arg(current + 1).arg(count));
}

} // namespace devdash::ui
