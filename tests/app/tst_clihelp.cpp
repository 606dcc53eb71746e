// The command line describing itself: --help, `help X` = `X --help`, unknown commands,
// the generated man page and the bash completion, all against the real binary and the
// command table it is built from (app/CommandSpec.h).

#include "CliProcess.h"
#include "CommandSpec.h"
#include "TestEnvironment.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash::test;
using devdash::cli::CommandSpec;

namespace {

const QString Binary = QStringLiteral(DEVDASH_BINARY);

CliRun runDevDash(const QStringList &args, const QString &cwd = {})
{
    return runCli(Binary, args, cwd, 60000);
}

QList<const CommandSpec *> visibleCommands()
{
    QList<const CommandSpec *> list;
    for (const CommandSpec &c : devdash::cli::commands())
        if (!c.name.isEmpty() && !c.hidden)
            list << &c;
    return list;
}

// Sources the bash completion script, sets COMP_WORDS/COMP_CWORD as bash would for
// `line` (the cursor at its end) and returns COMPREPLY, with the built devdash first on PATH.
QStringList bashComplete(const QString &line, const QString &cwd = {})
{
    QStringList words = line.split(QLatin1Char(' '));
    QString array;
    for (const QString &w : words)
        array += QLatin1Char(' ') + QStringLiteral("'%1'").arg(w);
    const QString script = QStringLiteral("source \"$1\" || exit 3; COMP_WORDS=(%1); COMP_CWORD=%2; "
                                          "COMP_LINE=\"$2\"; COMP_POINT=${#COMP_LINE}; _devdash devdash; "
                                          "printf '%s\\n' \"${COMPREPLY[@]}\"")
                               .arg(array)
                               .arg(words.size() - 1);
    QProcess bash;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"),
        QFileInfo(Binary).absolutePath() + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    bash.setProcessEnvironment(env);
    if (!cwd.isEmpty())
        bash.setWorkingDirectory(cwd);
    bash.start(QStringLiteral("bash"),
        { QStringLiteral("-c"), script, QStringLiteral("bash"), QStringLiteral(DEVDASH_BASH_COMPLETION),
            line });
    if (!bash.waitForFinished(30000) || bash.exitCode() != 0) {
        qWarning() << "bash failed:" << bash.readAllStandardError();
        return { QStringLiteral("<bash failed>") };
    }
    QStringList reply = QString::fromUtf8(bash.readAllStandardOutput()).split(QLatin1Char('\n'));
    reply.removeAll(QString());
    return reply;
}

// A folder git would call a work tree, with a .devdash.json naming environments.
void writeRepository(const QString &root)
{
    QVERIFY(QDir(root).mkpath(QStringLiteral(".git")));
    QFile config(root + QStringLiteral("/.devdash.json"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("{\"environments\": [{\"name\": \"production\", \"tags\": \"deploy/production/*\"},\n"
                 "                  {\"name\": \"staging\", \"tags\": [\"v*\"]}],\n"
                 " \"databases\": [{\"name\": \"qa\", \"url\": \"sqlite:///qa.db\"}]}\n");
}

} // namespace

class CliHelpTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(TestEnvironment::setUp()); }

    void helpListsEveryCommand()
    {
        const CliRun run = runDevDash({ QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        const QString text = QString::fromUtf8(run.out);
        for (const CommandSpec *c : visibleCommands()) {
            const QRegularExpression line(
                QStringLiteral("^ +%1 +%2$")
                    .arg(QRegularExpression::escape(c->name), QRegularExpression::escape(c->summary)),
                QRegularExpression::MultilineOption);
            QVERIFY2(line.match(text).hasMatch(), qPrintable(c->name + QStringLiteral(" missing:\n") + text));
        }
        QVERIFY(!text.contains(QLatin1String("__complete")));
        // `help` alone says the same.
        QCOMPARE(runDevDash({ QStringLiteral("help") }).out, run.out);
    }

    void helpAndDashDashHelpAgree_data()
    {
        QTest::addColumn<QStringList>("words");
        for (const CommandSpec *c : visibleCommands())
            QTest::newRow(qPrintable(c->name)) << c->name.split(QLatin1Char(' '));
    }
    void helpAndDashDashHelpAgree()
    {
        QFETCH(QStringList, words);
        const CommandSpec *spec = devdash::cli::findCommand(words.join(QLatin1Char(' ')));
        QVERIFY(spec);
        const CliRun viaHelp = runDevDash(QStringList { QStringLiteral("help") } + words);
        const CliRun viaOption = runDevDash(words + QStringList { QStringLiteral("--help") });
        QCOMPARE(viaHelp.exitCode, 0);
        QCOMPARE(viaOption.exitCode, 0);
        QCOMPARE(viaOption.out, viaHelp.out);
        QCOMPARE(runDevDash(words + QStringList { QStringLiteral("-h") }).out, viaHelp.out);
        const QString text = QString::fromUtf8(viaHelp.out);
        QVERIFY2(text.startsWith(QStringLiteral("Usage: devdash ") + spec->name), qPrintable(text));
        QVERIFY(text.contains(spec->summary));
        for (const auto &o : spec->options)
            QVERIFY2(text.contains(QStringLiteral("--") + o.name),
                qPrintable(o.name + QStringLiteral(":\n") + text));
        for (const auto &a : spec->arguments)
            QVERIFY(text.contains(a.name));
    }

    void unknownCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("nothing close")
            << QStringList { QStringLiteral("frobnicate") }
            << QStringLiteral("devdash: unknown command 'frobnicate'; 'devdash --help' "
                              "lists them\n");
        QTest::newRow("typo") << QStringList { QStringLiteral("brnaches"), QStringLiteral(".") }
                              << QStringLiteral(
                                     "devdash: unknown command 'brnaches' (did you mean 'branches'?); "
                                     "'devdash --help' lists them\n");
        QTest::newRow("start of a name")
            << QStringList { QStringLiteral("deploym") } << QStringLiteral("(did you mean 'deployments'?)");
        QTest::newRow("a page's name")
            << QStringList { QStringLiteral("history") } << QStringLiteral("(did you mean 'log'?)");
        QTest::newRow("help of a typo")
            << QStringList { QStringLiteral("help"), QStringLiteral("scrrenshot") }
            << QStringLiteral("(did you mean 'screenshot'?)");
        QTest::newRow("subcommand") << QStringList { QStringLiteral("tests"), QStringLiteral("imprt") }
                                    << QStringLiteral(
                                           "devdash: unknown tests subcommand 'imprt' (did you mean "
                                           "'import'?); 'devdash help tests' lists them\n");
        QTest::newRow("no such folder") << QStringList { QStringLiteral("./no/such/folder") }
                                        << QStringLiteral("no such folder './no/such/folder'");
    }
    void unknownCommand()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        // A display: were the window opened, it would not exit with 2 at once.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const CliRun run = runCli(Binary, args, env, {}, 30000);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        if (!message.contains(QLatin1String("did you mean")))
            QVERIFY(!run.err.contains("did you mean"));
    }

    void existingFolderOpensTheWindow()
    {
        // No display at all: the window's own refusal proves the folder went to the window.
        QTemporaryDir dir;
        QDir(dir.path()).mkdir(QStringLiteral("frobnicate"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : { "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM" })
            env.remove(QString::fromLatin1(name));
        const CliRun run = runCli(Binary, { QStringLiteral("frobnicate") }, env, dir.path(), 30000);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("no display to open the window on"), run.err.constData());
        QVERIFY(!run.err.contains("unknown command"));
    }

    void versionAndWindowHelp()
    {
        const CliRun version = runDevDash({ QStringLiteral("--version") });
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("DevDash "));
        QCOMPARE(runDevDash({ QStringLiteral("-h") }).out, runDevDash({ QStringLiteral("--help") }).out);
    }

    void manPageHasEveryCommand()
    {
        QFile file(QStringLiteral(DEVDASH_MANPAGE));
        QVERIFY2(file.open(QIODevice::ReadOnly),
            qPrintable(file.fileName() + QStringLiteral(" was not generated")));
        const QByteArray page = file.readAll();
        QVERIFY(page.contains(".TH DEVDASH 1"));
        QVERIFY(QFileInfo::exists(file.fileName() + QStringLiteral(".gz")));
        for (const CommandSpec *c : visibleCommands()) {
            QString name = c->name;
            name.replace(QLatin1Char('-'), QStringLiteral("\\-"));
            QVERIFY2(page.contains((QStringLiteral(".SS \"devdash ") + name).toUtf8()), qPrintable(c->name));
            for (const auto &o : c->options)
                QVERIFY(page.contains((QStringLiteral(".B \\-\\-")
                    + QString(o.name).replace(QLatin1Char('-'), QStringLiteral("\\-")))
                                          .toUtf8()));
        }
        // The build wrote what the program says now.
        QCOMPARE(runDevDash({ QStringLiteral("help"), QStringLiteral("--man") }).out, page);

        // groff reads it without a warning, when it is installed.
        const QString groff = QStandardPaths::findExecutable(QStringLiteral("groff"));
        if (groff.isEmpty()) {
            qInfo("groff is not installed: the page's roff is not checked");
            return;
        }
        QProcess process;
        process.start(groff,
            { QStringLiteral("-man"), QStringLiteral("-Tutf8"), QStringLiteral("-ww"), QStringLiteral("-z"),
                file.fileName() });
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(process.readAllStandardError(), QByteArray());
    }

    void bashCompletesCommandsAndOptions()
    {
        QCOMPARE(bashComplete(QStringLiteral("devdash sc")),
            (QStringList { QStringLiteral("schema"), QStringLiteral("screenshot") }));
        const QStringList subcommands = bashComplete(QStringLiteral("devdash tests "));
        for (const CommandSpec *sub : devdash::cli::subcommands(QStringLiteral("tests")))
            QVERIFY2(subcommands.contains(sub->leaf()), qPrintable(subcommands.join(u' ')));
        QCOMPARE(bashComplete(QStringLiteral("devdash log --")),
            (QStringList { QStringLiteral("--json"), QStringLiteral("--all"), QStringLiteral("--ref"),
                QStringLiteral("--max"), QStringLiteral("--help") }));
        QCOMPARE(bashComplete(QStringLiteral("devdash deploy record . --status ")),
            (QStringList { QStringLiteral("success"), QStringLiteral("failure") }));
        QVERIFY(bashComplete(QStringLiteral("devdash migrations x --framework fl"))
                    .contains(QStringLiteral("flyway")));
        // A file goes here: nothing from devdash, bash completes file names.
        QCOMPARE(bashComplete(QStringLiteral("devdash branches ")), QStringList());
        QCOMPARE(bashComplete(QStringLiteral("devdash help deploy ")),
            (QStringList { QStringLiteral("record"), QStringLiteral("import-tags") }));
    }

    void bashCompletesPagesTheScreenshotTakes()
    {
        const QStringList pages = bashComplete(QStringLiteral("devdash screenshot --page "));
        QCOMPARE(pages, devdash::cli::screenshotPages());
        // The window's pages, as `devdash screenshot` names them when given a wrong one.
        QTemporaryDir dir;
        const CliRun run
            = runDevDash({ QStringLiteral("screenshot"), QStringLiteral("--page"), QStringLiteral("nope"),
                QStringLiteral("--out"), dir.filePath(QStringLiteral("x.png")), dir.path() });
        QCOMPARE(run.exitCode, 1);
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("choose one of ([a-z, ]+)"))
                                              .match(QString::fromUtf8(run.err));
        QVERIFY2(m.hasMatch(), run.err.constData());
        QStringList topLevel;
        for (const QString &p : pages)
            if (!p.contains(QLatin1Char('/')))
                topLevel << p;
        QStringList accepted = m.captured(1).split(QStringLiteral(", "));
        accepted.sort();
        topLevel.sort();
        QCOMPARE(topLevel, accepted);
    }

    void bashCompletesEnvironmentNames()
    {
        QTemporaryDir dir;
        const QString repo = dir.filePath(QStringLiteral("app"));
        writeRepository(repo);
        const QStringList expected
            = { QStringLiteral("production"), QStringLiteral("staging"), QStringLiteral("qa") };
        QCOMPARE(bashComplete(QStringLiteral("devdash dora %1 --env ").arg(repo)), expected);
        QCOMPARE(bashComplete(QStringLiteral("devdash release-diff %1 --env staging --base pro").arg(repo)),
            QStringList { QStringLiteral("production") });
        QCOMPARE(bashComplete(QStringLiteral("devdash schema history --repo %1 ").arg(repo)), expected);
        // Without a repository on the line: the one the shell is in (or a folder inside it).
        QVERIFY(QDir(repo).mkpath(QStringLiteral("src/deep")));
        QCOMPARE(
            bashComplete(QStringLiteral("devdash deployments --env "), repo + QStringLiteral("/src/deep")),
            expected);
        // Outside any repository: no names, and no error.
        QCOMPARE(bashComplete(QStringLiteral("devdash sprints %1 --env ").arg(dir.path())), QStringList());
    }
};

QTEST_GUILESS_MAIN(CliHelpTest)
#include "tst_clihelp.moc"
