// A local pipeline step starts from a cleaned environment: the user's tokens in
// DevDash's environment never reach a step (nor the log kept in the store)
// unless the pipeline names them in "pass_env"; the allow-list (PATH, HOME,
// LANG, LC_*…) and the step's own "env" do.

#include "TestEnvironment.h"
#include "TestRepo.h"
#include "ci/LocalPipelineConfig.h"
#include "ci/LocalPipelineEnvironment.h"
#include "ci/LocalPipelineRunner.h"
#include "ci/LocalPipelineSource.h"
#include "config/ProjectConfig.h"

#include <QTest>

using namespace devdash;
using namespace devdash::ci;
using namespace devdash::test;

namespace {

const QByteArray Token = "ghp_parentSECRET0123456789abcdef";

Result<LocalPipelineConfig> parseConfig(const QByteArray &json)
{
    auto project = config::ProjectConfig::parse(json, QStringLiteral("/repo/.devdash.json"), true);
    if (!project)
        return project.error();
    return LocalPipelineConfig::fromProjectConfig(*project);
}

} // namespace

class TstLocalPipelineEnv : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestRepo> m_repo;

    QByteArray runLog(const QByteArray &json)
    {
        auto config = parseConfig(json);
        if (!config)
            qFatal("config: %s", qPrintable(config.errorMessage()));
        auto source = LocalPipelineSource::inspect(m_repo->path());
        if (!source)
            qFatal("inspect: %s", qPrintable(source.errorMessage()));
        LocalPipelineRunner runner;
        if (auto started = runner.start(*source, *config); !started)
            qFatal("start: %s", qPrintable(started.errorMessage()));
        runner.waitForFinished();
        return runner.log();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(TestEnvironment::setUp());
        m_repo = std::make_unique<TestRepo>();
        m_repo->init();
        m_repo->commit(QStringLiteral("Initial"), { { QStringLiteral("README.md"), "hello\n" } });
        QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));
        qputenv("GITHUB_TOKEN", Token);
        qputenv("AWS_SECRET_ACCESS_KEY", "aws" + Token);
        qputenv("LC_TIME", "C");
    }

    void secretsDoNotReachTheSteps()
    {
        const QByteArray log
            = runLog("{\"pipeline\": {\"stages\": [{\"steps\": [ {\"name\": \"dump\", \"run\": \"env; echo "
                     "\\\"token=[$GITHUB_TOKEN]\\\"\", \"env\": {\"MINE\": \"step-value\"}}]}]}}");
        QVERIFY2(!log.contains(Token), log.constData());
        QVERIFY(log.contains("token=[]"));
        // The allow-list and the step's own env are there.
        QVERIFY2(log.contains("PATH="), log.constData());
        QVERIFY(log.contains("HOME="));
        QVERIFY(log.contains("LC_TIME=C"));
        QVERIFY(log.contains("MINE=step-value"));
        QVERIFY(log.contains("DEVDASH_PIPELINE_RUN_ID="));
    }

    void passEnvPassesNamedVariables()
    {
        const QByteArray log
            = runLog("{\"pipeline\": {\"pass_env\": [\"GITHUB_TOKEN\", \"AWS_*\"], \"stages\": [{\"steps\": "
                     "[ {\"name\": \"use\", \"run\": \"echo \\\"token=[$GITHUB_TOKEN]\\\"; echo "
                     "\\\"aws=[$AWS_SECRET_ACCESS_KEY]\\\"\"}]}]}}");
        QVERIFY2(log.contains(QByteArray("token=[" + Token + "]")), log.constData());
        QVERIFY(log.contains(QByteArray("aws=[aws" + Token + "]")));
    }

    void passEnvIsChecked_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not an array") << QByteArray(
            "{\"pipeline\": {\"pass_env\": \"X\", \"stages\": [{\"steps\": [{\"run\": \"x\"}]}]}}");
        QTest::newRow("not a name") << QByteArray(
            "{\"pipeline\": {\"pass_env\": [\"A=B\"], \"stages\": [{\"steps\": [{\"run\": \"x\"}]}]}}");
        QTest::newRow("star alone") << QByteArray(
            "{\"pipeline\": {\"pass_env\": [\"*\"], \"stages\": [{\"steps\": [{\"run\": \"x\"}]}]}}");
    }
    void passEnvIsChecked()
    {
        QFETCH(QByteArray, json);
        const auto config = parseConfig(json);
        QVERIFY(!config);
        QVERIFY2(config.errorMessage().contains(QLatin1String("\"pipeline.pass_env\"")),
            qPrintable(config.errorMessage()));
    }

    void baseKeepsOnlyTheAllowList()
    {
        QProcessEnvironment parent;
        parent.insert(QStringLiteral("PATH"), QStringLiteral("/bin"));
        parent.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        parent.insert(QStringLiteral("GITLAB_TOKEN"), QStringLiteral("secret"));
        parent.insert(QStringLiteral("DEVDASH_DB_PASSWORD_PRODUCTION"), QStringLiteral("secret"));
        parent.insert(QStringLiteral("CCACHE_DIR"), QStringLiteral("/c"));
        const QProcessEnvironment base
            = LocalPipelineEnvironment::base(parent, { QStringLiteral("CCACHE_*") });
        QStringList keys = base.keys();
        keys.sort();
        QCOMPARE(keys, (QStringList { "CCACHE_DIR", "LC_ALL", "PATH" }));
    }
};

QTEST_GUILESS_MAIN(TstLocalPipelineEnv)
#include "tst_localpipelineenv.moc"
