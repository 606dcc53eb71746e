#include "AddConnectionDialog.h"

#include "common/Background.h"
#include "schema/DatabaseUrl.h"
#include "schema/OdbcDataSource.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace devdash::ui {

AddConnectionDialog::AddConnectionDialog(const QStringList &takenNames, QWidget *parent)
    : QDialog(parent)
    , m_taken(takenNames)
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_dataSources(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add Database Connection"));
    m_name->setPlaceholderText(tr("local"));
    m_url->setPlaceholderText(QStringLiteral("postgresql://user@localhost:5432/app"));
    m_url->setMinimumWidth(420);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    auto *browse = new QPushButton(tr("SQLite File…"), this);
    browse->setToolTip(tr("Choose a SQLite database file"));
    urlRow->addWidget(browse);
    // A layout row gets no buddy: the label needs one, or "&URL:" is shown literally.
    auto *urlLabel = new QLabel(tr("&URL:"), this);
    urlLabel->setBuddy(m_url);
    form->addRow(urlLabel, urlRow);
    m_dataSources->setObjectName(QStringLiteral("odbcDataSources"));
    m_dataSources->setToolTip(tr("The ODBC data sources configured on this machine (odbcinst -q -s)"));
    m_dataSources->setEnabled(false);
    m_dataSources->addItem(tr("Looking for ODBC data sources…"));
    form->addRow(tr("ODBC &source:"), m_dataSources);
    auto *hint
        = new QLabel(tr("sqlite:///path/app.db · postgresql://user@host:port/db · mysql://user@host/db · "
                        "mariadb://… · odbc://DSN. The connection is read-only. Passwords are asked for "
                        "when needed and kept in the system keychain, never in settings."),
            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    connect(m_name, &QLineEdit::textChanged, this, &AddConnectionDialog::validate);
    connect(m_url, &QLineEdit::textChanged, this, &AddConnectionDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &AddConnectionDialog::browseSqliteFile);
    connect(m_dataSources, &QComboBox::activated, this, [this](int index) {
        const QString dsn = m_dataSources->itemData(index).toString();
        if (dsn.isEmpty())
            return;
        m_url->setText(QStringLiteral("odbc://") + dsn);
        if (m_name->text().trimmed().isEmpty())
            m_name->setText(dsn);
    });
    validate();
    listDataSources();
}

void AddConnectionDialog::browseSqliteFile()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Open a SQLite Database"), QDir::homePath(),
        tr("SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)"));
    if (file.isEmpty())
        return;
    m_url->setText(QStringLiteral("sqlite://") + QDir::fromNativeSeparators(file));
    if (m_name->text().trimmed().isEmpty())
        m_name->setText(QFileInfo(file).completeBaseName());
}

void AddConnectionDialog::listDataSources()
{
    // odbcinst is a process: never on the GUI thread.
    m_listing = true;
    runInBackground(
        this, [] { return schema::OdbcDataSource::configuredDataSources(); },
        [this](std::optional<QStringList> sources) {
            m_listing = false;
            m_dataSources->clear();
            if (!sources) {
                m_dataSources->addItem(tr("No ODBC driver manager here (Debian: unixodbc, odbcinst)"));
            } else if (sources->isEmpty()) {
                m_dataSources->addItem(tr("No ODBC data sources configured (~/.odbc.ini, /etc/odbc.ini)"));
            } else {
                m_dataSources->addItem(tr("Choose a data source…"));
                for (const QString &dsn : *sources)
                    m_dataSources->addItem(dsn, dsn);
                m_dataSources->setEnabled(true);
            }
        });
}

QString AddConnectionDialog::problem() const
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return tr("Give the connection a name.");
    if (m_taken.contains(name))
        return tr("There is already a database named \"%1\".").arg(name);
    if (m_url->text().trimmed().isEmpty())
        return tr("Enter the database URL.");
    auto url = schema::DatabaseUrl::parse(m_url->text(), schema::DatabaseUrl::Origin::UserTyped);
    if (!url)
        return url.errorMessage();
    if (url->hasInlinePassword())
        return tr("Leave the password out of the URL: DevDash asks for it and keeps it in the keychain.");
    return {};
}

void AddConnectionDialog::validate()
{
    const QString why = problem();
    m_status->setText(why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

DatabaseConnection AddConnectionDialog::connection() const
{
    DatabaseConnection c;
    c.name = m_name->text().trimmed();
    c.url = m_url->text().trimmed();
    return c;
}

} // namespace devdash::ui
