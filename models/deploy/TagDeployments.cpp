#include "TagDeployments.h"

#include "git/LibGit2.h"
#include "git/Repository.h"

#include <QRegularExpression>

namespace devdash::deploy {

bool TagDeployments::matches(const QString &pattern, const QString &tagName)
{
    QString rx;
    for (const QChar c : pattern) {
        if (c == QLatin1Char('*'))
            rx += QLatin1String(".*");
        else if (c == QLatin1Char('?'))
            rx += QLatin1Char('.');
        else
            rx += QRegularExpression::escape(QString(c));
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(rx)).match(tagName).hasMatch();
}

Result<QList<Deployment>> TagDeployments::read(
    const git::Repository &repository, const QList<EnvironmentConfig> &environments)
{
    using namespace devdash::git;
    QList<Deployment> out;
    bool anyPattern = false;
    for (const EnvironmentConfig &env : environments)
        anyPattern = anyPattern || !env.tagPatterns.isEmpty();
    if (!anyPattern)
        return out;

    git_reference_iterator *rawIt = nullptr;
    if (git_reference_iterator_glob_new(&rawIt, repository.raw(), "refs/tags/*") < 0)
        return lastError(QStringLiteral("Could not list the tags of %1").arg(repository.displayName()));
    ReferenceIteratorPtr it(rawIt);
    git_reference *rawRef = nullptr;
    while (git_reference_next(&rawRef, it.get()) == 0) {
        ReferencePtr ref(rawRef);
        const QString fullName = QString::fromUtf8(git_reference_name(rawRef));
        const QString name = fullName.mid(10);
        QStringList envs;
        for (const EnvironmentConfig &env : environments)
            for (const QString &pattern : env.tagPatterns)
                if (matches(pattern, name) && !envs.contains(env.name))
                    envs << env.name;
        if (envs.isEmpty())
            continue;

        git_object *rawTarget = nullptr;
        if (git_reference_peel(&rawTarget, rawRef, GIT_OBJECT_ANY) < 0) {
            git_error_clear();
            continue;
        }
        ObjectPtr target(rawTarget);
        QDateTime at;
        QString by;
        // An annotated tag (or a chain of them): its tagger says when and who.
        if (git_reference_type(rawRef) == GIT_REFERENCE_DIRECT) {
            git_object *rawDirect = nullptr;
            if (git_object_lookup(&rawDirect, repository.raw(), git_reference_target(rawRef), GIT_OBJECT_ANY)
                == 0) {
                ObjectPtr direct(rawDirect);
                if (git_object_type(rawDirect) == GIT_OBJECT_TAG) {
                    const git_signature *tagger = git_tag_tagger(reinterpret_cast<git_tag *>(rawDirect));
                    if (tagger) {
                        at = QDateTime::fromSecsSinceEpoch(tagger->when.time, Qt::UTC);
                        by = QString::fromUtf8(tagger->name);
                    }
                }
            } else {
                git_error_clear();
            }
        }
        git_object *rawCommit = nullptr;
        if (git_reference_peel(&rawCommit, rawRef, GIT_OBJECT_COMMIT) < 0) {
            git_error_clear(); // a tag of a tree or a blob: not a deployment
            continue;
        }
        ObjectPtr commit(rawCommit);
        const git_commit *c = reinterpret_cast<const git_commit *>(rawCommit);
        if (!at.isValid())
            at = QDateTime::fromSecsSinceEpoch(git_commit_time(c), Qt::UTC);
        for (const QString &env : envs) {
            Deployment d;
            d.environment = env;
            d.commit = toHex(*git_object_id(rawCommit));
            d.status = DeploymentStatus::Success;
            d.at = at;
            d.by = by;
            d.source = QStringLiteral("tag");
            d.version = name;
            d.externalId = env + QLatin1Char(':') + fullName;
            out.append(d);
        }
    }
    git_error_clear();
    return out;
}

} // namespace devdash::deploy
