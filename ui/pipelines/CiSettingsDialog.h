#pragma once

// The CI settings of a repository: its providers as `.devdash.json` names them
// (read-only here: the file is the team's), the user's own overrides of API URL
// and CA bundle (QSettings, never secrets), a token per provider saved in the
// system keychain (CiCredentials; said plainly when there is none, with the
// environment variables to use instead), the watched branches and whether
// finished pipelines notify.

#include "ci/CiSource.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace devdash::ci {
class CiCredentials;
}

namespace devdash::ui {

class CiSettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    // `repoRoot`: the work tree whose `.devdash.json` is read; empty: only the
    // user-wide settings (notifications).
    explicit CiSettingsDialog(const QString &repoRoot, QWidget *parent = nullptr);

    // The user's settings, shared with the notifier and the page.
    static bool notificationsEnabled();
    static void setNotificationsEnabled(bool enabled);
    // Branches whose finished pipelines notify; the file's "watch" lists unless the user chose.
    static QStringList watchedBranches(const QString &repoRoot, const QStringList &fromFile);
    // The source with the user's API URL and CA bundle overrides applied.
    static ci::CiSource withUserOverrides(const QString &repoRoot, const ci::CiSource &source);

    QCheckBox *notificationsBox() const { return m_notify; }
    QLineEdit *watchField() const { return m_watch; }
    QLabel *noticeLabel() const { return m_notice; }
    QList<QLineEdit *> tokenFields() const { return m_tokens; }
    bool isLoaded() const { return m_loaded; }

    void accept() override;

Q_SIGNALS:
    void loaded();

private:
    void showSources(const QList<ci::CiSource> &sources, const QString &error);
    void addSource(const ci::CiSource &source);
    void showNotice(const QString &text);

    QString m_repoRoot;
    ci::CiCredentials *m_credentials;
    QList<ci::CiSource> m_sources;
    QList<QLineEdit *> m_apiUrls;
    QList<QLineEdit *> m_caBundles;
    QList<QLineEdit *> m_users;
    QList<QLineEdit *> m_tokens;
    QVBoxLayout *m_sourcesLayout;
    QLabel *m_status;
    QLabel *m_notice;
    QLineEdit *m_watch;
    QCheckBox *m_notify;
    QStringList m_fileWatch;
    bool m_loaded = false;
};

} // namespace devdash::ui
