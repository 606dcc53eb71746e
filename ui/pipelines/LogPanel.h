#pragma once

// The job log with its bar: what is shown ("build / compile"), search (Ctrl+F,
// F3 / Shift+F3 for next and previous, "3 of 12"), and the Follow toggle that
// keeps the newest output in view while a run is active.

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace devdash::ui {

class LogView;

class LogPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit LogPanel(QWidget *parent = nullptr);

    LogView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    QToolButton *followButton() const { return m_follow; }
    QLabel *titleLabel() const { return m_title; }
    QLabel *matchLabel() const { return m_matches; }

    void setTitle(const QString &title);
    // Puts the cursor in the search field (Ctrl+F).
    void focusSearch();

private:
    void updateMatchLabel(int current, int count);

    LogView *m_view;
    QLabel *m_title;
    QLineEdit *m_search;
    QLabel *m_matches;
    QToolButton *m_previous;
    QToolButton *m_next;
    QToolButton *m_follow;
};

} // namespace devdash::ui
