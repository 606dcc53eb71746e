#pragma once

// One configured CI source of a repository: an entry of the `ci` array of
// `.devdash.json` (CiConfig), possibly overridden on the command line. No secrets:
// credentials come from CiCredentials.

#include <QString>
#include <QStringList>
#include <QUrl>

namespace devdash::ci {

struct CiSource
{
    QString provider; // "github", "gitlab", "jenkins", "cctray"
    QString project; // "owner/repo", GitLab path or numeric id, Jenkins job path; cctray: unused
    QString apiUrl; // API root, Jenkins server URL or cctray feed URL; defaults per provider
    QString caBundle; // PEM file of extra CA certificates (absolute, or relative to the repository)
    QStringList watch; // branches whose finished pipelines notify
    QStringList testArtifacts; // GitHub: globs of the artifact names holding test reports; empty: default
    int timeoutMs = 30000;
    // Who chose apiUrl. The user's credentials go to a host the user chose, or one a
    // repository they trust names; a host only an untrusted repository names gets none
    // (CiCredentials::mayReceive). The default is the safe one.
    enum class HostChoice { UntrustedRepository, TrustedRepository, User };
    HostChoice hostChoice = HostChoice::UntrustedRepository;

    // The host credentials are kept for ("api.github.com", "gitlab.example.com:8443").
    QString host() const
    {
        const QUrl url(apiUrl);
        return url.port() > 0 ? url.host() + QLatin1Char(':') + QString::number(url.port()) : url.host();
    }
};

} // namespace devdash::ci
