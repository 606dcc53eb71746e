// DevDash: one executable for the window and the headless commands. Which is which
// comes from the command table (CommandSpec.h).

#include "CliCommands.h"
#include "CliCompletion.h"
#include "CliHelp.h"
#include "CommandSpec.h"
#include "GuiLauncher.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("DevDash"));
    QCoreApplication::setApplicationName(QStringLiteral("DevDash"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DEVDASH_VERSION));
}

} // namespace

int main(int argc, char **argv)
{
    using namespace devdash::cli;
    QStringList arguments; // before any QCoreApplication: some paths below make none
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const QString word = arguments.value(1);
    const CommandSpec *spec = findCommand(word);
    if (spec && spec->window) {
        if (asksForHelp(arguments)) {
            std::fputs(commandHelp(*spec).toUtf8().constData(), stdout);
            return 0;
        }
        return devdash::app::runScreenshot(argc, argv);
    }
    if (spec) {
        // No window, no display needed: scripts, CI and the shells' completion call these.
        QCoreApplication app(argc, argv);
        setIdentity();
        if (word == QLatin1String("help"))
            return runHelp(app.arguments(), QStringLiteral(DEVDASH_VERSION));
        if (word == QLatin1String("__complete"))
            return runComplete(app.arguments());
        return run(app.arguments());
    }
    // `devdash frobnicate` is a typo of a command, not a folder to open in the window.
    if (!word.isEmpty() && !word.startsWith(QLatin1Char('-')) && !QFileInfo::exists(word)) {
        if (word.contains(QLatin1Char('/'))) {
            std::fprintf(stderr, "devdash: no such folder '%s'; 'devdash --help' lists the commands\n",
                qPrintable(word));
            return 2;
        }
        return unknownCommand(word);
    }
    return devdash::app::runWindow(argc, argv);
}
