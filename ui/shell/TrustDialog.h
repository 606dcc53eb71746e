#pragma once

// "Review…": exactly what a repository's `.devdash.json` asks for — the hosts the
// user's credentials would go to (and which), the databases DevDash would connect
// to, the commands of the local pipeline, the paths outside the repository — and
// Trust / Don't trust, kept with the hash of the file read (config::TrustStore).
// Everything from the file is shown as plain text.

#include <QByteArray>
#include <QDialog>

class QLabel;
class QTreeWidget;

namespace devdash::ui {

class TrustDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit TrustDialog(const QString &repoRoot, QWidget *parent = nullptr);

    bool hasDecided() const { return m_decided; }
    bool trusted() const { return m_trusted; }
    QTreeWidget *requestList() const { return m_requests; }

    // Records the decision for the hash shown (the buttons call it; tests too).
    bool decide(bool trusted);

private:
    QString m_repoRoot;
    QByteArray m_sha256;
    QLabel *m_summary;
    QTreeWidget *m_requests;
    QLabel *m_error;
    bool m_decided = false;
    bool m_trusted = false;
};

} // namespace devdash::ui
