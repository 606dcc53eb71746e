#pragma once

// Where CI credentials come from: the environment (GITHUB_TOKEN / GH_TOKEN,
// GITLAB_TOKEN, JENKINS_USER + JENKINS_TOKEN, DEVDASH_CCTRAY_USER +
// DEVDASH_CCTRAY_PASSWORD) or the system keychain (qtkeychain: Secret Service,
// KWallet, macOS Keychain, Windows), one entry per provider and host. The
// environment wins when set (as gh and glab do), so a script can override the
// stored token. Where no keychain service runs, `notice()` says so plainly and
// the environment is all there is. Secrets never go to a file, a log, an error
// message or the store.

#include "ci/CiSource.h"
#include "common/Result.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace devdash::ci {

struct CiCredential
{
    QString user; // Jenkins / cctray basic auth; empty for token providers
    QString secret; // the token or password
    QString origin; // "GITHUB_TOKEN", "keychain": for the settings dialog, never the secret itself
    bool withheld = false; // a credential exists but the host may not have it (untrusted repository)

    bool isEmpty() const { return secret.isEmpty(); }
};

class CiCredentials : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *KeychainService = "DevDash";

    explicit CiCredentials(QObject *parent = nullptr);

    // From the environment only; nullopt when the provider's variables are not set.
    static std::optional<CiCredential> fromEnvironment(const QString &provider);
    // "GITHUB_TOKEN (or GH_TOKEN)", "JENKINS_USER and JENKINS_TOKEN"…
    static QString environmentVariables(const QString &provider);
    // What a 401 tells the user to check: "the token for github in the keychain or GITHUB_TOKEN".
    static QString hint(const QString &provider);
    // The keychain entry's key: "github@api.github.com".
    static QString keychainKey(const QString &provider, const QString &host);

    // Whether the user's credentials may go to the source's host: the provider's public host,
    // GH_HOST / GITLAB_HOST, a URL the user gave, or a host of a repository the user trusts.
    static bool mayReceive(const CiSource &source);
    // Why a credential was withheld, in one line that says how to change it.
    static QString withheldText(const CiSource &source);

    using LookupCallback = std::function<void(Result<CiCredential>)>;
    using DoneCallback = std::function<void(Result<void>)>;

    // Environment first, then the keychain; an empty credential (anonymous) when
    // neither has one — an error only when the keychain exists and fails.
    // For a source: nothing (anonymous, `withheld` set and notice() saying why) when the
    // host may not receive the user's credentials — neither from the environment nor the keychain.
    void lookup(const CiSource &source, LookupCallback done);
    // By provider and host, for the settings dialog (shows where a credential comes from).
    void lookup(const QString &provider, const QString &host, LookupCallback done);
    // Keychain only (the settings dialog); an error when no keychain is available.
    void store(
        const QString &provider, const QString &host, const CiCredential &credential, DoneCallback done);
    void remove(const QString &provider, const QString &host, DoneCallback done);

    // The last plain-language notice (e.g. no keychain); empty when all is well.
    QString notice() const { return m_notice; }
    // Why no credential went with a request, for when the server turns out to want one: the
    // lookup's error (a keychain that cannot be read) or the keychain notice; nothing when
    // the credential was withheld (that notice is given on its own).
    QString keychainNote(const Result<CiCredential> &credential) const;
    // `error`'s message, with `keychainNote` added only when the server refused or hid the
    // project (401, 403, 404): a public feed used anonymously says nothing about keychains.
    static QString withKeychainNote(const Error &error, const QString &keychainNote);

signals:
    void noticeChanged(const QString &notice);

private:
    void setNotice(const QString &notice);

    QString m_notice;
};

} // namespace devdash::ci
