#pragma once

// Which of the user's credentials a CI provider would use, and which hosts they go
// to without anyone's repository asking: the provider's public host
// (api.github.com, gitlab.com) and the hosts the user names in the environment
// (GH_HOST, GITLAB_HOST, as gh and glab read them). Any other host gets a
// credential only when the user named it (command line, their own settings) or
// trusts the repository that names it (TrustStore).

#include <QString>
#include <QStringList>

namespace devdash::config {

struct ProviderCredentials
{
    QStringList tokenVariables; // the first one set wins
    QString userVariable; // basic-auth providers (Jenkins, cctray)
    QString defaultHost; // where the token goes by default; empty: no public service
    QString hostVariable; // GH_HOST / GITLAB_HOST
};

class CredentialHosts
{
public:
    // Empty for an unknown provider.
    static ProviderCredentials of(const QString &provider);
    // "GITHUB_TOKEN (or GH_TOKEN)", "JENKINS_USER and JENKINS_TOKEN"…
    static QString variablesText(const QString &provider);
    // What would go to a host: "GITHUB_TOKEN (or GH_TOKEN) or the keychain entry github@host".
    static QString credentialsText(const QString &provider, const QString &host);

    // Whether `url` (an API root) is a host the user's token goes to without a repository's say:
    // the provider's default host over https, or the host the user set in GH_HOST / GITLAB_HOST.
    static bool isUserHost(const QString &provider, const QString &url);

    // localhost, 127.0.0.0/8, ::1: plain HTTP may carry a credential there (nothing leaves the machine).
    static bool isLoopback(const QString &host);
};

} // namespace devdash::config
