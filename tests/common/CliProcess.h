#pragma once

// Runs the real `devdash` binary as a user or a script would, for the CLI suites.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>

namespace devdash::test {

struct CliRun
{
    int exitCode = -1; // -2: crashed; -1: timed out
    QByteArray out;
    QByteArray err;
    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
    QJsonObject object() const { return json().object(); }
    QJsonArray array() const { return json().array(); }
};

// `binary` with `args` in `cwd` (empty: the current folder); gives up after `timeoutMs`.
CliRun runCli(
    const QString &binary, const QStringList &args, const QString &cwd = {}, int timeoutMs = 120000);
// The same with the process environment `environment` (e.g. without DISPLAY).
CliRun runCli(const QString &binary, const QStringList &args, const QProcessEnvironment &environment,
    const QString &cwd = {}, int timeoutMs = 120000);

} // namespace devdash::test
