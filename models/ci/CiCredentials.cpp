#include "ci/CiCredentials.h"

#include "config/CredentialHosts.h"

#include <qt6keychain/keychain.h>

namespace devdash::ci {

namespace {

struct EnvironmentNames
{
    QStringList tokenVariables; // the first one set wins
    QString userVariable; // basic-auth providers
};

EnvironmentNames environmentNames(const QString &provider)
{
    const config::ProviderCredentials names = config::CredentialHosts::of(provider);
    return { names.tokenVariables, names.userVariable };
}

bool usesUser(const QString &provider)
{
    return !environmentNames(provider).userVariable.isEmpty();
}

// In the keychain a basic-auth credential is "user\npassword" (a user name has no newline).
QString encode(const QString &provider, const CiCredential &credential)
{
    return usesUser(provider) ? credential.user + QLatin1Char('\n') + credential.secret : credential.secret;
}

CiCredential decode(const QString &provider, const QString &stored)
{
    CiCredential c;
    c.origin = QStringLiteral("keychain");
    if (usesUser(provider)) {
        c.user = stored.section(QLatin1Char('\n'), 0, 0);
        c.secret = stored.section(QLatin1Char('\n'), 1);
    } else {
        c.secret = stored;
    }
    return c;
}

bool keychainMissing(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError;
}

} // namespace

CiCredentials::CiCredentials(QObject *parent)
    : QObject(parent)
{
}

std::optional<CiCredential> CiCredentials::fromEnvironment(const QString &provider)
{
    const EnvironmentNames names = environmentNames(provider);
    for (const QString &variable : names.tokenVariables) {
        const QString secret = qEnvironmentVariable(variable.toLatin1().constData());
        if (secret.isEmpty())
            continue;
        CiCredential c;
        c.secret = secret;
        c.origin = variable;
        if (!names.userVariable.isEmpty()) {
            c.user = qEnvironmentVariable(names.userVariable.toLatin1().constData());
            c.origin = names.userVariable + QStringLiteral(" + ") + variable;
        }
        return c;
    }
    return std::nullopt;
}

QString CiCredentials::environmentVariables(const QString &provider)
{
    return config::CredentialHosts::variablesText(provider);
}

bool CiCredentials::mayReceive(const CiSource &source)
{
    return source.hostChoice != CiSource::HostChoice::UntrustedRepository
        || config::CredentialHosts::isUserHost(source.provider, source.apiUrl);
}

QString CiCredentials::keychainNote(const Result<CiCredential> &credential) const
{
    if (!credential)
        return credential.errorMessage();
    return credential->withheld ? QString() : m_notice;
}

QString CiCredentials::withKeychainNote(const Error &error, const QString &keychainNote)
{
    const bool wanted = error.code == 401 || error.code == 403 || error.code == 404;
    return wanted && !keychainNote.isEmpty()
        ? error.message + QStringLiteral(" (") + keychainNote + QLatin1Char(')')
        : error.message;
}

QString CiCredentials::withheldText(const CiSource &source)
{
    return QStringLiteral("not sending %1 to %2: only the repository's .devdash.json names that host and "
                          "you have not trusted it (devdash trust REPO); asking anonymously")
        .arg(config::CredentialHosts::credentialsText(source.provider, source.host()), source.apiUrl);
}

void CiCredentials::lookup(const CiSource &source, LookupCallback done)
{
    if (mayReceive(source)) {
        lookup(source.provider, source.host(), std::move(done));
        return;
    }
    // Anonymous either way; "withheld" (and a notice saying why) only when the user has a
    // credential for this provider in the environment — a public feed used by someone
    // without one hears nothing about credentials. The keychain is not read for a host
    // the user did not choose (reading may ask to unlock it).
    CiCredential none;
    if (fromEnvironment(source.provider)) {
        setNotice(withheldText(source));
        none.withheld = true;
        none.origin = QStringLiteral("withheld");
    }
    QMetaObject::invokeMethod(
        this, [done, none] { done(none); }, Qt::QueuedConnection);
}

QString CiCredentials::hint(const QString &provider)
{
    const QString variables = environmentVariables(provider);
    const QString what
        = usesUser(provider) ? QStringLiteral("the user and token") : QStringLiteral("the token");
    if (variables.isEmpty())
        return QStringLiteral("%1 for %2 in the keychain").arg(what, provider);
    return QStringLiteral("%1 for %2 in the keychain or %3").arg(what, provider, variables);
}

QString CiCredentials::keychainKey(const QString &provider, const QString &host)
{
    return provider + QLatin1Char('@') + host;
}

void CiCredentials::setNotice(const QString &notice)
{
    if (notice == m_notice)
        return;
    m_notice = notice;
    emit noticeChanged(notice);
}

void CiCredentials::lookup(const QString &provider, const QString &host, LookupCallback done)
{
    if (auto fromEnv = fromEnvironment(provider)) {
        // Asynchronous in every case, like the keychain path.
        QMetaObject::invokeMethod(
            this, [done, credential = *fromEnv] { done(credential); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(QString::fromLatin1(KeychainService), this);
    job->setAutoDelete(true);
    job->setKey(keychainKey(provider, host));
    connect(job, &QKeychain::Job::finished, this, [this, job, provider, host, done] {
        if (job->error() == QKeychain::NoError) {
            setNotice({});
            done(decode(provider, job->textData()));
            return;
        }
        if (job->error() == QKeychain::EntryNotFound) {
            done(CiCredential {}); // anonymous: public projects still work
            return;
        }
        if (keychainMissing(job->error())) {
            setNotice(QStringLiteral(
                "no system keychain is available (%1); set %2 in the environment to give DevDash "
                "the token for %3")
                          .arg(job->errorString(), environmentVariables(provider), host));
            done(CiCredential {});
            return;
        }
        done(Error {
            QStringLiteral("could not read the credentials for %1 on %2 from the keychain (%3); unlock the "
                           "keychain or set %4")
                .arg(provider, host, job->errorString(), environmentVariables(provider)) });
    });
    job->start();
}

void CiCredentials::store(
    const QString &provider, const QString &host, const CiCredential &credential, DoneCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(KeychainService), this);
    job->setAutoDelete(true);
    job->setKey(keychainKey(provider, host));
    job->setTextData(encode(provider, credential));
    connect(job, &QKeychain::Job::finished, this, [this, job, provider, host, done] {
        if (job->error() == QKeychain::NoError) {
            done({});
            return;
        }
        const QString message
            = QStringLiteral("could not save the credentials for %1 on %2 in the keychain (%3)%4")
                  .arg(provider, host, job->errorString(),
                      keychainMissing(job->error()) ? QStringLiteral(
                          "; no system keychain is available — set %1 in the environment instead")
                                                          .arg(environmentVariables(provider))
                                                    : QString());
        if (keychainMissing(job->error()))
            setNotice(message);
        done(Error { message });
    });
    job->start();
}

void CiCredentials::remove(const QString &provider, const QString &host, DoneCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(QString::fromLatin1(KeychainService), this);
    job->setAutoDelete(true);
    job->setKey(keychainKey(provider, host));
    connect(job, &QKeychain::Job::finished, this, [job, provider, host, done] {
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound) {
            done({});
            return;
        }
        done(Error { QStringLiteral("could not delete the credentials for %1 on %2 from the keychain (%3)")
                         .arg(provider, host, job->errorString()) });
    });
    job->start();
}

} // namespace devdash::ci
