#pragma once

// The one bar above the pages of a repository whose `.devdash.json` asks for
// something that needs the user's trust (config::TrustRequests) and that the user
// has not decided on: "This repository's settings are not trusted — Review…".
// Review opens the TrustDialog; the decision is kept with the file's hash
// (config::TrustStore), so a changed file brings the bar back.

#include <QFrame>

class QLabel;
class QPushButton;

namespace devdash::ui {

class TrustBar final : public QFrame
{
    Q_OBJECT
public:
    explicit TrustBar(QWidget *parent = nullptr);

    // Reads the repository's file and shows or hides the bar; empty: hidden.
    void setRepository(const QString &repoRoot);
    QString repository() const { return m_repoRoot; }
    // Opens the review dialog (what "Review…" does).
    void review();

Q_SIGNALS:
    // The user trusted (or stopped trusting) the file: pages reload what it names.
    void decided(bool trusted);

private:
    QString m_repoRoot;
    QLabel *m_text;
    QPushButton *m_review;
};

} // namespace devdash::ui
