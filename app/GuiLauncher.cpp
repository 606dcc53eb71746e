#include "GuiLauncher.h"
#include "CliHelp.h"
#include "CommandSpec.h"

#include "common/PrivateFiles.h"
#include "demo/DemoWorkspace.h"
#include "shell/MainWindow.h"
#include "shell/Screenshot.h"
#include "tests/TestStoreAccess.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>

#include <cstdio>

namespace devdash::app {

namespace {
void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("DevDash"));
    QCoreApplication::setApplicationName(QStringLiteral("DevDash"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DEVDASH_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("devdash"));
    // The settings name repositories, servers and databases: the user's alone (0700/0600).
    if (const auto settings = PrivateFiles::protectSettings(); !settings)
        std::fprintf(stderr, "devdash: %s\n", settings.errorMessage().toUtf8().constData());
}

int fail(const QString &message, int code = 1)
{
    std::fprintf(stderr, "devdash: %s\n", message.toUtf8().constData());
    return code;
}

// The demo lives in a temporary folder for the session; it is rebuilt each time
// (deterministic, under two seconds).
Result<demo::DemoWorkspace> createDemo(QTemporaryDir &dir)
{
    if (!dir.isValid())
        return Error { QStringLiteral("cannot create a temporary folder for the demo: ")
            + dir.errorString() };
    return demo::DemoWorkspace::create(dir.path());
}
} // namespace

// The window's options come from the command table, as every command's do.
void describeWindowOptions(QCommandLineParser &parser)
{
    cli::configure(parser, cli::windowSpec());
    parser.addVersionOption();
}

int runWindow(int &argc, char **argv)
{
    // --help and --version need no display.
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--help" || arg == "-h") {
            std::fputs(cli::overviewHelp().toUtf8().constData(), stdout);
            return 0;
        }
        if (arg == "--version" || arg == "-v") {
            std::printf("DevDash %s\n", DEVDASH_VERSION);
            return 0;
        }
    }
    // Without a display Qt aborts with a cryptic plugin message: say what to do instead.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        return fail(QStringLiteral(
            "no display to open the window on (DISPLAY is not set). Run DevDash in a desktop "
            "session, under xvfb-run, or use the headless commands (devdash --help lists them)"));
    }
    QApplication app(argc, argv);
    setIdentity();
    // Workers mostly wait on disk and network: more of them than cores keeps one slow
    // job (indexing a huge history) from starving the others.
    QThreadPool::globalInstance()->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
    QCommandLineParser parser;
    describeWindowOptions(parser);
    parser.process(app);

    ui::MainWindow window;
    window.show();
    if (parser.isSet(QStringLiteral("demo"))) {
        // Built on a worker: the window is up at once and shows the job in its status bar.
        window.openDemo();
    } else if (!parser.positionalArguments().isEmpty()) {
        window.openRepository(parser.positionalArguments().constFirst());
    } else {
        window.openLastRepository();
    }
    return app.exec();
}

int runScreenshot(int &argc, char **argv)
{
    // Headless by design: render offscreen unless the caller chose a platform.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    setIdentity();
    QCommandLineParser parser;
    const cli::CommandSpec &spec = cli::command(QStringLiteral("screenshot"));
    cli::configure(parser, spec);
    if (!parser.parse(app.arguments()))
        return fail(parser.errorText() + QStringLiteral(" — usage: ") + cli::usageLine(spec), 2);
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(cli::commandHelp(spec).toUtf8().constData(), stdout);
        return 0;
    }
    const QString page = parser.value(QStringLiteral("page"));
    const QString out = parser.value(QStringLiteral("out"));
    if (page.isEmpty() || out.isEmpty())
        return fail(QStringLiteral("--page and --out are required — usage: ") + cli::usageLine(spec), 2);
    const QString sizeText = parser.isSet(QStringLiteral("size")) ? parser.value(QStringLiteral("size"))
                                                                  : QStringLiteral("1280x800");
    const QStringList size = sizeText.split(QLatin1Char('x'));
    const int w = size.value(0).toInt(), h = size.value(1).toInt();
    if (size.size() != 2 || w < 320 || h < 240 || w > 8192 || h > 8192)
        return fail(
            QStringLiteral("--size must be WxH between 320x240 and 8192x8192, not '%1'").arg(sizeText), 2);

    QString repo = parser.positionalArguments().value(1);
    QTemporaryDir demoDir;
    if (parser.isSet(QStringLiteral("demo"))) {
        auto demo = createDemo(demoDir);
        if (!demo)
            return fail(demo.errorMessage());
        repo = demo->repository;
        ui::TestStoreAccess::setLocation(demo->store);
    }
    if (repo.isEmpty())
        return fail(QStringLiteral("give a repository path or --demo"), 2);
    if (parser.isSet(QStringLiteral("theme")))
        qputenv("DEVDASH_THEME", parser.value(QStringLiteral("theme")).toUtf8());
    auto result = ui::renderScreenshot(repo, page, QSize(w, h), out);
    if (!result)
        return fail(result.errorMessage());
    return 0;
}

} // namespace devdash::app
