#include "CiSettingsDialog.h"

#include "ci/CiConfig.h"
#include "ci/CiCredentials.h"
#include "ci/CiProviderRegistry.h"
#include "common/Background.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <memory>

namespace devdash::ui {

namespace {
const QString NotifyKey = QStringLiteral("pipelines/notifications");

QString sourceKey(const QString &repoRoot, const ci::CiSource &source)
{
    // Per repository and provider + project: overrides survive reordering the file.
    QString id = repoRoot + QLatin1Char('|') + source.provider + QLatin1Char('|') + source.project;
    return QStringLiteral("pipelines/sources/")
        + QString::fromLatin1(id.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

QString watchKey(const QString &repoRoot)
{
    return QStringLiteral("pipelines/watch/")
        + QString::fromLatin1(repoRoot.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}
} // namespace

bool CiSettingsDialog::notificationsEnabled()
{
    return QSettings().value(NotifyKey, true).toBool();
}

void CiSettingsDialog::setNotificationsEnabled(bool enabled)
{
    QSettings().setValue(NotifyKey, enabled);
}

QStringList CiSettingsDialog::watchedBranches(const QString &repoRoot, const QStringList &fromFile)
{
    const QVariant chosen = QSettings().value(watchKey(repoRoot));
    return chosen.isValid() ? chosen.toStringList() : fromFile;
}

ci::CiSource CiSettingsDialog::withUserOverrides(const QString &repoRoot, const ci::CiSource &source)
{
    QSettings settings;
    settings.beginGroup(sourceKey(repoRoot, source));
    ci::CiSource out = source;
    if (const QString url = settings.value(QStringLiteral("api_url")).toString(); !url.isEmpty()) {
        out.apiUrl = url;
        out.hostChoice = ci::CiSource::HostChoice::User; // the user's own setting
    }
    if (const QString ca = settings.value(QStringLiteral("ca_bundle")).toString(); !ca.isEmpty())
        out.caBundle = ca;
    return out;
}

CiSettingsDialog::CiSettingsDialog(const QString &repoRoot, QWidget *parent)
    : QDialog(parent)
    , m_repoRoot(repoRoot)
    , m_credentials(new ci::CiCredentials(this))
    , m_sourcesLayout(new QVBoxLayout)
    , m_status(new QLabel(this))
    , m_notice(new QLabel(this))
    , m_watch(new QLineEdit(this))
    , m_notify(new QCheckBox(
          tr("&Notify when a watched branch's pipeline finishes (fixed, broken, still broken)"), this))
{
    setObjectName(QStringLiteral("ciSettingsDialog"));
    setWindowTitle(tr("CI Settings"));
    setMinimumWidth(620);
    // Errors quote the repository's file and servers' answers: never markup.
    m_status->setTextFormat(Qt::PlainText);
    m_notice->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setText(repoRoot.isEmpty() ? tr("Open a repository to configure its CI providers.")
                                         : tr("Reading .devdash.json…"));
    m_notice->setObjectName(QStringLiteral("keychainNotice"));
    m_notice->setWordWrap(true);
    m_notice->hide();
    m_watch->setObjectName(QStringLiteral("watchedBranches"));
    m_watch->setPlaceholderText(tr("main, release/*"));
    m_notify->setChecked(notificationsEnabled());

    auto *general = new QFormLayout;
    general->addRow(tr("&Watched branches:"), m_watch);
    general->addRow(m_notify);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &CiSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CiSettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(m_sourcesLayout);
    layout->addWidget(m_notice);
    layout->addLayout(general);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_credentials, &ci::CiCredentials::noticeChanged, this, &CiSettingsDialog::showNotice);
    if (repoRoot.isEmpty()) {
        m_watch->setEnabled(false);
        m_loaded = true;
        return;
    }
    // The file is read on a worker: the dialog opens at once.
    runInBackground(
        this, [repoRoot] { return ci::CiConfig::load(repoRoot); },
        [this](Result<ci::CiConfig> config) {
            if (config)
                showSources(config->sources(), {});
            else
                showSources({}, config.errorMessage());
        });
}

void CiSettingsDialog::showSources(const QList<ci::CiSource> &sources, const QString &error)
{
    m_sources = sources;
    for (const ci::CiSource &source : sources) {
        for (const QString &branch : source.watch)
            if (!m_fileWatch.contains(branch))
                m_fileWatch << branch;
        addSource(source);
    }
    m_watch->setText(watchedBranches(m_repoRoot, m_fileWatch).join(QStringLiteral(", ")));
    if (!error.isEmpty())
        m_status->setText(tr("Cannot read the CI providers: %1").arg(error));
    else if (sources.isEmpty())
        m_status->setText(tr("This repository names no CI provider. Add one to its .devdash.json, e.g. "
                             "{\"ci\": [{\"provider\": \"github\", \"project\": \"owner/repo\"}]} "
                             "(providers: %1).")
                              .arg(ci::CiProviderRegistry::names().join(QStringLiteral(", "))));
    else
        m_status->setText(tr("CI providers from .devdash.json. Tokens are kept in the system keychain, "
                             "never in a file."));
    m_loaded = true;
    Q_EMIT loaded();
}

void CiSettingsDialog::addSource(const ci::CiSource &fileSource)
{
    const ci::CiSource source = withUserOverrides(m_repoRoot, fileSource);
    auto *box = new QGroupBox(QStringLiteral("%1 — %2").arg(
                                  source.provider, source.project.isEmpty() ? source.apiUrl : source.project),
        this);
    auto *form = new QFormLayout(box);
    auto *apiUrl = new QLineEdit(source.apiUrl, box);
    apiUrl->setPlaceholderText(fileSource.apiUrl);
    form->addRow(tr("API URL:"), apiUrl);
    auto *caRow = new QHBoxLayout;
    auto *ca = new QLineEdit(source.caBundle, box);
    ca->setPlaceholderText(tr("System certificates"));
    auto *browse = new QPushButton(tr("Browse…"), box);
    connect(browse, &QPushButton::clicked, this, [this, ca] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("CA Bundle"), ca->text(), tr("PEM files (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty())
            ca->setText(file);
    });
    caRow->addWidget(ca, 1);
    caRow->addWidget(browse);
    form->addRow(tr("CA bundle:"), caRow);
    auto *user = new QLineEdit(box);
    const bool basicAuth
        = source.provider == QLatin1String("jenkins") || source.provider == QLatin1String("cctray");
    if (basicAuth)
        form->addRow(tr("User:"), user);
    auto *token = new QLineEdit(box);
    token->setEchoMode(QLineEdit::Password);
    token->setObjectName(QStringLiteral("token_") + source.provider);
    token->setPlaceholderText(tr("Leave empty to keep the stored token"));
    auto *state = new QLabel(box);
    state->setTextFormat(Qt::PlainText);
    state->setWordWrap(true);
    form->addRow(basicAuth ? tr("Password or token:") : tr("Token:"), token);
    form->addRow(QString(), state);
    m_sourcesLayout->addWidget(box);
    m_apiUrls << apiUrl;
    m_caBundles << ca;
    m_users << user;
    m_tokens << token;

    // Where the current credential comes from (never the secret itself).
    QPointer<QLabel> guard(state);
    m_credentials->lookup(
        source.provider, source.host(), [guard, provider = source.provider](Result<ci::CiCredential> found) {
            if (!guard)
                return;
            if (!found)
                guard->setText(found.errorMessage());
            else if (found->isEmpty())
                guard->setText(tr("No token: anonymous access. Or set %1.")
                                   .arg(ci::CiCredentials::environmentVariables(provider)));
            else
                guard->setText(tr("A token is set (from %1).").arg(found->origin));
        });
}

void CiSettingsDialog::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

void CiSettingsDialog::accept()
{
    setNotificationsEnabled(m_notify->isChecked());
    if (!m_repoRoot.isEmpty()) {
        QStringList branches;
        for (const QString &part : m_watch->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!part.trimmed().isEmpty())
                branches << part.trimmed();
        QSettings settings;
        if (branches == m_fileWatch)
            settings.remove(watchKey(m_repoRoot));
        else
            settings.setValue(watchKey(m_repoRoot), branches);
    }
    // Overrides that differ from the file; tokens into the keychain (asynchronously).
    auto finish = [this](int left, const QStringList &problems) {
        if (left > 0)
            return;
        if (problems.isEmpty())
            QDialog::accept();
        else
            showNotice(problems.join(QLatin1Char('\n')));
    };
    auto shared = std::make_shared<std::pair<int, QStringList>>(0, QStringList());
    for (int i = 0; i < m_sources.size(); ++i) {
        const ci::CiSource &source = m_sources.at(i);
        QSettings settings;
        settings.beginGroup(sourceKey(m_repoRoot, source));
        const QString url = m_apiUrls.at(i)->text().trimmed();
        const QString ca = m_caBundles.at(i)->text().trimmed();
        if (url.isEmpty() || url == source.apiUrl)
            settings.remove(QStringLiteral("api_url"));
        else
            settings.setValue(QStringLiteral("api_url"), url);
        if (ca.isEmpty() || ca == source.caBundle)
            settings.remove(QStringLiteral("ca_bundle"));
        else
            settings.setValue(QStringLiteral("ca_bundle"), ca);
        const QString secret = m_tokens.at(i)->text();
        if (secret.isEmpty())
            continue;
        ++shared->first;
        ci::CiSource effective = source;
        if (!url.isEmpty())
            effective.apiUrl = url;
        ci::CiCredential credential { m_users.at(i)->text().trimmed(), secret, QStringLiteral("keychain") };
        QPointer<CiSettingsDialog> guard(this);
        m_credentials->store(effective.provider, effective.host(), credential,
            [guard, shared, finish, provider = source.provider](Result<void> stored) {
                if (!guard)
                    return;
                --shared->first;
                if (!stored)
                    shared->second << tr(
                        "The token for %1 was not saved: %2. Set %3 in the environment instead.")
                                          .arg(provider, stored.errorMessage(),
                                              ci::CiCredentials::environmentVariables(provider));
                finish(shared->first, shared->second);
            });
    }
    if (shared->first == 0)
        QDialog::accept(); // nothing to wait for
}

} // namespace devdash::ui
