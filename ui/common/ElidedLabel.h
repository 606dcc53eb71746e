#pragma once

// A one-line label that gives up width gracefully: when it is narrower than its
// text it shows the text cut with "…" and says the whole text in its tooltip, and it
// asks its layout for no more than a few characters, so that a long summary never
// holds a window wider than the screen.

#include <QLabel>

namespace devdash::ui {

class ElidedLabel final : public QLabel
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    // The whole text (text() returns it too, not the shortened one on screen).
    void setText(const QString &text);
    void clear() { setText({}); }
    bool isElided() const { return m_elided; }

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateElision();

    QString m_ownToolTip; // a tooltip set by the owner, shown when nothing is cut
    bool m_elided = false;
};

} // namespace devdash::ui
