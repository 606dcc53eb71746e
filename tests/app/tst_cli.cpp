// `devdash branches|log|show|compare --json` against git on every repository shape.

#include "CliProcess.h"
#include "Scenarios.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash::test;

namespace {
CliRun runDevDash(const QStringList &args)
{
    return runCli(QStringLiteral(DEVDASH_BINARY), args, {}, 60000);
}

const QRegularExpression isoWithOffset(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$)"));
const QRegularExpression fullId(QStringLiteral("^[0-9a-f]{40}$"));

QStringList ids(const QJsonArray &array, const QString &key = {})
{
    QStringList list;
    for (const QJsonValue &v : array)
        list << (key.isEmpty() ? v.toString() : v.toObject().value(key).toString());
    return list;
}
} // namespace

class CliTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(TestEnvironment::setUp()); }

    void log_data()
    {
        QTest::addColumn<QString>("shape");
        for (const QString &name : Scenarios::names())
            QTest::newRow(name.toUtf8().constData()) << name;
    }
    void log()
    {
        QFETCH(QString, shape);
        TestRepo repo;
        const Scenario sc = Scenarios::build(shape, repo);
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));
        TestRepo at = repo.at(sc.path);

        for (const bool all : { false, true }) {
            QStringList args { QStringLiteral("log"), sc.path, QStringLiteral("--json") };
            if (all)
                args << QStringLiteral("--all");
            const CliRun run = runDevDash(args);
            QCOMPARE(run.exitCode, 0);
            QVERIFY2(run.err.isEmpty(), run.err.constData());
            const QJsonArray rows = run.json().array();
            if (sc.empty) {
                QVERIFY(rows.isEmpty());
                continue;
            }
            QStringList gitArgs { QStringLiteral("log"), QStringLiteral("--topo-order"),
                QStringLiteral("--format=%H|%P|%aI|%s") };
            if (all)
                gitArgs << QStringLiteral("--all");
            const QStringList expected = at.gitLines(gitArgs);
            QCOMPARE(rows.size(), expected.size());
            for (int i = 0; i < rows.size(); ++i) {
                const QJsonObject o = rows[i].toObject();
                const QStringList parts = expected[i].split(QLatin1Char('|'));
                QCOMPARE(o.value(u"commit").toString(), parts[0]);
                QCOMPARE(ids(o.value(u"parents").toArray()).join(QLatin1Char(' ')), parts[1]);
                QCOMPARE(o.value(u"authored_at").toString(), parts[2]);
                QCOMPARE(o.value(u"summary").toString(), parts.mid(3).join(QLatin1Char('|')));
                QVERIFY(o.value(u"lane").isDouble());
                QVERIFY(o.value(u"refs").isArray());
                QVERIFY(o.value(u"author").isString());
            }
        }
    }

    void logMax()
    {
        TestRepo repo;
        const Scenario sc = Scenarios::build(QStringLiteral("merges"), repo);
        const CliRun run = runDevDash({ QStringLiteral("log"), sc.path, QStringLiteral("--max"),
            QStringLiteral("3"), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(ids(run.json().array(), QStringLiteral("commit")),
            repo.at(sc.path).gitLines({ QStringLiteral("log"), QStringLiteral("--topo-order"),
                QStringLiteral("-n3"), QStringLiteral("--format=%H") }));
    }

    void branches_data() { log_data(); }
    void branches()
    {
        QFETCH(QString, shape);
        TestRepo repo;
        const Scenario sc = Scenarios::build(shape, repo);
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));
        TestRepo at = repo.at(sc.path);
        const CliRun run = runDevDash({ QStringLiteral("branches"), sc.path, QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonArray refs = run.json().array();

        // Every branch, remote-tracking branch and tag peeling to a commit; no symbolic refs.
        QMap<QString, QString> expected;
        for (const QString &line : at.gitLines({ QStringLiteral("for-each-ref"),
                 QStringLiteral("--format=%(refname) %(symref)"), QStringLiteral("refs/heads"),
                 QStringLiteral("refs/remotes"), QStringLiteral("refs/tags") })) {
            const QStringList f = line.split(QLatin1Char(' '));
            if (!f.value(1).isEmpty())
                continue; // symbolic (origin/HEAD)
            // Peeled through any number of tags; trees and blobs are left out.
            QString commit;
            if (at.tryGit({ QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("-q"),
                              f[0] + QStringLiteral("^{commit}") },
                    &commit)
                == 0)
                expected.insert(f[0], commit.trimmed());
        }
        QMap<QString, QString> actual;
        for (const QJsonValue &v : refs) {
            const QJsonObject o = v.toObject();
            actual.insert(o.value(u"full_name").toString(), o.value(u"commit").toString());
            QVERIFY(fullId.match(o.value(u"commit").toString()).hasMatch());
            QVERIFY(isoWithOffset.match(o.value(u"committed_at").toString()).hasMatch());
            const QString kind = o.value(u"kind").toString();
            QVERIFY(kind == u"local" || kind == u"remote" || kind == u"tag");
            // Ahead/behind against the upstream, as git counts them.
            if (!o.value(u"upstream").isNull()) {
                const QString counts
                    = at.git({ QStringLiteral("rev-list"), QStringLiteral("--left-right"),
                                 QStringLiteral("--count"),
                                 o.value(u"full_name").toString() + QStringLiteral("...")
                                     + QStringLiteral("refs/remotes/") + o.value(u"upstream").toString() })
                          .trimmed();
                if (!counts.isEmpty()) // a local upstream ("." remote) is named differently
                    QCOMPARE(QStringLiteral("%1\t%2")
                                 .arg(o.value(u"ahead").toInt())
                                 .arg(o.value(u"behind").toInt()),
                        counts);
            }
            if (!o.value(u"base").isNull()) {
                const QString counts = at.git({ QStringLiteral("rev-list"), QStringLiteral("--left-right"),
                                                  QStringLiteral("--count"),
                                                  o.value(u"full_name").toString() + QStringLiteral("...")
                                                      + o.value(u"base").toString() })
                                           .trimmed();
                QCOMPARE(QStringLiteral("%1\t%2")
                             .arg(o.value(u"base_ahead").toInt())
                             .arg(o.value(u"base_behind").toInt()),
                    counts);
            }
        }
        QCOMPARE(actual, expected);
    }

    void show_data() { log_data(); }
    void show()
    {
        QFETCH(QString, shape);
        TestRepo repo;
        const Scenario sc = Scenarios::build(shape, repo);
        if (sc.empty)
            QSKIP("no commits");
        TestRepo at = repo.at(sc.path);
        const CliRun run = runDevDash(
            { QStringLiteral("show"), sc.path, QStringLiteral("HEAD"), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = run.json().object();
        QCOMPARE(o.value(u"commit").toString(), at.revParse(QStringLiteral("HEAD")));
        const QStringList parents = ids(o.value(u"parents").toArray());
        QCOMPARE(parents.join(QLatin1Char(' ')),
            at.git({ QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%P") }).trimmed());
        QStringList expected = parents.isEmpty()
            ? at.gitLines({ QStringLiteral("show"), QStringLiteral("--numstat"), QStringLiteral("-M"),
                QStringLiteral("--format="), QStringLiteral("HEAD") })
            : at.gitLines({ QStringLiteral("diff"), QStringLiteral("--numstat"), QStringLiteral("-M"),
                parents.first(), QStringLiteral("HEAD") });
        QStringList actual;
        for (const QJsonValue &v : o.value(u"files").toArray()) {
            const QJsonObject f = v.toObject();
            const QString counts = f.value(u"binary").toBool() ? QStringLiteral("-\t-")
                                                               : QStringLiteral("%1\t%2")
                                                                     .arg(f.value(u"additions").toInt())
                                                                     .arg(f.value(u"deletions").toInt());
            actual << counts + QLatin1Char('\t') + f.value(u"path").toString();
        }
        // git prints renames as "old => new": compare the counts and new paths only.
        for (QString &line : expected) {
            const QStringList cols = line.split(QLatin1Char('\t'));
            if (cols.size() == 3 && cols[2].contains(u" => "))
                line = cols[0] + QLatin1Char('\t') + cols[1] + QLatin1Char('\t')
                    + cols[2].section(u" => "_qs, 1);
        }
        actual.sort();
        expected.sort();
        QCOMPARE(actual, expected);
    }

    void compare()
    {
        TestRepo repo;
        const Scenario sc = Scenarios::build(QStringLiteral("crisscross"), repo);
        TestRepo at = repo.at(sc.path);
        const QStringList branches = at.gitLines({ QStringLiteral("for-each-ref"),
            QStringLiteral("--format=%(refname:short)"), QStringLiteral("refs/heads") });
        QVERIFY(branches.size() >= 2);
        const QString a = branches[0], b = branches[1];
        const CliRun run = runDevDash({ QStringLiteral("compare"), sc.path, a, b, QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject o = run.json().object();
        QCOMPARE(ids(o.value(u"only_in_a").toArray()),
            at.gitLines(
                { QStringLiteral("rev-list"), QStringLiteral("--topo-order"), a, QStringLiteral("^") + b }));
        QCOMPARE(ids(o.value(u"only_in_b").toArray()),
            at.gitLines(
                { QStringLiteral("rev-list"), QStringLiteral("--topo-order"), b, QStringLiteral("^") + a }));
        const QStringList bases
            = at.gitLines({ QStringLiteral("merge-base"), QStringLiteral("--all"), a, b });
        QVERIFY(bases.contains(o.value(u"merge_base").toString()));
        QVERIFY(o.value(u"files").isArray());
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("missing path") << QStringList { QStringLiteral("log"),
            QStringLiteral("/nonexistent/devdash"), QStringLiteral("--json") }
                                      << 1 << QStringLiteral("/nonexistent/devdash");
        QTest::newRow("usage") << QStringList { QStringLiteral("show"), QStringLiteral("/tmp") } << 2
                               << QStringLiteral("usage");
        QTest::newRow("bad option") << QStringList { QStringLiteral("log"), QStringLiteral("--frobnicate"),
            QStringLiteral("x") } << 2
                                    << QStringLiteral("frobnicate");
        QTest::newRow("bad max") << QStringList { QStringLiteral("log"), QStringLiteral("."),
            QStringLiteral("--max"), QStringLiteral("lots") }
                                 << 2 << QStringLiteral("lots");
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        const CliRun run = runDevDash(args);
        QCOMPARE(run.exitCode, exitCode);
        QCOMPARE(run.err.count('\n'), 1); // one line, no stack trace
        QVERIFY2(QString::fromUtf8(run.err).contains(mentions), run.err.constData());
    }

    void notARepository()
    {
        QTemporaryDir dir;
        const CliRun run = runDevDash({ QStringLiteral("branches"), dir.path(), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY(run.err.contains(dir.path().toUtf8()));
        QVERIFY(run.err.contains("not a git repository"));
    }

    void unknownRevision()
    {
        TestRepo repo;
        const Scenario sc = Scenarios::build(QStringLiteral("linear"), repo);
        const CliRun run = runDevDash(
            { QStringLiteral("show"), sc.path, QStringLiteral("no-such-branch"), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY(run.err.contains("no-such-branch"));
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
