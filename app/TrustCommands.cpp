#include "TrustCommands.h"
#include "CliHelp.h"
#include "CliOutput.h"
#include "CommandSpec.h"

#include "common/JsonWriter.h"
#include "config/ProjectConfig.h"
#include "config/TrustRequests.h"
#include "config/TrustStore.h"
#include "git/Repository.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace devdash::cli {

namespace {

const QString Usage
    = QStringLiteral("devdash trust REPO [--revoke] [--json] | devdash trust --list [--json]");

QJsonArray requestsJson(const QList<config::TrustRequest> &requests)
{
    QJsonArray array;
    for (const config::TrustRequest &r : requests)
        array.append(QJsonObject {
            { QStringLiteral("kind"), config::TrustRequests::kindName(r.kind) },
            { QStringLiteral("subject"), r.subject },
            { QStringLiteral("detail"), r.detail },
        });
    return array;
}

// The work tree holding `.devdash.json` (REPO may be a subfolder); the folder itself when not git.
Result<QString> repositoryRoot(const QString &path)
{
    if (!QFileInfo(path).isDir())
        return Error { QStringLiteral("%1 is not a folder").arg(path), 2 };
    if (auto repo = git::Repository::open(path)) {
        const QString root = repo->isBare() ? repo->gitDir() : repo->workDir();
        return QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    }
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

// The current hash of a recorded repository's file (empty: no file any more).
QByteArray currentSha(const QString &root)
{
    auto config = config::ProjectConfig::load(root);
    return config && config->exists() ? config->sha256() : QByteArray();
}

int list(bool asJson)
{
    const config::TrustStore store;
    QJsonArray array;
    QString text;
    for (const config::TrustDecision &d : store.decisions()) {
        const QByteArray now = currentSha(d.path);
        const bool current = now == d.sha256;
        const bool trusted = d.trusted && current;
        array.append(QJsonObject {
            { QStringLiteral("repository"), d.path },
            { QStringLiteral("trusted"), trusted },
            { QStringLiteral("decision"),
                d.trusted ? QStringLiteral("trusted") : QStringLiteral("not trusted") },
            { QStringLiteral("sha256"), QString::fromLatin1(d.sha256) },
            { QStringLiteral("file_changed"), !current },
            { QStringLiteral("decided_at"), json::isoDateTime(d.decidedAt) },
        });
        text += QStringLiteral("%1  %2%3\n")
                    .arg(trusted ? QStringLiteral("trusted    ") : QStringLiteral("not trusted"), d.path,
                        current ? QString() : QStringLiteral("  (.devdash.json changed since the decision)"));
    }
    if (asJson)
        json::print(QJsonObject {
            { QStringLiteral("repositories"), array }, { QStringLiteral("store"), store.file() } });
    else
        out(text.isEmpty() ? QStringLiteral("no trust decisions yet (%1)\n").arg(store.file()) : text);
    return 0;
}

} // namespace

int runTrust(const QStringList &arguments)
{
    QCommandLineParser parser;
    configure(parser, command(QStringLiteral("trust")));
    const QStringList args = QStringList { arguments.value(0) + QStringLiteral(" trust") } + arguments.mid(2);
    if (!parser.parse(args))
        return fail(parser.errorText() + QStringLiteral(" — usage: ") + Usage, 2);
    if (parser.isSet(QStringLiteral("help"))) {
        out(commandHelp(command(QStringLiteral("trust"))));
        return 0;
    }
    const bool asJson = parser.isSet(QStringLiteral("json"));
    if (parser.isSet(QStringLiteral("list"))) {
        if (!parser.positionalArguments().isEmpty())
            return fail(QStringLiteral("--list takes no REPO — usage: ") + Usage, 2);
        return list(asJson);
    }
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("expected REPO — usage: ") + Usage, 2);

    auto root = repositoryRoot(parser.positionalArguments().first());
    if (!root)
        return fail(root.errorMessage(), 2);
    config::TrustStore store;
    auto config = config::ProjectConfig::load(*root, store);
    if (!config)
        return fail(config.errorMessage());
    const bool revoke = parser.isSet(QStringLiteral("revoke"));
    if (revoke) {
        if (auto forgotten = store.forget(*root); !forgotten)
            return fail(forgotten.errorMessage());
    } else if (config->exists()) {
        if (auto decided = store.decide(*root, config->sha256(), true); !decided)
            return fail(decided.errorMessage());
    }
    const QList<config::TrustRequest> requests = config::TrustRequests::of(*config);
    const bool trusted = !revoke && config->exists();
    if (asJson) {
        json::print(QJsonObject {
            { QStringLiteral("repository"), *root },
            { QStringLiteral("file"), config->file() },
            { QStringLiteral("exists"), config->exists() },
            { QStringLiteral("sha256"),
                config->exists() ? QJsonValue(QString::fromLatin1(config->sha256()))
                                 : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("trusted"), trusted },
            { QStringLiteral("requests"), requestsJson(requests) },
        });
        return 0;
    }
    if (!config->exists()) {
        out(QStringLiteral("%1 has no .devdash.json: nothing to trust\n").arg(*root));
        return 0;
    }
    QString text = revoke
        ? QStringLiteral("not trusted: %1 (DevDash asks again before using what it names)\n")
              .arg(config->file())
        : QStringLiteral("trusted: %1 (sha256 %2; a change to the file needs trusting again)\n")
              .arg(config->file(), QString::fromLatin1(config->sha256().left(12)));
    if (requests.isEmpty())
        text += QStringLiteral("it asks for nothing that needs trust\n");
    for (const config::TrustRequest &r : requests)
        text += QStringLiteral("  %1\n").arg(config::TrustRequests::describe(r));
    out(text);
    return 0;
}

} // namespace devdash::cli
