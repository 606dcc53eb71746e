#include "DemoDeployments.h"

#include "config/TrustStore.h"

#include "DeployConfig.h"
#include "DeploymentStore.h"
#include "git/LibGit2.h"
#include "git/Repository.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <vector>

namespace devdash::deploy {

namespace {

struct MainCommit
{
    QString id;
    qint64 time; // committer time, seconds
};

// The first-parent line of HEAD, oldest first.
Result<std::vector<MainCommit>> mainLine(const git::Repository &repo)
{
    git_revwalk *raw = nullptr;
    if (git_revwalk_new(&raw, repo.raw()) < 0)
        return git::lastError(QStringLiteral("Cannot walk the demo repository"));
    git::RevwalkPtr walk(raw);
    git_revwalk_simplify_first_parent(raw);
    if (git_revwalk_push_head(raw) < 0)
        return git::lastError(QStringLiteral("The demo repository has no HEAD"));
    std::vector<MainCommit> line;
    git_oid oid;
    while (git_revwalk_next(&oid, raw) == 0) {
        git_commit *c = nullptr;
        if (git_commit_lookup(&c, repo.raw(), &oid) < 0)
            return git::lastError(QStringLiteral("Cannot read a demo commit"));
        git::CommitPtr ptr(c);
        line.push_back({ git::toHex(oid), qint64(git_commit_time(c)) });
    }
    git_error_clear();
    std::reverse(line.begin(), line.end());
    return line;
}

Result<void> writeConfig(const QString &workTree, const QDate &sprintStart)
{
    const QString path = QDir(workTree).filePath(QLatin1String(DeployConfig::FileName));
    QJsonObject root;
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly))
        root = QJsonDocument::fromJson(existing.readAll()).object();
    existing.close();
    root.insert(QStringLiteral("environments"),
        QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("staging") } },
            QJsonObject { { QStringLiteral("name"), QStringLiteral("production") },
                { QStringLiteral("tags"), QStringLiteral("deploy/production/*") } } });
    root.insert(QStringLiteral("sprints"),
        QJsonObject { { QStringLiteral("start"), sprintStart.toString(Qt::ISODate) },
            { QStringLiteral("length_days"), 14 } });
    root.insert(QStringLiteral("issues"),
        QJsonObject { { QStringLiteral("pattern"), QString::fromLatin1(DeployConfig::DefaultIssuePattern) },
            { QStringLiteral("url"), QStringLiteral("https://jira.harbor.example/browse/{key}") } });
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error { QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()) };
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error { QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()) };
    return config::TrustStore().trustCurrentFile(workTree); // the demo's own settings
}

} // namespace

Result<int> DemoDeployments::create(const QString &repositoryPath, const store::Database &db)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return repo.error();
    auto line = mainLine(*repo);
    if (!line)
        return line.error();
    if (line->size() < 12)
        return Error { QStringLiteral("The demo repository has too few commits for deployments.") };

    // Sprints of two weeks, the first starting on the Monday of the first deployment's week.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 firstTime = std::max(line->front().time, now - 84 * 86400);
    const QDate firstDay = QDateTime::fromSecsSinceEpoch(firstTime, Qt::UTC).date();
    const QDate sprintStart = firstDay.addDays(1 - firstDay.dayOfWeek());

    // Staging gets the newest main-line commit every working day at 10:00 (when it
    // changed); production gets staging's commit every Tuesday and Thursday at 15:00.
    QList<Deployment> deployments;
    auto add = [&](const QString &env, const QString &commit, const QDateTime &at, DeploymentStatus status,
                   const QString &by, const QString &version = {}) {
        Deployment d;
        d.environment = env;
        d.commit = commit;
        d.at = at;
        d.status = status;
        d.by = by;
        d.version = version;
        d.source = QStringLiteral("record");
        d.url = QStringLiteral("https://deploy.harbor.example/%1/%2").arg(env).arg(deployments.size() + 1);
        deployments.append(d);
    };
    QString staging, production, previousProduction;
    int release = 0;
    bool failedOnce = false, rolledBack = false;
    for (QDate day = firstDay; day <= QDateTime::currentDateTimeUtc().date(); day = day.addDays(1)) {
        if (day.dayOfWeek() > 5)
            continue;
        const QDateTime stagingAt(day, QTime(10, 0), Qt::UTC);
        if (stagingAt.toSecsSinceEpoch() > now)
            break;
        QString newest;
        for (const MainCommit &c : *line)
            if (c.time <= stagingAt.toSecsSinceEpoch() - 1800)
                newest = c.id;
        if (!newest.isEmpty() && newest != staging) {
            staging = newest;
            add(QStringLiteral("staging"), staging, stagingAt, DeploymentStatus::Success,
                QStringLiteral("ci"));
        }
        const QDateTime productionAt(day, QTime(15, 0), Qt::UTC);
        if ((day.dayOfWeek() != 2 && day.dayOfWeek() != 4) || staging.isEmpty() || staging == production
            || productionAt.toSecsSinceEpoch() > now)
            continue;
        const QString version = QStringLiteral("v1.%1.0").arg(++release);
        // Once, a release fails and is fixed by a redeploy 40 minutes later.
        if (!failedOnce && release == 4) {
            failedOnce = true;
            add(QStringLiteral("production"), staging, productionAt, DeploymentStatus::Failure,
                QStringLiteral("ansible"), version);
            add(QStringLiteral("production"), staging, productionAt.addSecs(40 * 60),
                DeploymentStatus::Success, QStringLiteral("ansible"), version);
        } else {
            add(QStringLiteral("production"), staging, productionAt, DeploymentStatus::Success,
                QStringLiteral("ansible"), version);
        }
        previousProduction = production;
        production = staging;
        // Once, a release is rolled back the next morning to the one before.
        const QDateTime rollbackAt(day.addDays(1), QTime(8, 30), Qt::UTC);
        if (!rolledBack && release == 7 && !previousProduction.isEmpty()
            && rollbackAt.toSecsSinceEpoch() <= now) {
            rolledBack = true;
            add(QStringLiteral("production"), previousProduction, rollbackAt, DeploymentStatus::Success,
                QStringLiteral("alice"), QStringLiteral("v1.%1.0").arg(release - 1));
            production = previousProduction;
        }
    }

    DeploymentStore store(db);
    auto added = store.add(DeploymentStore::repositoryKey(*repo), deployments);
    if (!added)
        return added.error();
    if (auto ok = writeConfig(repo->workDir(), sprintStart); !ok)
        return ok.error();
    return int(deployments.size());
}

} // namespace devdash::deploy
