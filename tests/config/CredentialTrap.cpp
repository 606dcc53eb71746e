#include "CredentialTrap.h"

#include <QDir>
#include <QFile>

namespace devdash::test {

namespace {

// Enough of each API for the providers to go on asking (an empty listing each).
LoopbackResponse answer(const LoopbackRequest &request)
{
    const QString path = request.path;
    if (path.endsWith(QLatin1String("/actions/runs")))
        return LoopbackResponse::json(R"({"total_count":0,"workflow_runs":[]})");
    if (path.endsWith(QLatin1String("/api/json")))
        return LoopbackResponse::json(R"({"name":"app","builds":[],"jobs":[]})");
    return LoopbackResponse::json("[]");
}

} // namespace

bool CredentialTrap::start(QString *why)
{
    if (!m_http.start() || !m_postgres.start()) {
        *why = QStringLiteral("cannot listen on 127.0.0.1");
        return false;
    }
    m_http.setFallback(answer);
    m_repo.setTrustsConfig(false); // a stranger's repository: the user has not trusted it
    m_repo.init();
    m_repo.commit(QStringLiteral("first"), { { QStringLiteral("README"), "cloned from a stranger\n" } });
    writeConfig();
    return true;
}

QString CredentialTrap::mark() const
{
    return QDir(m_repo.path()).filePath(QStringLiteral("pipeline-ran"));
}

void CredentialTrap::writeConfig(const QByteArray &extra)
{
    const QByteArray http = "http://127.0.0.1:" + QByteArray::number(m_http.port());
    const QByteArray config = R"({
  "ci": [ { "provider": "github", "project": "owner/app", "api_url": ")"
        + http + R"(/gh" },
          { "provider": "gitlab", "project": "group/app", "api_url": ")"
        + http + R"(/gl/api/v4" },
          { "provider": "jenkins", "project": "app", "api_url": ")"
        + http + R"(/jenkins" } ],
  "databases": [ { "name": "production", "url": "postgresql://app@127.0.0.1:)"
        + QByteArray::number(m_postgres.port()) + R"(/shop",
                   "migrations": { "framework": "flyway", "path": "db/migration" } } ],
  "pipeline": { "stages": [ { "name": "build", "steps": [ { "name": "mark", "run": "touch pipeline-ran" } ] } ] }
})" + extra;
    m_repo.writeFile(QStringLiteral(".devdash.json"), config);
}

void CredentialTrap::setEnvironment(QProcessEnvironment &env)
{
    env.insert(QStringLiteral("GITHUB_TOKEN"), QLatin1String(GitHubToken));
    env.insert(QStringLiteral("GITLAB_TOKEN"), QLatin1String(GitLabToken));
    env.insert(QStringLiteral("JENKINS_USER"), QLatin1String(JenkinsUser));
    env.insert(QStringLiteral("JENKINS_TOKEN"), QLatin1String(JenkinsToken));
    env.insert(QStringLiteral("DEVDASH_DB_PASSWORD_PRODUCTION"), QLatin1String(DbPassword));
    env.remove(QStringLiteral("GH_HOST"));
    env.remove(QStringLiteral("GITLAB_HOST"));
    env.remove(QStringLiteral("PGPASSWORD"));
}

void CredentialTrap::setEnvironment()
{
    qputenv("GITHUB_TOKEN", GitHubToken);
    qputenv("GITLAB_TOKEN", GitLabToken);
    qputenv("JENKINS_USER", JenkinsUser);
    qputenv("JENKINS_TOKEN", JenkinsToken);
    qputenv("DEVDASH_DB_PASSWORD_PRODUCTION", DbPassword);
    qunsetenv("GH_HOST");
    qunsetenv("GITLAB_HOST");
    qunsetenv("PGPASSWORD");
}

int CredentialTrap::secretHeaders() const
{
    int n = 0;
    for (const LoopbackRequest &r : m_http.requests())
        if (!r.header("Authorization").isEmpty() || !r.header("PRIVATE-TOKEN").isEmpty())
            ++n;
    return n;
}

QStringList CredentialTrap::secretHeaderKinds() const
{
    const QByteArray basic = "Basic " + QByteArray(QByteArray(JenkinsUser) + ':' + JenkinsToken).toBase64();
    QStringList kinds;
    for (const LoopbackRequest &r : m_http.requests()) {
        QString kind;
        if (r.header("Authorization") == "Bearer " + QByteArray(GitHubToken))
            kind = QStringLiteral("github");
        else if (r.header("PRIVATE-TOKEN") == GitLabToken)
            kind = QStringLiteral("gitlab");
        else if (r.header("Authorization") == basic)
            kind = QStringLiteral("jenkins");
        if (!kind.isEmpty() && !kinds.contains(kind))
            kinds << kind;
    }
    kinds.sort();
    return kinds;
}

void CredentialTrap::clear()
{
    m_http.clearRequests();
    m_postgres.clear();
    QFile::remove(mark());
}

} // namespace devdash::test
