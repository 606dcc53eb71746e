// Runs of several sources on one commit: source families, the base run "Compare
// with Base" picks (same source and suites, not merely the newest) on a real
// SQLite store, and file:line references in failures — found, resolved inside the
// repository only, and turned into an editor's argument list.

#include "TestRunFixtures.h"

#include "store/Database.h"
#include "testresults/EditorCommand.h"
#include "testresults/RunSources.h"
#include "testresults/SourceLinks.h"
#include "testresults/TestRunStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::testresults;
using devdash::test::makeCase;
using devdash::test::makeReport;

class TstRunSources : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void family_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("family");
        QTest::newRow("local") << "local"
                               << "local";
        QTest::newRow("empty") << ""
                               << "local";
        QTest::newRow("CI run id") << "github:acme/app#1234"
                                   << "github:acme/app";
        QTest::newRow("re-run note") << "github:ci.yml (re-run)"
                                     << "github:ci.yml";
        QTest::newRow("pipeline") << "local-pipeline"
                                  << "local-pipeline";
        QTest::newRow("gitlab") << "gitlab:group/app#77"
                                << "gitlab:group/app";
    }

    void family()
    {
        QFETCH(QString, source);
        QFETCH(QString, family);
        QCOMPARE(RunSources::family(source), family);
    }

    // main: two CI runs of suites A+B, then a local run of suite A only (4 tests)
    // on the same commit as the second; which main run is the base of each head?
    void baseRun_data()
    {
        QTest::addColumn<QString>("headSource");
        QTest::addColumn<QStringList>("headSuites");
        QTest::addColumn<QString>("expected"); // "ci2", "local", "ci1" or "" (none)
        QTest::addColumn<int>("match"); // RunSources::Match
        QTest::newRow("CI head: CI base, not the newer local run")
            << "github:acme/app#9" << QStringList { "A", "B" } << "ci2"
            << int(RunSources::Match::SourceAndSuites);
        QTest::newRow("local head of suite A: the local run")
            << "local" << QStringList { "A" } << "local" << int(RunSources::Match::SourceAndSuites);
        QTest::newRow("CI head with a new suite: same source")
            << "github:acme/app#10" << QStringList { "A", "B", "C" } << "ci2"
            << int(RunSources::Match::Source);
        QTest::newRow("another source, same suites")
            << "jenkins" << QStringList { "A", "B" } << "ci2" << int(RunSources::Match::Suites);
        QTest::newRow("nothing comparable") << "jenkins" << QStringList { "C" } << "" << 0;
    }

    void baseRun()
    {
        QFETCH(QString, headSource);
        QFETCH(QStringList, headSuites);
        QFETCH(QString, expected);
        QFETCH(int, match);
        QTemporaryDir dir;
        auto db
            = store::Database::open(*store::StoreLocation::parse(dir.filePath(QStringLiteral("s.sqlite"))));
        QVERIFY2(db, qPrintable(db.errorMessage()));
        TestRunStore store(*db);
        const QString repo = QStringLiteral("/repo");
        QHash<QString, qint64> ids;
        auto import = [&](const QString &name, const QString &source, const QString &commit,
                          const QString &branch, const QStringList &suites, int minutes) {
            std::vector<TestCase> cases;
            for (const QString &suite : suites)
                for (int t = 0; t < 4; ++t)
                    cases.push_back(
                        makeCase(suite, QStringLiteral("t%1").arg(t), TestStatus::Passed, 0.1 + minutes));
            RunInfo info = devdash::test::runInfo(repo, commit, branch, minutes);
            info.source = source;
            auto run = store.importRun(info, { makeReport(QStringLiteral("r.xml"), cases) });
            QVERIFY2(run, qPrintable(run.errorMessage()));
            ids.insert(name, run->run.id);
        };
        import(QStringLiteral("ci1"), QStringLiteral("github:acme/app#1"), QStringLiteral("c1"),
            QStringLiteral("main"), { "A", "B" }, 1);
        import(QStringLiteral("ci2"), QStringLiteral("github:acme/app#2"), QStringLiteral("c2"),
            QStringLiteral("main"), { "A", "B" }, 2);
        import(QStringLiteral("local"), QStringLiteral("local"), QStringLiteral("c2"), QStringLiteral("main"),
            { "A" }, 3);
        import(QStringLiteral("head"), headSource, QStringLiteral("c3"), QStringLiteral("feature"),
            headSuites, 4);

        const auto choice = store.baseRunFor(repo, ids.value(QStringLiteral("head")), QStringLiteral("main"));
        QVERIFY2(choice, qPrintable(choice.errorMessage()));
        if (expected.isEmpty()) {
            QVERIFY(!choice->has_value());
            return;
        }
        QVERIFY(choice->has_value());
        QCOMPARE((*choice)->run.id, ids.value(expected));
        QCOMPARE(int((*choice)->match), match);
        // What the page compared with before: the branch's newest run, the local one.
        QCOMPARE((*store.latestRun(repo, QStringLiteral("main")))->id, ids.value(QStringLiteral("local")));
    }

    void findLinks_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("found"); // "file:line"
        QTest::newRow("gtest") << "tests/test_db.cpp:81: Failure\nExpected: 2"
                               << QStringList { "tests/test_db.cpp:81" };
        QTest::newRow("java frame") << "at Foo.bar(Foo.java:42)" << QStringList { "Foo.java:42" };
        QTest::newRow("python") << "  File \"app/models.py\", line 12, in save"
                                << QStringList { "app/models.py:12" };
        QTest::newRow("with column") << "src/a.ts:3:14 - error" << QStringList { "src/a.ts:3" };
        QTest::newRow("two") << "a/b.c:1 and /abs/x.rs:20" << QStringList { "a/b.c:1", "/abs/x.rs:20" };
        QTest::newRow("no line") << "see src/main.cpp for details" << QStringList {};
        QTest::newRow("time is no file") << "at 12:30:01" << QStringList {};
    }

    void findLinks()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, found);
        QStringList actual;
        for (const SourceLocation &l : SourceLinks::find(text))
            actual << QStringLiteral("%1:%2").arg(l.file).arg(l.line);
        QCOMPARE(actual, found);
    }

    // Inside the repository only: "..", absolute paths elsewhere and symlinks out are refused.
    void resolveInsideOnly_data()
    {
        QTest::addColumn<QString>("file"); // {repo} and {outside} are replaced
        QTest::addColumn<QString>("resolved"); // relative to the repository; "" refused
        QTest::newRow("relative") << "src/app.cpp"
                                  << "src/app.cpp";
        QTest::newRow("absolute inside") << "{repo}/src/app.cpp"
                                         << "src/app.cpp";
        QTest::newRow("CI runner path") << "/home/runner/work/app/app/src/app.cpp"
                                        << "src/app.cpp";
        QTest::newRow("dot dot out") << "../outside/secret.txt"
                                     << "";
        QTest::newRow("absolute outside") << "{outside}/secret.txt"
                                          << "";
        QTest::newRow("symlink out") << "src/link.txt"
                                     << "";
        QTest::newRow("missing") << "src/nope.cpp"
                                 << "";
        QTest::newRow("a folder") << "src"
                                  << "";
    }

    void resolveInsideOnly()
    {
        QFETCH(QString, file);
        QFETCH(QString, resolved);
        QTemporaryDir dir;
        const QString repo = dir.filePath(QStringLiteral("repo"));
        const QString outside = dir.filePath(QStringLiteral("outside"));
        QVERIFY(QDir().mkpath(repo + QStringLiteral("/src")) && QDir().mkpath(outside));
        const QStringList files { repo + QStringLiteral("/src/app.cpp"),
            outside + QStringLiteral("/secret.txt") };
        for (const QString &path : files) {
            QFile f(path);
            QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path + QLatin1Char(' ') + f.errorString()));
        }
        QVERIFY(QFile::link(outside + QStringLiteral("/secret.txt"), repo + QStringLiteral("/src/link.txt")));
        file.replace(QStringLiteral("{repo}"), repo).replace(QStringLiteral("{outside}"), outside);
        const auto result = SourceLinks::resolve(repo, file);
        if (resolved.isEmpty()) {
            QVERIFY2(!result, qPrintable(result ? *result : QString()));
            return;
        }
        QVERIFY2(result, qPrintable(result.errorMessage()));
        QCOMPARE(*result, QDir(repo).canonicalPath() + QLatin1Char('/') + resolved);
    }

    void editorArguments_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("vscode") << "code --goto {file}:{line}"
                                << QStringList { "code", "--goto", "/r/a b.cpp:12" };
        QTest::newRow("plus line") << "gvim +{line} {file}" << QStringList { "gvim", "+12", "/r/a b.cpp" };
        QTest::newRow("no placeholder")
            << "\"/opt/my editor/ed\"" << QStringList { "/opt/my editor/ed", "/r/a b.cpp" };
        QTest::newRow("empty") << "" << QStringList {};
    }

    void editorArguments()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, arguments);
        QCOMPARE(EditorCommand::arguments(command, QStringLiteral("/r/a b.cpp"), 12), arguments);
    }

    void editorFromEnvironment_data()
    {
        QTest::addColumn<QString>("visual");
        QTest::addColumn<QString>("editor");
        QTest::addColumn<QString>("command");
        QTest::newRow("gvim") << ""
                              << "gvim"
                              << "gvim +{line} {file}";
        QTest::newRow("visual wins") << "/usr/bin/gedit"
                                     << "vi"
                                     << "/usr/bin/gedit +{line} {file}";
        QTest::newRow("terminal vi") << ""
                                     << "vi"
                                     << "";
        QTest::newRow("emacs in the terminal") << "emacs -nw"
                                               << ""
                                               << "";
        QTest::newRow("none") << ""
                              << ""
                              << "";
    }

    void editorFromEnvironment()
    {
        QFETCH(QString, visual);
        QFETCH(QString, editor);
        QFETCH(QString, command);
        QProcessEnvironment env;
        if (!visual.isEmpty())
            env.insert(QStringLiteral("VISUAL"), visual);
        if (!editor.isEmpty())
            env.insert(QStringLiteral("EDITOR"), editor);
        QCOMPARE(EditorCommand::fromEnvironment(env), command);
    }
};

QTEST_GUILESS_MAIN(TstRunSources)
#include "tst_runsources.moc"
