#pragma once

// Adds a database to the Database page: a name and a URL (sqlite:///path,
// postgresql://user@host:port/db, mysql://…, mariadb://…, odbc://DSN), checked as
// it is typed; for a server, engine/host/port/user/database fields build the URL
// (and a typed URL fills them). A SQLite file can be browsed for and an ODBC data
// source picked from those configured here (listed on a worker). "Test Connection"
// opens it read-only on a worker and says the server's version or the exact error;
// saving one that failed (or fails on OK) asks first. No password field: the page
// asks for one when the server wants it, and keeps it in the keychain.

#include "DatabaseConnection.h"

#include <QDialog>

#include <functional>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace devdash::ui {

class AddConnectionDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit AddConnectionDialog(const QStringList &takenNames, QWidget *parent = nullptr);

    DatabaseConnection connection() const;
    QLineEdit *nameField() const { return m_name; }
    QLineEdit *urlField() const { return m_url; }
    QComboBox *dataSourceBox() const { return m_dataSources; }
    QComboBox *engineBox() const { return m_engine; }
    QLineEdit *hostField() const { return m_host; }
    QLineEdit *portField() const { return m_port; }
    QLineEdit *userField() const { return m_user; }
    QLineEdit *databaseField() const { return m_database; }
    QPushButton *testButton() const { return m_testButton; }
    bool isListingDataSources() const { return m_listing; }
    QString problem() const; // empty when the input can be accepted

    // Connects read-only on a worker; the result shows in testResult().
    void testConnection();
    bool isTesting() const { return m_testing; }
    // The last test's outcome for the URL now typed: "Connected: PostgreSQL 16.2" or
    // "Cannot connect: …"; empty when it was not tested (or was edited since).
    QString testResult() const;
    std::optional<bool> testPassed() const; // none: not tested as typed
    // Asked before saving a connection whose test failed; the default is a message
    // box (tests answer themselves).
    void setConfirmSaveFailing(std::function<bool(const QString &error)> confirm)
    {
        m_confirmSaveFailing = std::move(confirm);
    }

private:
    void validate();
    QString problemOfUrl() const;
    void browseSqliteFile();
    void listDataSources();
    void fieldsEdited();
    void urlEdited();
    void tryAccept();
    void finishTest(const QString &url, bool ok, const QString &message);

    QStringList m_taken;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QComboBox *m_engine;
    QLineEdit *m_host;
    QLineEdit *m_port;
    QLineEdit *m_user;
    QLineEdit *m_database;
    QComboBox *m_dataSources;
    bool m_listing = false;
    bool m_syncing = false; // fields and URL are being copied into each other
    QLabel *m_status;
    QLabel *m_testLabel;
    QPushButton *m_testButton;
    QDialogButtonBox *m_buttons;
    bool m_testing = false;
    bool m_acceptAfterTest = false;
    quint64 m_testGeneration = 0;
    QString m_testedUrl; // what the last finished test connected to
    bool m_testOk = false;
    QString m_testMessage;
    std::function<bool(const QString &)> m_confirmSaveFailing;
};

} // namespace devdash::ui
