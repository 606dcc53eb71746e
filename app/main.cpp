// DevDash: one executable for the window and the headless commands.

#include "CliCommands.h"
#include "GuiLauncher.h"

#include <QCoreApplication>

#include <cstring>

int main(int argc, char **argv)
{
    const char *command = argc > 1 ? argv[1] : "";
    if (devdash::cli::isHeadlessCommand(QString::fromLocal8Bit(command))) {
        // No window, no display needed: scripts and CI call these.
        QCoreApplication app(argc, argv);
        QCoreApplication::setOrganizationName(QStringLiteral("DevDash"));
        QCoreApplication::setApplicationName(QStringLiteral("DevDash"));
        return devdash::cli::run(app.arguments());
    }
    if (std::strcmp(command, "screenshot") == 0)
        return devdash::app::runScreenshot(argc, argv);
    return devdash::app::runWindow(argc, argv);
}
