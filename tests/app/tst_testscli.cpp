// `devdash tests …` run as a process against a real repository and a temporary
// SQLite store: imports of real reports with their counts, dedupe, compare,
// history, flaky, the demo's runs, and the errors a user meets.

#include "CliProcess.h"
#include "TestData.h"
#include "TestEnvironment.h"
#include "TestRepo.h"
#include "testresults/ReportParser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash::test;

namespace {

CliRun runDevDash(const QStringList &args, const QString &cwd = {})
{
    return runCli(QStringLiteral(DEVDASH_BINARY), args, cwd);
}

const QRegularExpression isoWithOffset(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$)"));
// A report sample of tests/data/junit.
QString samplePath(const QString &file)
{
    return testDataPath(QStringLiteral("junit/") + file);
}

const QRegularExpression fullId(QStringLiteral("^[0-9a-f]{40}$"));

// A JUnit report: one testcase per entry "Class::name=status" (P, F, E, S).
QByteArray junit(const QStringList &cases, const QString &salt = {})
{
    QByteArray xml
        = "<?xml version=\"1.0\"?>\n<testsuites>\n<testsuite name=\"suite" + salt.toUtf8() + "\">\n";
    for (const QString &c : cases) {
        const QString id = c.section(QLatin1Char('='), 0, 0);
        const QString status = c.section(QLatin1Char('='), 1);
        xml += QStringLiteral("<testcase classname=\"%1\" name=\"%2\" time=\"0.5\">")
                   .arg(id.section(QStringLiteral("::"), 0, 0), id.section(QStringLiteral("::"), 1))
                   .toUtf8();
        if (status == QLatin1String("F"))
            xml += "<failure message=\"expected 1, got 2\">trace</failure>";
        else if (status == QLatin1String("E"))
            xml += "<error message=\"boom\" type=\"RuntimeError\"/>";
        else if (status == QLatin1String("S"))
            xml += "<skipped/>";
        xml += "</testcase>\n";
    }
    return xml + "</testsuite>\n</testsuites>\n";
}

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

QStringList keys(const QJsonArray &tests)
{
    QStringList list;
    for (const QJsonValue &v : tests)
        list << v.toObject().value(u"key").toString();
    list.sort();
    return list;
}

} // namespace

class TestsCliTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<TestRepo> m_repo;
    QString m_store;
    int m_storeCount = 0;

    // A fresh store file per test: they do not see each other's runs.
    QString freshStore() { return m_tmp.filePath(QStringLiteral("store%1.sqlite").arg(++m_storeCount)); }

    CliRun import(const QStringList &paths, const QStringList &extra = {}, const QString &store = {})
    {
        return runDevDash(QStringList { QStringLiteral("tests"), QStringLiteral("import") } + paths
            + QStringList { QStringLiteral("--repo"), m_repo->path(), QStringLiteral("--store"),
                store.isEmpty() ? m_store : store, QStringLiteral("--json") }
            + extra);
    }
    CliRun tests(const QStringList &args, const QString &store = {})
    {
        return runDevDash(QStringList { QStringLiteral("tests") } + args
            + QStringList { QStringLiteral("--store"), store.isEmpty() ? m_store : store });
    }
    QString report(const QString &name, const QStringList &cases)
    {
        const QString path = m_tmp.filePath(QStringLiteral("reports/") + name);
        writeFile(path, junit(cases, name));
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(TestEnvironment::setUp());
        QVERIFY(m_tmp.isValid());
        m_repo = std::make_unique<TestRepo>();
        m_repo->init();
        m_repo->commit(QStringLiteral("first"), { { QStringLiteral("a.txt"), "a\n" } });
        m_repo->commit(QStringLiteral("second"), { { QStringLiteral("a.txt"), "b\n" } });
        QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));
    }
    void init() { m_store = freshStore(); }

    // Every report sample of tests/data/junit, each as one run: the counts the parser
    // reads, and the known figures of a few.
    void importFixtures_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(samplePath(QString()));
        const QStringList files
            = dir.entryList({ QStringLiteral("*.xml"), QStringLiteral("*.trx") }, QDir::Files, QDir::Name);
        if (files.isEmpty()) // fails the test below with the folder's name
            QTest::newRow("no samples") << dir.filePath(QStringLiteral("*.xml"));
        for (const QString &name : files)
            QTest::newRow(name.toUtf8().constData()) << dir.filePath(name);
    }
    void importFixtures()
    {
        QFETCH(QString, file);
        QVERIFY2(QFileInfo::exists(file), qPrintable(QStringLiteral("missing test data: ") + file));
        const auto parsed = devdash::testresults::ReportParser::parseFile(file);
        const CliRun run = import({ file });
        if (!parsed) {
            // Refused by the parser (the XXE sample): refused by the CLI, one line.
            QCOMPARE(run.exitCode, 1);
            QCOMPARE(run.err.count('\n'), 1);
            QVERIFY(run.out.isEmpty());
            return;
        }
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = run.object();
        const auto counts = parsed->counts();
        QCOMPARE(o.value(u"tests").toInt(), counts.tests);
        QCOMPARE(o.value(u"passed").toInt(), counts.passed);
        QCOMPARE(o.value(u"failed").toInt(), counts.failed);
        QCOMPARE(o.value(u"errored").toInt(), counts.errored);
        QCOMPARE(o.value(u"skipped").toInt(), counts.skipped);
        QCOMPARE(o.value(u"flaky").toInt(), counts.flaky);
        QVERIFY(o.value(u"created").toBool());
        QCOMPARE(o.value(u"commit").toString(), m_repo->head());
        QCOMPARE(o.value(u"branch").toString(), QStringLiteral("main"));
        QCOMPARE(o.value(u"source").toString(), QStringLiteral("local"));
        QVERIFY(o.value(u"imported_at").toString().contains(isoWithOffset));
        QCOMPARE(o.value(u"files").toArray().size(), 1);
        QVERIFY(o.value(u"run_id").toInteger() > 0);
        QVERIFY(o.value(u"duration_s").isDouble() || o.value(u"duration_s").isNull());
    }

    void knownCounts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QList<int>>("counts"); // tests, passed, failed, errored, skipped, flaky
        QTest::newRow("surefire flaky")
            << samplePath(QStringLiteral("surefire-flaky.xml")) << QList<int> { 1, 1, 0, 0, 0, 1 };
        QTest::newRow("jest") << samplePath(QStringLiteral("jest-junit.xml"))
                              << QList<int> { 6, 2, 3, 0, 1, 0 };
        QTest::newRow("surefire reruns")
            << samplePath(QStringLiteral("surefire-flaky-rerun.xml")) << QList<int> { 6, 3, 1, 1, 1, 2 };
        QTest::newRow("gtest") << samplePath(QStringLiteral("gtest.xml")) << QList<int> { 7, 1, 1, 1, 4, 0 };
    }
    void knownCounts()
    {
        QFETCH(QString, file);
        QVERIFY2(QFileInfo::exists(file), qPrintable(QStringLiteral("missing test data: ") + file));
        QFETCH(QList<int>, counts);
        const QJsonObject o = import({ file }).object();
        const QList<int> got { o.value(u"tests").toInt(), o.value(u"passed").toInt(),
            o.value(u"failed").toInt(), o.value(u"errored").toInt(), o.value(u"skipped").toInt(),
            o.value(u"flaky").toInt() };
        QCOMPARE(got, counts);
    }

    // All files of one import are one run; the same content again is that run.
    void oneRunAndDedupe()
    {
        DEVDASH_REQUIRE_TEST_DATA(QStringLiteral("junit/gtest.xml"), QStringLiteral("junit/mocha.xml"),
            QStringLiteral("junit/nested-suites.xml"));
        const QStringList files { samplePath(QStringLiteral("gtest.xml")),
            samplePath(QStringLiteral("mocha.xml")), samplePath(QStringLiteral("nested-suites.xml")) };
        const CliRun first = import(files);
        QCOMPARE(first.exitCode, 0);
        const QJsonObject a = first.object();
        QVERIFY(a.value(u"created").toBool());
        QCOMPARE(a.value(u"files").toArray().size(), 3);

        // The same reports, in another order and through a copy in another folder.
        const QString copies = m_tmp.filePath(QStringLiteral("copies/deep/er"));
        QDir().mkpath(copies);
        for (const QString &f : files)
            QVERIFY(QFile::copy(f, copies + QLatin1Char('/') + QFileInfo(f).fileName()));
        const QJsonObject b = import({ files[2], files[0], files[1] }).object();
        QCOMPARE(b.value(u"run_id"), a.value(u"run_id"));
        QCOMPARE(b.value(u"created").toBool(), false);
        // A folder (every *.xml under it) and a recursive glob, from another working folder.
        const QJsonObject c = import({ m_tmp.filePath(QStringLiteral("copies")) }).object();
        QCOMPARE(c.value(u"run_id"), a.value(u"run_id"));
        const CliRun d
            = runDevDash({ QStringLiteral("tests"), QStringLiteral("import"),
                             QStringLiteral("copies/**/*.xml"), QStringLiteral("--repo"), m_repo->path(),
                             QStringLiteral("--store"), m_store, QStringLiteral("--json") },
                m_tmp.path());
        QCOMPARE(d.exitCode, 0);
        QCOMPARE(d.object().value(u"run_id"), a.value(u"run_id"));
        QCOMPARE(d.object().value(u"files").toArray().size(), 3);

        const CliRun runs = tests(
            { QStringLiteral("runs"), QStringLiteral("--repo"), m_repo->path(), QStringLiteral("--json") });
        QCOMPARE(runs.exitCode, 0);
        QCOMPARE(runs.array().size(), 1);
        QCOMPARE(runs.array().at(0).toObject().value(u"tests").toInt(), a.value(u"tests").toInt());
    }

    void commitAndBranchOptions()
    {
        const QString file = report(QStringLiteral("opts.xml"), { QStringLiteral("A::a=P") });
        const QString parent = m_repo->revParse(QStringLiteral("HEAD~1"));
        const QJsonObject o = import({ file },
            { QStringLiteral("--commit"), QStringLiteral("HEAD~1"), QStringLiteral("--branch"),
                QStringLiteral("feature/x"), QStringLiteral("--source"), QStringLiteral("jenkins") })
                                  .object();
        QCOMPARE(o.value(u"commit").toString(), parent);
        QCOMPARE(o.value(u"branch").toString(), QStringLiteral("feature/x"));
        QCOMPARE(o.value(u"source").toString(), QStringLiteral("jenkins"));

        const QString other = report(QStringLiteral("opts2.xml"), { QStringLiteral("A::a=F") });
        import({ other });
        const CliRun feature = tests({ QStringLiteral("runs"), QStringLiteral("--repo"), m_repo->path(),
            QStringLiteral("--branch"), QStringLiteral("feature/x"), QStringLiteral("--json") });
        QCOMPARE(feature.array().size(), 1);
        const CliRun limited = tests({ QStringLiteral("runs"), QStringLiteral("--repo"), m_repo->path(),
            QStringLiteral("--limit"), QStringLiteral("1"), QStringLiteral("--json") });
        QCOMPARE(limited.array().size(), 1);
        QCOMPARE(limited.array().at(0).toObject().value(u"status").toString(), QStringLiteral("failed"));
        QVERIFY(limited.array().at(0).toObject().value(u"commit").toString().contains(fullId));
    }

    void showAndCompare()
    {
        const qint64 base
            = import({ report(QStringLiteral("base.xml"),
                         { QStringLiteral("Calc::adds=P"), QStringLiteral("Calc::divides=F"),
                             QStringLiteral("Calc::rounds=P"), QStringLiteral("Calc::parses=E") }) })
                  .object()
                  .value(u"run_id")
                  .toInteger();
        const qint64 head
            = import({ report(QStringLiteral("head.xml"),
                         { QStringLiteral("Calc::adds=F"), QStringLiteral("Calc::divides=P"),
                             QStringLiteral("Calc::parses=E"), QStringLiteral("Calc::powers=F") }) })
                  .object()
                  .value(u"run_id")
                  .toInteger();
        const CliRun cmp = tests({ QStringLiteral("compare"), QString::number(base), QString::number(head),
            QStringLiteral("--json") });
        QCOMPARE(cmp.exitCode, 0);
        const QJsonObject c = cmp.object();
        QCOMPARE(keys(c.value(u"new_failures").toArray()),
            (QStringList { QStringLiteral("Calc::adds"), QStringLiteral("Calc::powers") }));
        QCOMPARE(keys(c.value(u"fixed").toArray()), QStringList { QStringLiteral("Calc::divides") });
        QCOMPARE(keys(c.value(u"still_failing").toArray()), QStringList { QStringLiteral("Calc::parses") });
        QCOMPARE(keys(c.value(u"new_tests").toArray()), QStringList { QStringLiteral("Calc::powers") });
        QCOMPARE(keys(c.value(u"removed_tests").toArray()), QStringList { QStringLiteral("Calc::rounds") });
        QCOMPARE(c.value(u"base").toObject().value(u"run_id").toInteger(), base);
        QCOMPARE(c.value(u"head").toObject().value(u"run_id").toInteger(), head);
        const QJsonObject adds = c.value(u"new_failures").toArray().at(0).toObject();
        QCOMPARE(adds.value(u"base_status").toString(), QStringLiteral("passed"));
        QCOMPARE(adds.value(u"head_status").toString(), QStringLiteral("failed"));
        QCOMPARE(adds.value(u"message").toString(), QStringLiteral("expected 1, got 2"));

        const CliRun show = tests({ QStringLiteral("show"), QString::number(head), QStringLiteral("--failed"),
            QStringLiteral("--json") });
        QCOMPARE(show.exitCode, 0);
        QStringList failing;
        for (const QJsonValue &s : show.object().value(u"suites").toArray())
            for (const QJsonValue &t : s.toObject().value(u"cases").toArray())
                failing << t.toObject().value(u"key").toString() + QLatin1Char('=')
                        + t.toObject().value(u"status").toString();
        failing.sort();
        QCOMPARE(failing,
            (QStringList { QStringLiteral("Calc::adds=failed"), QStringLiteral("Calc::parses=errored"),
                QStringLiteral("Calc::powers=failed") }));
        const CliRun all = tests({ QStringLiteral("show"), QString::number(head), QStringLiteral("--json") });
        const QJsonObject suite = all.object().value(u"suites").toArray().at(0).toObject();
        QCOMPARE(suite.value(u"cases").toArray().size(), 4);
        QCOMPARE(suite.value(u"tests").toInt(), 4);
        QCOMPARE(all.object().value(u"reports").toArray().at(0).toObject().value(u"format").toString(),
            QStringLiteral("junit"));
        // Text output: a table, no JSON.
        const CliRun text
            = tests({ QStringLiteral("compare"), QString::number(base), QString::number(head) });
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("new failures (2)"));
    }

    // A test failing in the last two runs: age 2, failing since the first of them.
    void historyAndAge()
    {
        import({ report(
            QStringLiteral("h1.xml"), { QStringLiteral("Db::connects=P"), QStringLiteral("Db::other=P") }) });
        const qint64 second
            = import({ report(QStringLiteral("h2.xml"),
                         { QStringLiteral("Db::connects=F"), QStringLiteral("Db::other=P") }) })
                  .object()
                  .value(u"run_id")
                  .toInteger();
        const qint64 third
            = import({ report(QStringLiteral("h3.xml"),
                         { QStringLiteral("Db::connects=E"), QStringLiteral("Db::other=P") }) })
                  .object()
                  .value(u"run_id")
                  .toInteger();
        const CliRun run = tests({ QStringLiteral("history"), QStringLiteral("Db::connects"),
            QStringLiteral("--repo"), m_repo->path(), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject h = run.object();
        QCOMPARE(h.value(u"age").toInt(), 2);
        QCOMPARE(h.value(u"failing_since").toObject().value(u"run_id").toInteger(), second);
        const QJsonArray entries = h.value(u"entries").toArray();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.at(0).toObject().value(u"run_id").toInteger(), third);
        QCOMPARE(entries.at(0).toObject().value(u"status").toString(), QStringLiteral("errored"));
        QCOMPARE(entries.at(2).toObject().value(u"status").toString(), QStringLiteral("passed"));
        QCOMPARE(entries.at(0).toObject().value(u"duration_s").toDouble(), 0.5);

        const CliRun missing = tests({ QStringLiteral("history"), QStringLiteral("Db::nope"),
            QStringLiteral("--repo"), m_repo->path() });
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(missing.err.count('\n'), 1);
    }

    // (a) the same commit passed and failed; (b) passed on a retry within a run.
    void flaky()
    {
        import({ report(QStringLiteral("f1.xml"),
            { QStringLiteral("Net::retries=P"), QStringLiteral("Net::stable=P") }) });
        import({ report(QStringLiteral("f2.xml"),
            { QStringLiteral("Net::retries=F"), QStringLiteral("Net::stable=P") }) });
        DEVDASH_REQUIRE_TEST_DATA(QStringLiteral("junit/surefire-flaky-rerun.xml"));
        import({ samplePath(QStringLiteral("surefire-flaky-rerun.xml")) });
        const CliRun run = tests(
            { QStringLiteral("flaky"), QStringLiteral("--repo"), m_repo->path(), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        QStringList kinds;
        for (const QJsonValue &v : run.array()) {
            const QJsonObject f = v.toObject();
            kinds << f.value(u"key").toString() + QLatin1Char('/') + f.value(u"kind").toString();
            QVERIFY(f.value(u"rate").toDouble() > 0);
            QVERIFY(!f.value(u"run_ids").toArray().isEmpty());
        }
        QVERIFY2(kinds.contains(QStringLiteral("Net::retries/same_commit")), qPrintable(kinds.join(u' ')));
        QVERIFY2(
            std::any_of(kinds.cbegin(), kinds.cend(), [](const QString &k) { return k.endsWith(u"/retry"); }),
            qPrintable(kinds.join(u' ')));
        QVERIFY(!kinds.contains(QStringLiteral("Net::stable/same_commit")));
    }

    // A bad report fails the whole import: one line naming file:line:col, exit 1,
    // nothing stored.
    void badReports_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("where");
        QTest::newRow("malformed") << QStringLiteral("malformed.xml")
                                   << QStringLiteral("malformed.xml:6:15:");
        QTest::newRow("truncated") << QStringLiteral("truncated.xml")
                                   << QStringLiteral("truncated.xml:6:39:");
        QTest::newRow("billion laughs")
            << QStringLiteral("billion-laughs.xml") << QStringLiteral("billion-laughs.xml:");
    }
    void badReports()
    {
        QFETCH(QString, file);
        QFETCH(QString, where);
        DEVDASH_REQUIRE_TEST_DATA(QStringLiteral("junit/gtest.xml"), QStringLiteral("junit/") + file);
        const CliRun run = import({ samplePath(QStringLiteral("gtest.xml")), samplePath(file) });
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.err.startsWith("devdash: "), run.err.constData());
        QVERIFY2(QString::fromUtf8(run.err).contains(where), run.err.constData());
        // Nothing stored: not even the good report of the batch.
        const CliRun runs = tests(
            { QStringLiteral("runs"), QStringLiteral("--repo"), m_repo->path(), QStringLiteral("--json") });
        QCOMPARE(runs.exitCode, 0);
        QCOMPARE(runs.array().size(), 0);
    }

    void errors()
    {
        DEVDASH_REQUIRE_TEST_DATA(QStringLiteral("junit/gtest.xml"));
        const QString file = samplePath(QStringLiteral("gtest.xml"));
        auto oneLine
            = [](const CliRun &run) { return run.err.count('\n') == 1 && run.err.startsWith("devdash: "); };

        CliRun run
            = runDevDash({ QStringLiteral("tests"), QStringLiteral("import"), file, QStringLiteral("--repo"),
                m_tmp.filePath(QStringLiteral("no-such-repo")), QStringLiteral("--store"), m_store });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(oneLine(run), run.err.constData());
        QVERIFY(!QFile::exists(m_store)); // the store is not even created

        run = runDevDash({ QStringLiteral("tests"), QStringLiteral("import"), file, QStringLiteral("--repo"),
            m_tmp.path(), QStringLiteral("--store"), m_store });
        QCOMPARE(run.exitCode, 1); // not a git repository
        QVERIFY2(oneLine(run), run.err.constData());

        run = import({ m_tmp.filePath(QStringLiteral("missing.xml")) });
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("missing.xml"));
        run = import({ m_tmp.filePath(QStringLiteral("nothing/**/*.xml")) });
        QCOMPARE(run.exitCode, 1);
        QVERIFY(oneLine(run));

        // Usage errors: exit 2.
        run = runDevDash(
            { QStringLiteral("tests"), QStringLiteral("import"), file, QStringLiteral("--store"), m_store });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(oneLine(run));
        run = tests({ QStringLiteral("runs") });
        QCOMPARE(run.exitCode, 2);
        run = tests({ QStringLiteral("show"), QStringLiteral("abc") });
        QCOMPARE(run.exitCode, 2);
        run = tests({ QStringLiteral("frobnicate") });
        QCOMPARE(run.exitCode, 2);
        run = tests({ QStringLiteral("flaky"), QStringLiteral("--repo"), m_repo->path(),
            QStringLiteral("--window"), QStringLiteral("x") });
        QCOMPARE(run.exitCode, 2);

        // A run that does not exist.
        run = tests({ QStringLiteral("show"), QStringLiteral("4242") });
        QCOMPARE(run.exitCode, 1);
        QVERIFY(oneLine(run));
        run = tests({ QStringLiteral("compare"), QStringLiteral("4242"), QStringLiteral("4243") });
        QCOMPARE(run.exitCode, 1);
    }

    // The demo's story: a regression and its fix, a flaky test under the three
    // definitions, a test failing at the head.
    void demo()
    {
        const QString folder = m_tmp.filePath(QStringLiteral("demo"));
        const CliRun made
            = tests({ QStringLiteral("demo"), QStringLiteral("--folder"), folder, QStringLiteral("--json") });
        QCOMPARE(made.exitCode, 0);
        const QString repo = made.object().value(u"repository").toString();
        QVERIFY(made.object().value(u"runs").toInt() >= 25);
        // Again: nothing new (the same content).
        const CliRun again = tests({ QStringLiteral("runs"), QStringLiteral("--repo"), repo,
            QStringLiteral("--limit"), QStringLiteral("0"), QStringLiteral("--json") });
        QCOMPARE(again.array().size(), made.object().value(u"runs").toInt());
        QSet<QString> branches;
        for (const QJsonValue &v : again.array())
            branches.insert(v.toObject().value(u"branch").toString());
        QVERIFY(branches.contains(QStringLiteral("main")));
        QVERIFY(branches.contains(QStringLiteral("feature/search")));

        const CliRun flaky
            = tests({ QStringLiteral("flaky"), QStringLiteral("--repo"), repo, QStringLiteral("--json") });
        QSet<QString> kinds;
        for (const QJsonValue &v : flaky.array())
            if (v.toObject().value(u"key").toString() == QLatin1String("ServerTest::ShutsDownGracefully"))
                kinds.insert(v.toObject().value(u"kind").toString());
        QCOMPARE(kinds,
            (QSet<QString> {
                QStringLiteral("same_commit"), QStringLiteral("retry"), QStringLiteral("flips") }));

        const QJsonObject head
            = tests({ QStringLiteral("history"), QStringLiteral("DbTest::PoolRecyclesIdleConnections"),
                        QStringLiteral("--repo"), repo, QStringLiteral("--branch"), QStringLiteral("main"),
                        QStringLiteral("--json") })
                  .object();
        QCOMPARE(head.value(u"age").toInt(), 2);

        const QJsonObject regression
            = tests({ QStringLiteral("history"), QStringLiteral("RouterTest::MatchesTrailingSlash"),
                        QStringLiteral("--repo"), repo, QStringLiteral("--branch"), QStringLiteral("main"),
                        QStringLiteral("--limit"), QStringLiteral("100"), QStringLiteral("--json") })
                  .object();
        QCOMPARE(regression.value(u"age").toInt(), 0); // fixed
        int failed = 0;
        for (const QJsonValue &e : regression.value(u"entries").toArray())
            failed += e.toObject().value(u"status").toString() == QLatin1String("failed");
        QCOMPARE(failed, 5);
    }
};

QTEST_GUILESS_MAIN(TestsCliTest)
#include "tst_testscli.moc"
