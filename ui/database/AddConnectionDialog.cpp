#include "AddConnectionDialog.h"

#include "common/Background.h"
#include "common/Theme.h"
#include "schema/ConnectionCheck.h"
#include "schema/DatabaseUrl.h"
#include "schema/OdbcDataSource.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace devdash::ui {

AddConnectionDialog::AddConnectionDialog(const QStringList &takenNames, QWidget *parent)
    : QDialog(parent)
    , m_taken(takenNames)
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_engine(new QComboBox(this))
    , m_host(new QLineEdit(this))
    , m_port(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_database(new QLineEdit(this))
    , m_dataSources(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_testLabel(new QLabel(this))
    , m_testButton(new QPushButton(tr("&Test Connection"), this))
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

    // A server by its parts, for those who do not write URLs; the URL below follows.
    m_engine->addItem(QStringLiteral("PostgreSQL"), QStringLiteral("postgresql"));
    m_engine->addItem(QStringLiteral("MySQL"), QStringLiteral("mysql"));
    m_engine->addItem(QStringLiteral("MariaDB"), QStringLiteral("mariadb"));
    m_host->setPlaceholderText(QStringLiteral("localhost"));
    m_port->setValidator(new QIntValidator(1, 65535, m_port));
    m_port->setMaximumWidth(80);
    m_database->setPlaceholderText(tr("app"));
    auto *serverRow = new QHBoxLayout;
    serverRow->addWidget(m_engine);
    auto *hostLabel = new QLabel(tr("&Host:"), this);
    hostLabel->setBuddy(m_host);
    serverRow->addWidget(hostLabel);
    serverRow->addWidget(m_host, 1);
    auto *portLabel = new QLabel(tr("&Port:"), this);
    portLabel->setBuddy(m_port);
    serverRow->addWidget(portLabel);
    serverRow->addWidget(m_port);
    auto *serverLabel = new QLabel(tr("Ser&ver:"), this);
    serverLabel->setBuddy(m_engine);
    form->addRow(serverLabel, serverRow);
    auto *userRow = new QHBoxLayout;
    userRow->addWidget(m_user, 1);
    auto *databaseLabel = new QLabel(tr("&Database:"), this);
    databaseLabel->setBuddy(m_database);
    userRow->addWidget(databaseLabel);
    userRow->addWidget(m_database, 1);
    auto *userLabel = new QLabel(tr("Us&er:"), this);
    userLabel->setBuddy(m_user);
    form->addRow(userLabel, userRow);
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
    m_testLabel->setWordWrap(true);
    m_testLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testLabel->setObjectName(QStringLiteral("connectionTestResult"));
    layout->addWidget(m_testLabel);
    m_testButton->setToolTip(tr("Connect read-only now and show the server's version or why it failed"));
    m_buttons->addButton(m_testButton, QDialogButtonBox::ActionRole);
    layout->addWidget(m_buttons);
    connect(m_name, &QLineEdit::textChanged, this, &AddConnectionDialog::validate);
    connect(m_url, &QLineEdit::textChanged, this, &AddConnectionDialog::urlEdited);
    for (QLineEdit *field : { m_host, m_port, m_user, m_database })
        connect(field, &QLineEdit::textEdited, this, &AddConnectionDialog::fieldsEdited);
    connect(m_engine, &QComboBox::activated, this, &AddConnectionDialog::fieldsEdited);
    connect(m_testButton, &QPushButton::clicked, this, &AddConnectionDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddConnectionDialog::tryAccept);
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
    m_confirmSaveFailing = [this](const QString &error) {
        return QMessageBox::question(this, tr("Save a Connection That Fails?"),
                   tr("DevDash could not connect:\n\n%1\n\nSave the connection anyway?").arg(error),
                   QMessageBox::Save | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Save;
    };
    validate();
    listDataSources();
}

void AddConnectionDialog::fieldsEdited()
{
    if (m_syncing)
        return;
    // Parameters the URL had (sslmode=…) stay; the fields hold no such thing.
    QMap<QString, QString> parameters;
    if (auto current = schema::DatabaseUrl::parse(m_url->text(), schema::DatabaseUrl::Origin::UserTyped);
        current && current->isServer())
        parameters = current->parameters();
    bool portOk = false;
    const int port = m_port->text().trimmed().toInt(&portOk);
    const QString url = schema::DatabaseUrl::compose(m_engine->currentData().toString(), m_user->text(),
        m_host->text().trimmed().isEmpty() ? QStringLiteral("localhost") : m_host->text(), portOk ? port : -1,
        m_database->text(), parameters);
    m_syncing = true;
    m_url->setText(url);
    m_syncing = false;
    validate();
}

void AddConnectionDialog::urlEdited()
{
    if (!m_syncing) {
        auto url = schema::DatabaseUrl::parse(m_url->text(), schema::DatabaseUrl::Origin::UserTyped);
        if (url && url->isServer()) {
            m_syncing = true;
            const int engine = m_engine->findData(
                url->scheme() == QLatin1String("postgres") ? QStringLiteral("postgresql") : url->scheme());
            m_engine->setCurrentIndex(qMax(0, engine));
            m_host->setText(url->host());
            m_port->setText(url->port() > 0 ? QString::number(url->port()) : QString());
            m_user->setText(url->user());
            m_database->setText(url->database());
            m_syncing = false;
        }
    }
    // The default port is the engine's; say which.
    const QString scheme = m_engine->currentData().toString();
    m_port->setPlaceholderText(
        scheme == QLatin1String("postgresql") ? QStringLiteral("5432") : QStringLiteral("3306"));
    validate();
}

void AddConnectionDialog::testConnection()
{
    if (m_testing || !problemOfUrl().isEmpty())
        return;
    auto url = schema::DatabaseUrl::parse(m_url->text(), schema::DatabaseUrl::Origin::UserTyped);
    if (!url)
        return;
    m_testing = true;
    const quint64 generation = ++m_testGeneration;
    const QString text = m_url->text().trimmed();
    m_testButton->setEnabled(false);
    m_testLabel->setText(tr("Connecting to %1…").arg(url->displayUrl()));
    schema::ConnectionOptions options;
    options.environmentName = m_name->text().trimmed();
    options.connectTimeoutSeconds = 10;
    // Connecting waits up to the timeout: never on the GUI thread.
    runInBackground(
        this,
        [parsed = url.value(), options] { return schema::ConnectionCheck::serverVersion(parsed, options); },
        [this, generation, text](Result<QString> version) {
            if (generation != m_testGeneration)
                return;
            finishTest(text, bool(version), version ? version.value() : version.errorMessage());
        });
}

void AddConnectionDialog::finishTest(const QString &url, bool ok, const QString &message)
{
    m_testing = false;
    m_testedUrl = url;
    m_testOk = ok;
    m_testMessage = message;
    validate();
    if (!m_acceptAfterTest)
        return;
    m_acceptAfterTest = false;
    if (url != m_url->text().trimmed())
        return; // edited while it ran: the user presses OK again
    if (ok || m_confirmSaveFailing(message))
        accept();
}

std::optional<bool> AddConnectionDialog::testPassed() const
{
    if (m_testing || m_testedUrl.isEmpty() || m_testedUrl != m_url->text().trimmed())
        return std::nullopt;
    return m_testOk;
}

QString AddConnectionDialog::testResult() const
{
    const auto passed = testPassed();
    if (!passed)
        return {};
    return *passed ? tr("Connected: %1").arg(m_testMessage) : tr("Cannot connect: %1").arg(m_testMessage);
}

void AddConnectionDialog::tryAccept()
{
    if (!problem().isEmpty() || m_testing)
        return;
    const auto passed = testPassed();
    if (!passed) {
        // Not tested as typed: test now, then save (or ask).
        m_acceptAfterTest = true;
        testConnection();
        return;
    }
    if (*passed || m_confirmSaveFailing(m_testMessage))
        accept();
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
    return problemOfUrl();
}

QString AddConnectionDialog::problemOfUrl() const
{
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
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty() && !m_testing);
    m_testButton->setEnabled(problemOfUrl().isEmpty() && !m_testing);
    if (!m_testing) {
        const auto passed = testPassed();
        QPalette palette = m_testLabel->palette();
        palette.setColor(QPalette::WindowText,
            !passed       ? palette.color(QPalette::PlaceholderText)
                : *passed ? Theme::addedText()
                          : Theme::deletedText());
        m_testLabel->setPalette(palette);
        m_testLabel->setText(passed ? testResult() : QString());
    }
}

DatabaseConnection AddConnectionDialog::connection() const
{
    DatabaseConnection c;
    c.name = m_name->text().trimmed();
    c.url = m_url->text().trimmed();
    return c;
}

} // namespace devdash::ui
