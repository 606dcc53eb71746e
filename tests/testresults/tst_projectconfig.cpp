// `.devdash.json` (tolerant reader, errors with file:line:col) and report globs.

#include "config/ProjectConfig.h"
#include "testresults/ReportGlob.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash::testresults;
using devdash::config::ProjectConfig;

class ProjectConfigTest : public QObject
{
    Q_OBJECT

    static void write(const QString &path, const QByteArray &content)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }

private Q_SLOTS:
    void missingFileIsEmpty()
    {
        QTemporaryDir dir;
        const auto config = ProjectConfig::load(dir.path());
        QVERIFY(config.ok());
        QVERIFY(!config->exists());
        QVERIFY(config->testReportGlobs().isEmpty());
    }

    void readsReportsAndKeepsOtherKeys()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral(".devdash.json")),
            "{\"ci\": {\"provider\": \"gitlab\"}, \"tests\": {\"reports\": [\"build/**/junit*.xml\", "
            "\"out/results\"], \"x\": 1}}");
        const auto config = ProjectConfig::load(dir.path());
        QVERIFY2(config.ok(), qPrintable(config.errorMessage()));
        QVERIFY(config->exists());
        QCOMPARE(config->testReportGlobs(),
            (QStringList { QStringLiteral("build/**/junit*.xml"), QStringLiteral("out/results") }));
        QCOMPARE(
            config->root().value(u"ci").toObject().value(u"provider").toString(), QStringLiteral("gitlab"));
    }

    void tolerant()
    {
        QVERIFY(ProjectConfig::parse("", QStringLiteral("f")).ok());
        QVERIFY(ProjectConfig::parse("{}", QStringLiteral("f"))->testReportGlobs().isEmpty());
        QVERIFY(ProjectConfig::parse("{\"tests\": {}}", QStringLiteral("f")).ok());
        QCOMPARE(ProjectConfig::parse("{\"tests\": {\"reports\": \"a/*.xml\"}}", QStringLiteral("f"))
                     ->testReportGlobs(),
            QStringList { QStringLiteral("a/*.xml") });
    }

    void malformedNamesFileLineColumn()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral(".devdash.json")),
            "{\n  \"tests\": {\n    \"reports\": [\"a\",]\n  }\n}\n");
        const auto config = ProjectConfig::load(dir.path());
        QVERIFY(!config.ok());
        const QString message = config.errorMessage();
        QVERIFY2(message.startsWith(dir.filePath(QStringLiteral(".devdash.json")) + QStringLiteral(":3:")),
            qPrintable(message));
        QVERIFY(!message.contains(QLatin1Char('\n')));
    }

    void wrongTypes()
    {
        QVERIFY(!ProjectConfig::parse("[1]", QStringLiteral("f")).ok());
        QVERIFY(!ProjectConfig::parse("{\"tests\": 3}", QStringLiteral("f")).ok());
        QVERIFY(!ProjectConfig::parse("{\"tests\": {\"reports\": [1]}}", QStringLiteral("f")).ok());
        QVERIFY(ProjectConfig::parse("{\"tests\": {\"reports\": [1]}}", QStringLiteral("f"))
                    .errorMessage()
                    .contains(u"tests.reports"));
    }

    void globs()
    {
        QTemporaryDir dir;
        const QString base = dir.path();
        for (const char *f : { "build/junit-a.xml", "build/x/y/junit-b.xml", "build/x/other.xml",
                 "build/junit.txt", "out/r1.xml", "out/sub/r2.trx", "out/readme.md" })
            write(base + QLatin1Char('/') + QLatin1String(f), "<x/>");
        QCOMPARE(ReportGlob(QStringLiteral("build/**/junit*.xml"), base).expand(),
            (QStringList { base + QStringLiteral("/build/junit-a.xml"),
                base + QStringLiteral("/build/x/y/junit-b.xml") }));
        QCOMPARE(ReportGlob(QStringLiteral("build/*.xml"), base).expand(),
            QStringList { base + QStringLiteral("/build/junit-a.xml") });
        QCOMPARE(ReportGlob(QStringLiteral("out"), base).expand(),
            (QStringList { base + QStringLiteral("/out/r1.xml"), base + QStringLiteral("/out/sub/r2.trx") }));
        QCOMPARE(
            ReportGlob(QStringLiteral("build/**/junit*.xml"), base).root(), base + QStringLiteral("/build"));
        QVERIFY(ReportGlob(QStringLiteral("build/**/junit*.xml"), base).recursive());
        QVERIFY(!ReportGlob(QStringLiteral("build/*.xml"), base).recursive());
        QVERIFY(ReportGlob(QStringLiteral("build/**/junit*.xml"), base)
                    .matches(base + QStringLiteral("/build/new/junit-c.xml")));
        QVERIFY(!ReportGlob(QStringLiteral("build/*.xml"), base)
                     .matches(base + QStringLiteral("/build/x/junit-c.xml")));
        QCOMPARE(
            ReportGlob::expandAll({ QStringLiteral("out/*.xml"), base + QStringLiteral("/out/r1.xml") }, base)
                .size(),
            1);
        QVERIFY(ReportGlob(QStringLiteral("nothing/**/*.xml"), base).expand().isEmpty());
    }

    // A cloned repository's symlinks cannot aim a relative glob outside it.
    void globsDoNotFollowLinksOut()
    {
        QTemporaryDir outside, repo;
        write(outside.path() + QStringLiteral("/secret.xml"), "<x/>");
        write(outside.path() + QStringLiteral("/dir/other.xml"), "<x/>");
        const QString base = repo.path();
        write(base + QStringLiteral("/reports/own.xml"), "<x/>");
        QVERIFY(QFile::link(outside.path() + QStringLiteral("/secret.xml"), base + QStringLiteral("/reports/link.xml")));
        QVERIFY(QFile::link(outside.path() + QStringLiteral("/dir"), base + QStringLiteral("/linked-dir")));
        QVERIFY(QFile::link(base + QStringLiteral("/reports/own.xml"), base + QStringLiteral("/reports/inside.xml")));
        QCOMPARE(ReportGlob(QStringLiteral("reports/*.xml"), base).expand(),
            (QStringList { base + QStringLiteral("/reports/inside.xml"), base + QStringLiteral("/reports/own.xml") }));
        QVERIFY(ReportGlob(QStringLiteral("reports/link.xml"), base).expand().isEmpty());
        QVERIFY(ReportGlob(QStringLiteral("linked-dir/*.xml"), base).expand().isEmpty());
        QVERIFY(ReportGlob(QStringLiteral("linked-dir"), base).expand().isEmpty());
        // A pattern the user (or a trusted file) makes absolute is read as written.
        QCOMPARE(ReportGlob(outside.path() + QStringLiteral("/*.xml"), base).expand().size(), 1);
    }
};

QTEST_GUILESS_MAIN(ProjectConfigTest)
#include "tst_projectconfig.moc"
