#pragma once

// The strip above the Pipelines page's content that says why what is shown may
// be old or incomplete: "rate limited until 14:05", "offline — showing state from
// 12 min ago", a token the server refused, a configuration error — with a button
// to the CI settings where that helps. Hidden when all is well.

#include <QFrame>

class QLabel;
class QPushButton;

namespace devdash::ui {

class PipelineBanner final : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Info, Warning, Error };

    explicit PipelineBanner(QWidget *parent = nullptr);

    // Shows `text`; `settingsButton` adds "CI Settings…".
    void showMessage(Kind kind, const QString &text, bool settingsButton = false);
    void clearMessage();
    QString text() const;
    Kind kind() const { return m_kind; }
    QPushButton *settingsButton() const { return m_button; }

Q_SIGNALS:
    void settingsRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    QLabel *m_label;
    QPushButton *m_button;
    Kind m_kind = Kind::Info;
};

} // namespace devdash::ui
