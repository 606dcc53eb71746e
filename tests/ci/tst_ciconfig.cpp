// CiConfig: the `ci` array of a real `.devdash.json` file, defaults, CLI overrides
// and the errors a user reads (naming the file and the entry).

#include "ci/CiConfig.h"
#include "ci/CiCredentials.h"
#include "ci/CiProviderRegistry.h"
#include "config/TrustStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::ci;

class TestCiConfig : public QObject
{
    Q_OBJECT

    void writeConfig(const QByteArray &json)
    {
        QFile f(m_repo.filePath(QStringLiteral(".devdash.json")));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(json);
        // The test's own settings: trusted (an untrusted file's CA bundle is ignored, see below).
        QVERIFY(config::TrustStore().decide(
            m_repo.path(), QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex(), true));
    }

private slots:
    // What an untrusted file names is kept for anonymous use, never as the user's choice.
    void untrustedSourcesAreTheRepositorys()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral(".devdash.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"ci\": [{\"provider\": \"gitlab\", \"project\": \"g/p\", \"api_url\": "
                "\"https:/"
                "/gl.example.com/api/v4\", \"ca_bundle\": \"certs/ca.pem\"}]}");
        f.close();
        auto config = CiConfig::load(dir.path());
        QVERIFY2(config, qPrintable(config.errorMessage()));
        QCOMPARE(config->sources().size(), 1);
        const CiSource source = config->sources().at(0);
        QCOMPARE(source.hostChoice, CiSource::HostChoice::UntrustedRepository);
        QVERIFY(source.caBundle.isEmpty());
        QVERIFY(!CiCredentials::mayReceive(source));
        // --api-url is the user's: credentials may go there.
        auto typed
            = config->withOverrides(CiOverrides { {}, {}, QStringLiteral("https://gl.example.com/api/v4") });
        QVERIFY(typed);
        QCOMPARE(typed->sources().at(0).hostChoice, CiSource::HostChoice::User);
        QVERIFY(CiCredentials::mayReceive(typed->sources().at(0)));
        // The public host needs no trust.
        CiSource pub = source;
        pub.apiUrl = QStringLiteral("https://gitlab.com/api/v4");
        QVERIFY(CiCredentials::mayReceive(pub));
    }

    void noFileNoSources()
    {
        QTemporaryDir empty;
        auto config = CiConfig::load(empty.path());
        QVERIFY2(config.ok(), qPrintable(config.errorMessage()));
        QVERIFY(config->sources().isEmpty());
    }

    void readsSourcesWithDefaults()
    {
        writeConfig("{\"tests\": {\"reports\": [\"build/*.xml\"]}, \"ci\": [ {\"provider\": \"github\", "
                    "\"project\": \"owner/repo\", \"watch\": [\"main\", \"release\"]}, {\"provider\": "
                    "\"gitlab\", \"project\": 42, \"api_url\": \"https://gitlab.example.com/api/v4/\", "
                    "\"ca_bundle\": \"certs/ca.pem\", \"watch\": \"main\"} ]}");
        auto config = CiConfig::load(m_repo.path());
        QVERIFY2(config.ok(), qPrintable(config.errorMessage()));
        const auto sources = config->sources();
        QCOMPARE(sources.size(), 2);
        QCOMPARE(sources[0].provider, QStringLiteral("github"));
        QCOMPARE(sources[0].apiUrl, QStringLiteral("https://api.github.com"));
        QCOMPARE(sources[0].host(), QStringLiteral("api.github.com"));
        QCOMPARE(sources[0].watch, (QStringList { QStringLiteral("main"), QStringLiteral("release") }));
        QCOMPARE(sources[1].project, QStringLiteral("42"));
        QCOMPARE(sources[1].apiUrl, QStringLiteral("https://gitlab.example.com/api/v4"));
        QCOMPARE(sources[1].caBundle, QDir(m_repo.path()).absoluteFilePath(QStringLiteral("certs/ca.pem")));
        QCOMPARE(sources[1].watch, QStringList { QStringLiteral("main") });
    }

    void gitlabDefaultsToGitlabCom()
    {
        writeConfig(R"({"ci": [{"provider": "gitlab", "project": "group/sub/app"}]})");
        auto config = CiConfig::load(m_repo.path());
        QVERIFY(config.ok());
        QCOMPARE(config->sources().at(0).apiUrl, QStringLiteral("https://gitlab.com/api/v4"));
    }

    void errorsNameFileAndEntry_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown provider")
            << QByteArray(R"({"ci": [{"provider": "travis", "project": "a/b"}]})")
            << "ci[0]: unknown CI provider \"travis\"; use one of: github, gitlab";
        QTest::newRow("no provider") << QByteArray(R"({"ci": [{"project": "a/b"}]})")
                                     << "ci[0] has no \"provider\"";
        QTest::newRow("no project") << QByteArray(
            R"({"ci": [{"provider": "github", "project": "a/b"}, {"provider": "gitlab"}]})")
                                    << "ci[1]: the gitlab source needs \"project\"";
        QTest::newRow("bad url") << QByteArray(
            "{\"ci\": [{\"provider\": \"github\", \"project\": \"a/b\", \"api_url\": \"ftp://x\"}]}")
                                 << "invalid \"api_url\"";
        QTest::newRow("not an array") << QByteArray(R"({"ci": "github"})") << "\"ci\" must be an array";
        QTest::newRow("wrong type") << QByteArray(R"({"ci": [{"provider": "github", "project": ["a"]}]})")
                                    << "\"project\" must be a string";
        QTest::newRow("watch") << QByteArray(
            R"({"ci": [{"provider": "github", "project": "a/b", "watch": [1]}]})")
                               << "\"watch\" must list branch names";
    }
    void errorsNameFileAndEntry()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        writeConfig(json);
        auto config = CiConfig::load(m_repo.path());
        QVERIFY(!config.ok());
        QVERIFY2(config.errorMessage().contains(expected), qPrintable(config.errorMessage()));
        QVERIFY2(config.errorMessage().contains(QLatin1String(".devdash.json")),
            qPrintable(config.errorMessage()));
    }

    void malformedFileIsAnError()
    {
        writeConfig(R"({"ci": [ )");
        auto config = CiConfig::load(m_repo.path());
        QVERIFY(!config.ok());
        QVERIFY2(config.errorMessage().contains(QLatin1String(".devdash.json")),
            qPrintable(config.errorMessage()));
    }

    void commandLineOverrides()
    {
        writeConfig("{\"ci\": [{\"provider\": \"github\", \"project\": \"owner/repo\"}, {\"provider\": "
                    "\"gitlab\", \"project\": \"g/app\", \"api_url\": \"https://gl.example.com/api/v4\"}]}");
        auto config = CiConfig::load(m_repo.path());
        QVERIFY(config.ok());

        // --project alone: the first source, another project.
        auto project = config->withOverrides(CiOverrides { {}, QStringLiteral("other/repo"), {} });
        QVERIFY(project.ok());
        QCOMPARE(project->sources().size(), 2);
        QCOMPARE(project->sources()[0].project, QStringLiteral("other/repo"));

        // --provider gitlab: the file's gitlab entry only, its server kept.
        auto gitlab = config->withOverrides(CiOverrides { QStringLiteral("gitlab"), {}, {} });
        QVERIFY(gitlab.ok());
        QCOMPARE(gitlab->sources().size(), 1);
        QCOMPARE(gitlab->sources()[0].apiUrl, QStringLiteral("https://gl.example.com/api/v4"));

        // --provider github --project --api-url: a GitHub Enterprise server.
        auto ghe = config->withOverrides(CiOverrides { QStringLiteral("github"), QStringLiteral("team/app"),
            QStringLiteral("https://ghe.example.com/api/v3") });
        QVERIFY(ghe.ok());
        QCOMPARE(ghe->sources()[0].project, QStringLiteral("team/app"));
        QCOMPARE(ghe->sources()[0].host(), QStringLiteral("ghe.example.com"));

        // Not in the file and no project.
        QTemporaryDir empty;
        auto none = CiConfig::load(empty.path());
        QVERIFY(none.ok());
        auto missing = none->withOverrides(CiOverrides { QStringLiteral("gitlab"), {}, {} });
        QVERIFY(!missing.ok());
        QVERIFY2(missing.errorMessage().contains(QLatin1String("needs \"project\"")),
            qPrintable(missing.errorMessage()));
        auto unknown = none->withOverrides(CiOverrides { QStringLiteral("bamboo"), QStringLiteral("x"), {} });
        QVERIFY(unknown.errorMessage().contains(QLatin1String("unknown CI provider \"bamboo\"")));
        auto projectOnly = none->withOverrides(CiOverrides { {}, QStringLiteral("a/b"), {} });
        QVERIFY(projectOnly.errorMessage().contains(QLatin1String("need --provider")));
    }

    void registryKnowsEveryConfiguredProvider()
    {
        QVERIFY(CiProviderRegistry::names().contains(QStringLiteral("github")));
        QVERIFY(CiProviderRegistry::names().contains(QStringLiteral("gitlab")));
        for (const auto &kind : CiProviderRegistry::kinds())
            QVERIFY2(kind.create, qPrintable(kind.name));
    }

private:
    QTemporaryDir m_repo;
};

QTEST_GUILESS_MAIN(TestCiConfig)
#include "tst_ciconfig.moc"
