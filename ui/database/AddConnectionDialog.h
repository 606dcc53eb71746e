#pragma once

// Adds a database to the Database page: a name and a URL (sqlite:///path,
// postgresql://user@host:port/db, mysql://…, mariadb://…, odbc://DSN), checked as
// it is typed; a SQLite file can be browsed for and an ODBC data source picked
// from those configured here (listed on a worker). No password field: the page
// asks for one when the server wants it, and keeps it in the keychain.

#include "DatabaseConnection.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

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
    bool isListingDataSources() const { return m_listing; }
    QString problem() const; // empty when the input can be accepted

private:
    void validate();
    void browseSqliteFile();
    void listDataSources();

    QStringList m_taken;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QComboBox *m_dataSources;
    bool m_listing = false;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
};

} // namespace devdash::ui
