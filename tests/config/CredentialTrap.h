#pragma once

// The scene of the credential trap: a cloned-like repository whose `.devdash.json`
// names a loopback HTTP server as its GitHub, GitLab and Jenkins API and a fake
// PostgreSQL server as its production database, plus a local pipeline step that
// would leave a file behind. The trap counts what arrived: Authorization and
// PRIVATE-TOKEN headers, password messages, pipeline marks.

#include "FakePostgresServer.h"
#include "LoopbackHttpServer.h"
#include "TestRepo.h"

#include <QProcessEnvironment>
#include <QString>

namespace devdash::test {

class CredentialTrap
{
public:
    static constexpr const char *GitHubToken = "ghp_TRAPgithubtoken";
    static constexpr const char *GitLabToken = "glpat-TRAPgitlabtoken";
    static constexpr const char *JenkinsUser = "trapuser";
    static constexpr const char *JenkinsToken = "TRAPjenkinstoken";
    static constexpr const char *DbPassword = "TRAPdbpassword";

    bool start(QString *why);
    QString repository() const { return m_repo.path(); }
    QString mark() const; // the file the pipeline step would create
    QString httpBase() const { return m_http.url().toString(); } // http://127.0.0.1:PORT
    // Rewrites `.devdash.json` (`extra` appended as whitespace changes its hash, not its meaning).
    void writeConfig(const QByteArray &extra = {});

    // The user's credentials, as the CEO's check sets them.
    static void setEnvironment(QProcessEnvironment &env);
    static void setEnvironment();

    int secretHeaders() const; // requests that carried Authorization or PRIVATE-TOKEN
    QStringList secretHeaderKinds() const; // "github", "gitlab", "jenkins" seen with their own secret
    QList<QByteArray> passwords() const { return m_postgres.passwords(); }
    int databaseConnections() const { return m_postgres.connections(); }
    int httpRequests() const { return m_http.requestCount(); }
    void clear();

private:
    LoopbackHttpServer m_http;
    FakePostgresServer m_postgres;
    TestRepo m_repo { QStringLiteral("cloned") };
};

} // namespace devdash::test
