#include "schema/DatabasePassword.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QSemaphore>
#include <QThread>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

namespace devdash::schema {

namespace {

struct KeychainAnswer
{
    QSemaphore done;
    bool found = false;
    QString password;
    QString error;
};

// Starts the read on the current (main) thread; the answer is filled when the job finishes.
void startKeychainRead(const QString &key, std::shared_ptr<KeychainAnswer> answer)
{
    auto *job = new QKeychain::ReadPasswordJob(DatabasePassword::keychainService());
    job->setAutoDelete(true);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, job, [job, answer]() {
        if (job->error() == QKeychain::NoError) {
            answer->found = true;
            answer->password = job->textData();
        } else {
            answer->error = job->errorString();
        }
        answer->done.release();
    });
    job->start();
}

} // namespace

QString DatabasePassword::environmentVariable(const QString &environmentName)
{
    QString suffix;
    for (const QChar c : environmentName.toUpper())
        suffix += (c.isLetterOrNumber() && c.unicode() < 128) ? c : QLatin1Char('_');
    return QStringLiteral("DEVDASH_DB_PASSWORD_") + suffix;
}

std::optional<QString> DatabasePassword::fromUrlOrEnvironment(
    const DatabaseUrl &url, const QString &environmentName)
{
    if (url.hasInlinePassword())
        return url.inlinePassword();
    if (!environmentName.isEmpty()) {
        const QByteArray value = qgetenv(environmentVariable(environmentName).toLatin1().constData());
        if (!value.isNull())
            return QString::fromUtf8(value);
    }
    const char *engineVariable = nullptr;
    switch (url.engine()) {
    case DatabaseUrl::Engine::Postgres:
        engineVariable = "PGPASSWORD";
        break;
    case DatabaseUrl::Engine::MySql:
    case DatabaseUrl::Engine::MariaDb:
        engineVariable = "MYSQL_PWD";
        break;
    default:
        break;
    }
    if (engineVariable && qEnvironmentVariableIsSet(engineVariable))
        return QString::fromUtf8(qgetenv(engineVariable));
    return std::nullopt;
}

std::optional<QString> DatabasePassword::fromKeychain(const DatabaseUrl &url, int timeoutMs, QString *why)
{
    auto *app = QCoreApplication::instance();
    if (!app) {
        if (why)
            *why = QStringLiteral("no application instance to run the keychain on");
        return std::nullopt;
    }
    auto answer = std::make_shared<KeychainAnswer>();
    const QString key = url.displayUrl();
    bool finished = false;
    if (QThread::currentThread() == app->thread()) {
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        startKeychainRead(key, answer);
        timer.start(timeoutMs);
        while (!answer->done.available() && timer.isActive())
            loop.processEvents(QEventLoop::WaitForMoreEvents);
        finished = answer->done.tryAcquire();
    } else {
        QMetaObject::invokeMethod(
            app, [key, answer]() { startKeychainRead(key, answer); }, Qt::QueuedConnection);
        finished = answer->done.tryAcquire(1, timeoutMs);
    }
    if (!finished) {
        if (why)
            *why = QStringLiteral("the keychain did not answer within %1 s").arg(timeoutMs / 1000);
        return std::nullopt;
    }
    if (!answer->found) {
        if (why)
            *why = answer->error;
        return std::nullopt;
    }
    return answer->password;
}

QString DatabasePassword::howToProvide(const DatabaseUrl &url, const QString &environmentName)
{
    QStringList ways;
    if (!environmentName.isEmpty())
        ways << QStringLiteral("set %1").arg(environmentVariable(environmentName));
    if (url.engine() == DatabaseUrl::Engine::Postgres)
        ways << QStringLiteral("set PGPASSWORD");
    else if (url.engine() == DatabaseUrl::Engine::MySql || url.engine() == DatabaseUrl::Engine::MariaDb)
        ways << QStringLiteral("set MYSQL_PWD");
    ways << QStringLiteral("store it in the keychain (service \"%1\", key \"%2\")")
                .arg(keychainService(), url.displayUrl());
    return ways.join(QStringLiteral(", or "));
}

} // namespace devdash::schema
