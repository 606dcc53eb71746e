#include "RemoteFetcher.h"

#include <git2/credential.h>

namespace devdash::git {

namespace {

struct FetchContext
{
    const CancelToken *cancel = nullptr;
    const RemoteFetcher::ProgressFn *progress = nullptr;
    FetchProgress state;
    int credentialAttempts = 0;
    bool triedAgent = false;
    bool authenticationNeeded = false;
    int updatedRefs = 0;
};

int onTransfer(const git_indexer_progress *stats, void *payload)
{
    auto *context = static_cast<FetchContext *>(payload);
    if (context->cancel->isCancelled())
        return -1; // libgit2 stops the transfer and returns GIT_EUSER
    context->state.receivedObjects = stats->received_objects;
    context->state.totalObjects = stats->total_objects;
    context->state.receivedBytes = stats->received_bytes;
    if (*context->progress)
        (*context->progress)(context->state);
    return context->cancel->isCancelled() ? -1 : 0;
}

int onSideband(const char *, int, void *payload)
{
    // The server's "Counting objects…" lines: a chance to stop before the pack.
    return static_cast<FetchContext *>(payload)->cancel->isCancelled() ? -1 : 0;
}

int onTip(const char *, const git_oid *, const git_oid *, void *payload)
{
    ++static_cast<FetchContext *>(payload)->updatedRefs;
    return 0;
}

int onCredentials(
    git_credential **out, const char *, const char *usernameFromUrl, unsigned int allowed, void *payload)
{
    auto *context = static_cast<FetchContext *>(payload);
    // libgit2 asks again after a refused credential: give each kind one chance.
    if (++context->credentialAttempts > 3 || context->cancel->isCancelled()) {
        context->authenticationNeeded = true;
        return GIT_EAUTH;
    }
    const char *user = usernameFromUrl && *usernameFromUrl ? usernameFromUrl : "git";
    if (allowed & GIT_CREDENTIAL_USERNAME)
        return git_credential_username_new(out, user);
    if ((allowed & GIT_CREDENTIAL_SSH_KEY) && !context->triedAgent) {
        context->triedAgent = true;
        if (git_credential_ssh_key_from_agent(out, user) == 0)
            return 0;
    }
    // A password or token would be needed: DevDash does not ask for one here.
    context->authenticationNeeded = true;
    git_error_set_str(GIT_ERROR_NET, "authentication required");
    return GIT_EAUTH;
}

} // namespace

QString FetchReport::summary() const
{
    QStringList parts;
    if (cancelled)
        parts << QStringLiteral("Fetch cancelled");
    if (!fetched.isEmpty())
        parts << QStringLiteral("Fetched %1: %2 %3 updated")
                     .arg(fetched.join(QStringLiteral(", ")))
                     .arg(updatedRefs)
                     .arg(updatedRefs == 1 ? QStringLiteral("ref") : QStringLiteral("refs"));
    for (const QString &remote : needAuthentication)
        parts << QStringLiteral(
            "%1 needs authentication: DevDash fetches anonymously or with SSH keys from ssh-agent; add the "
            "key to the agent (ssh-add) or fetch in a terminal")
                     .arg(remote);
    for (const QString &failure : failed)
        if (!needAuthentication.contains(failure.section(QLatin1Char(':'), 0, 0)))
            parts << QStringLiteral("Cannot fetch %1").arg(failure);
    if (parts.isEmpty())
        return QStringLiteral("No remotes to fetch");
    return parts.join(QStringLiteral(" · "));
}

QStringList RemoteFetcher::remoteNames(Repository &repo)
{
    git_strarray names {};
    QStringList out;
    if (git_remote_list(&names, repo.raw()) < 0) {
        git_error_clear();
        return out;
    }
    for (size_t i = 0; i < names.count; ++i)
        out << QString::fromUtf8(names.strings[i]);
    git_strarray_dispose(&names);
    return out;
}

Result<FetchReport> RemoteFetcher::fetchAll(
    Repository &repo, const CancelToken &cancel, const ProgressFn &progress)
{
    git_strarray names {};
    if (int rc = git_remote_list(&names, repo.raw()); rc < 0)
        return lastError(QStringLiteral("cannot list the remotes"), rc);
    QStringList remotes;
    for (size_t i = 0; i < names.count; ++i)
        remotes << QString::fromUtf8(names.strings[i]);
    git_strarray_dispose(&names);

    FetchReport report;
    for (int i = 0; i < remotes.size(); ++i) {
        if (cancel.isCancelled()) {
            report.cancelled = true;
            break;
        }
        const QString &name = remotes.at(i);
        git_remote *raw = nullptr;
        if (int rc = git_remote_lookup(&raw, repo.raw(), name.toUtf8().constData()); rc < 0) {
            report.failed << QStringLiteral("%1: %2").arg(name, lastError(QString(), rc).message);
            continue;
        }
        RemotePtr remote(raw);
        FetchContext context;
        context.cancel = &cancel;
        context.progress = &progress;
        context.state.remote = name;
        context.state.remoteIndex = i;
        context.state.remoteCount = int(remotes.size());
        if (progress)
            progress(context.state);
        git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
        options.callbacks.transfer_progress = onTransfer;
        options.callbacks.sideband_progress = onSideband;
        options.callbacks.update_tips = onTip;
        options.callbacks.credentials = onCredentials;
        options.callbacks.payload = &context;
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_AUTO;
        const int rc = git_remote_fetch(raw, nullptr, &options, "fetch");
        report.updatedRefs += context.updatedRefs;
        if (rc == 0) {
            report.fetched << name;
            continue;
        }
        if (cancel.isCancelled()) {
            git_error_clear();
            report.cancelled = true;
            break;
        }
        const git_error *error = git_error_last();
        const QString message = error && error->message ? QString::fromUtf8(error->message).trimmed()
                                                        : QStringLiteral("error %1").arg(rc);
        git_error_clear();
        if (context.authenticationNeeded || rc == GIT_EAUTH)
            report.needAuthentication << name;
        report.failed << QStringLiteral("%1: %2").arg(name, message);
    }
    return report;
}

} // namespace devdash::git
