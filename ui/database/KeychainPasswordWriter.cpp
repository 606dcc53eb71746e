#include "KeychainPasswordWriter.h"

#include "schema/DatabasePassword.h"
#include "schema/DatabaseUrl.h"

#include <QPointer>
#include <qt6keychain/keychain.h>

namespace devdash::ui {

void KeychainPasswordWriter::write(const QString &url, const QString &environmentName,
    const QString &password, QObject *context, std::function<void(const QString &error)> done)
{
    auto parsed = schema::DatabaseUrl::parse(url, schema::DatabaseUrl::Origin::UserTyped);
    if (!parsed) {
        done(parsed.errorMessage());
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(schema::DatabasePassword::keychainService());
    job->setAutoDelete(true);
    job->setKey(parsed->displayUrl());
    job->setTextData(password);
    QPointer<QObject> guard(context);
    const QString hint = schema::DatabasePassword::howToProvide(parsed.value(), environmentName);
    const QString shown = parsed->displayUrl();
    QObject::connect(
        job, &QKeychain::Job::finished, context, [guard, done, hint, shown](QKeychain::Job *finished) {
            if (!guard)
                return;
            if (finished->error() == QKeychain::NoError) {
                done({});
                return;
            }
            done(QObject::tr("Cannot save the password of %1 in the system keychain (%2). %3")
                     .arg(shown, finished->errorString(), hint));
        });
    job->start();
}

} // namespace devdash::ui
