#pragma once

// A centred panel with an icon, a title, a message and action buttons: what the
// window shows instead of a page when there is no repository, it cannot be opened,
// or it has no commits yet.

#include <QWidget>

#include <functional>

class QLabel;
class QHBoxLayout;
class QPushButton;

namespace devdash::ui {

class MessagePanel final : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Welcome, Error, Empty, Progress };

    explicit MessagePanel(QWidget *parent = nullptr);

    void setContent(Kind kind, const QString &title, const QString &message);
    QPushButton *addAction(const QString &text, std::function<void()> onClicked, bool isDefault = false);

    Kind kind() const { return m_kind; }
    QString title() const;
    QString message() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateIcon();

    Kind m_kind = Kind::Welcome;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_message;
    QHBoxLayout *m_buttons;
    QList<QPushButton *> m_actions;
};

} // namespace devdash::ui
