// The headless half of the devdash executable (app/main.cpp: QCoreApplication +
// cli::run) without the window's libraries: lets bench_schema time `devdash
// schema URL --json` from a build that has not linked the GUI yet. Same code path.

#include "CliCommands.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("DevDash"));
    QCoreApplication::setApplicationName(QStringLiteral("DevDash"));
    return devdash::cli::run(app.arguments());
}
