#include "CliProcess.h"

#include <QProcess>

namespace devdash::test {

CliRun runCli(const QString &binary, const QStringList &args, const QString &cwd, int timeoutMs)
{
    return runCli(binary, args, QProcessEnvironment::systemEnvironment(), cwd, timeoutMs);
}

CliRun runCli(const QString &binary, const QStringList &args, const QProcessEnvironment &environment,
    const QString &cwd, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    if (!cwd.isEmpty())
        process.setWorkingDirectory(cwd);
    process.start(binary, args);
    CliRun run;
    if (!process.waitForFinished(timeoutMs)) {
        // A hang is a failure of its own: never let a test wait forever.
        process.kill();
        process.waitForFinished();
        run.err = "timed out";
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace devdash::test
