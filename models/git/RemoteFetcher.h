#pragma once

// `git fetch` of every remote with libgit2: remote-tracking branches and tags are
// brought up to date. Runs on a worker; progress comes from libgit2's transfer
// callback, which also stops the transfer when the token is cancelled.
// Credentials: anonymous (https, file, git://) and SSH keys from the running
// ssh-agent. A remote that wants anything else (a password or token over https, an
// SSH key that is not in the agent) is reported as needing authentication, with
// what to do about it.

#include "Repository.h"
#include "common/CancelToken.h"

#include <QStringList>

#include <functional>

namespace devdash::git {

struct FetchProgress
{
    QString remote;
    int remoteIndex = 0; // of remoteCount
    int remoteCount = 0;
    unsigned receivedObjects = 0;
    unsigned totalObjects = 0;
    size_t receivedBytes = 0;
};

struct FetchReport
{
    QStringList fetched; // remotes fetched without error
    QStringList failed; // "origin: message"
    QStringList needAuthentication; // remotes that refused without credentials
    int updatedRefs = 0; // remote-tracking branches and tags that moved, appeared or went
    bool cancelled = false;
    bool ok() const { return failed.isEmpty() && !cancelled; }
    // "Fetched origin: 3 refs updated" / "upstream needs authentication: …"
    QString summary() const;
};

class RemoteFetcher
{
public:
    using ProgressFn = std::function<void(const FetchProgress &)>;

    static QStringList remoteNames(Repository &repo);
    // Fetches every remote (each with its configured refspecs). Fails only when the
    // remotes cannot be listed; per-remote failures are in the report.
    static Result<FetchReport> fetchAll(
        Repository &repo, const CancelToken &cancel = {}, const ProgressFn &progress = {});
};

} // namespace devdash::git
