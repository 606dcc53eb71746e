#include "AddConnectionDialog.h"

#include "schema/DatabaseUrl.h"

#include <QDialogButtonBox>
#include <QFormLayout>
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
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add Database Connection"));
    m_name->setPlaceholderText(tr("local"));
    m_url->setPlaceholderText(QStringLiteral("postgresql://user@localhost:5432/app"));
    m_url->setMinimumWidth(420);
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&URL:"), m_url);
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
    validate();
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
    auto url = schema::DatabaseUrl::parse(m_url->text());
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
