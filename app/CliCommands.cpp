#include "CliCommands.h"
#include "CliHelp.h"
#include "CliOutput.h"
#include "CommandSpec.h"

#include "common/JsonWriter.h"
#include "git/CommitDiff.h"
#include "git/HistorySession.h"
#include "git/RefLister.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

namespace devdash::cli {

using namespace devdash::git;

namespace {

// Parses the command's options (from the command table); on error prints usage and returns false.
bool parse(QCommandLineParser &parser, const QStringList &arguments, int positional, const QString &name,
    int *exitCode)
{
    const CommandSpec &spec = command(name);
    configure(parser, spec);
    const QString usage = usageLine(spec);
    const QStringList args
        = QStringList { arguments.at(0) + QLatin1Char(' ') + arguments.at(1) } + arguments.mid(2);
    if (!parser.parse(args)) {
        *exitCode = fail(parser.errorText() + QStringLiteral(" — usage: ") + usage, 2);
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out(commandHelp(spec));
        *exitCode = 0;
        return false;
    }
    if (parser.positionalArguments().size() != positional) {
        *exitCode = fail(QStringLiteral("expected %1 argument(s) — usage: %2").arg(positional).arg(usage), 2);
        return false;
    }
    return true;
}

QJsonArray idArray(const std::vector<git_oid> &ids)
{
    QJsonArray array;
    for (const git_oid &id : ids)
        array.append(toHex(id));
    return array;
}

QJsonArray filesJson(const QList<FileChange> &files)
{
    QJsonArray array;
    for (const FileChange &f : files) {
        array.append(QJsonObject {
            { QStringLiteral("path"), f.path },
            { QStringLiteral("old_path"),
                f.status == ChangeStatus::Renamed || f.status == ChangeStatus::Copied
                    ? QJsonValue(f.oldPath)
                    : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("status"), changeStatusName(f.status) },
            { QStringLiteral("additions"), f.additions },
            { QStringLiteral("deletions"), f.deletions },
            { QStringLiteral("binary"), f.binary },
            { QStringLiteral("too_large"), f.tooLarge },
            { QStringLiteral("similarity"), f.similarity },
        });
    }
    return array;
}

QString filesText(const QList<FileChange> &files)
{
    QString text;
    for (const FileChange &f : files) {
        const QString counts = f.binary
            ? (f.tooLarge ? QStringLiteral("too large") : QStringLiteral("binary"))
            : QStringLiteral("+%1 -%2").arg(f.additions).arg(f.deletions);
        const QString path = f.status == ChangeStatus::Renamed || f.status == ChangeStatus::Copied
            ? f.oldPath + QStringLiteral(" → ") + f.path
            : f.path;
        text += QStringLiteral("  %1 %2  %3\n")
                    .arg(changeStatusName(f.status).left(1).toUpper(), counts.leftJustified(12), path);
    }
    return text;
}

} // namespace

int runBranches(const QStringList &arguments)
{
    QCommandLineParser parser;
    int code = 0;
    if (!parse(parser, arguments, 1, QStringLiteral("branches"), &code))
        return code;
    auto listing = RefLister::list(parser.positionalArguments().at(0));
    if (!listing)
        return fail(listing.errorMessage());

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const RefInfo &r : listing->refs) {
            array.append(QJsonObject {
                { QStringLiteral("name"), r.name },
                { QStringLiteral("full_name"), r.fullName },
                { QStringLiteral("kind"), refKindName(r.kind) },
                { QStringLiteral("commit"), toHex(r.commit) },
                { QStringLiteral("upstream"),
                    r.kind == RefKind::Local ? json::nullable(r.upstream.isEmpty() ? QString() : r.upstream)
                                             : QJsonValue(QJsonValue::Null) },
                { QStringLiteral("ahead"), json::nullable(r.ahead) },
                { QStringLiteral("behind"), json::nullable(r.behind) },
                { QStringLiteral("base"), json::nullable(r.base.isEmpty() ? QString() : r.base) },
                { QStringLiteral("base_ahead"), json::nullable(r.baseAhead) },
                { QStringLiteral("base_behind"), json::nullable(r.baseBehind) },
                { QStringLiteral("merged"), r.isMerged() },
                { QStringLiteral("is_head"), r.isHead },
                { QStringLiteral("committed_at"), json::isoDateTime(r.committedAt) },
                { QStringLiteral("author"), r.author },
                { QStringLiteral("summary"), r.summary },
            });
        }
        json::print(array);
        return 0;
    }
    QString text;
    for (const RefInfo &r : listing->refs) {
        QString delta;
        if (r.ahead)
            delta = QStringLiteral("↑%1 ↓%2 %3").arg(*r.ahead).arg(*r.behind).arg(r.upstream);
        text += QStringLiteral("%1 %2 %3 %4  %5\n")
                    .arg(r.isHead ? QLatin1Char('*') : QLatin1Char(' '))
                    .arg(r.name.leftJustified(28))
                    .arg(shortHex(r.commit))
                    .arg(delta.leftJustified(24))
                    .arg(r.summary);
    }
    out(text);
    return 0;
}

int runLog(const QStringList &arguments)
{
    QCommandLineParser parser;
    int code = 0;
    if (!parse(parser, arguments, 1, QStringLiteral("log"), &code))
        return code;
    if (parser.isSet(QStringLiteral("all")) && parser.isSet(QStringLiteral("ref")))
        return fail(QStringLiteral("--ref and --all exclude each other"), 2);
    qint64 max = -1;
    if (parser.isSet(QStringLiteral("max"))) {
        bool ok = false;
        max = parser.value(QStringLiteral("max")).toLongLong(&ok);
        if (!ok || max < 0)
            return fail(
                QStringLiteral("--max needs a number ≥ 0, not '%1'").arg(parser.value(QStringLiteral("max"))),
                2);
    }
    const HistoryScope scope = parser.isSet(QStringLiteral("all")) ? HistoryScope::all()
        : parser.isSet(QStringLiteral("ref")) ? HistoryScope::ofRef(parser.value(QStringLiteral("ref")))
                                              : HistoryScope::head();
    auto session = HistorySession::open(parser.positionalArguments().at(0), scope);
    if (!session)
        return fail(session.errorMessage());
    HistorySession &s = *session.value();
    const bool asJson = parser.isSet(QStringLiteral("json"));
    const auto &refs = s.refsByCommit();

    // Streams: large histories print as they are walked.
    if (asJson)
        out(QStringLiteral("["));
    qint64 printed = 0;
    while (!s.atEnd() && (max < 0 || printed < max)) {
        const size_t want = max < 0 ? 4096 : size_t(std::min<qint64>(4096, max - printed));
        const HistoryBatch batch = s.next(want);
        const std::vector<CommitMeta> metas = s.metadata(batch.oids);
        QString chunk;
        for (size_t i = 0; i < batch.size(); ++i) {
            const CommitMeta &m = metas[i];
            const QStringList names = refs.value(HistorySession::key(batch.oids[i]));
            if (asJson) {
                QJsonArray parents;
                for (uint32_t p = batch.parentOffsets[i]; p < batch.parentOffsets[i + 1]; ++p)
                    parents.append(toHex(s.dag().oid(batch.parents[p])));
                const QJsonObject obj {
                    { QStringLiteral("commit"), toHex(batch.oids[i]) },
                    { QStringLiteral("parents"), parents },
                    { QStringLiteral("lane"), int(batch.lanes[i]) },
                    { QStringLiteral("author"), m.author },
                    { QStringLiteral("author_email"), m.email },
                    { QStringLiteral("authored_at"), json::isoDateTime(m.authoredAt) },
                    { QStringLiteral("summary"), m.summary },
                    { QStringLiteral("refs"), QJsonArray::fromStringList(names) },
                };
                chunk += (printed + qint64(i) == 0 ? QStringLiteral("\n  ") : QStringLiteral(",\n  "))
                    + QString::fromUtf8(QJsonDocument(obj).toJson(QJsonDocument::Compact));
            } else {
                chunk += QStringLiteral("%1 %2%3  %4\n")
                             .arg(shortHex(batch.oids[i]),
                                 QString(batch.lanes[i] * 2, QLatin1Char(' ')) + QLatin1Char('*'),
                                 names.isEmpty() ? QString()
                                                 : QStringLiteral(" (") + names.join(QStringLiteral(", "))
                                         + QLatin1Char(')'),
                                 m.summary);
            }
        }
        out(chunk);
        printed += qint64(batch.size());
    }
    if (asJson)
        out(printed ? QStringLiteral("\n]\n") : QStringLiteral("]\n"));
    std::fflush(stdout);
    return 0;
}

int runShow(const QStringList &arguments)
{
    QCommandLineParser parser;
    int code = 0;
    if (!parse(parser, arguments, 2, QStringLiteral("show"), &code))
        return code;
    auto repo = Repository::open(parser.positionalArguments().at(0));
    if (!repo)
        return fail(repo.errorMessage());
    auto id = repo->resolveCommit(parser.positionalArguments().at(1));
    if (!id)
        return fail(id.errorMessage());
    auto details = CommitDiff::details(repo.value(), id.value());
    if (!details)
        return fail(details.errorMessage());
    const CommitDetails &d = details.value();
    if (parser.isSet(QStringLiteral("json"))) {
        json::print(QJsonObject {
            { QStringLiteral("commit"), toHex(d.id) },
            { QStringLiteral("parents"), idArray(d.parents) },
            { QStringLiteral("author"), d.authorName },
            { QStringLiteral("author_email"), d.authorEmail },
            { QStringLiteral("authored_at"), json::isoDateTime(d.authoredAt) },
            { QStringLiteral("committer"), d.committerName },
            { QStringLiteral("committer_email"), d.committerEmail },
            { QStringLiteral("committed_at"), json::isoDateTime(d.committedAt) },
            { QStringLiteral("summary"), d.summary },
            { QStringLiteral("message"), d.message },
            { QStringLiteral("files"), filesJson(d.files) },
        });
        return 0;
    }
    QString text = QStringLiteral("commit %1\nAuthor: %2 <%3>\nDate:   %4\n\n")
                       .arg(toHex(d.id), d.authorName, d.authorEmail, json::isoDateTime(d.authoredAt));
    for (const QString &line : d.message.split(QLatin1Char('\n')))
        text += QStringLiteral("    ") + line + QLatin1Char('\n');
    out(text + filesText(d.files));
    return 0;
}

int runCompare(const QStringList &arguments)
{
    QCommandLineParser parser;
    int code = 0;
    if (!parse(parser, arguments, 3, QStringLiteral("compare"), &code))
        return code;
    const QStringList pos = parser.positionalArguments();
    auto repo = Repository::open(pos.at(0));
    if (!repo)
        return fail(repo.errorMessage());
    auto c = CommitDiff::compare(repo.value(), pos.at(1), pos.at(2));
    if (!c)
        return fail(c.errorMessage());
    if (parser.isSet(QStringLiteral("json"))) {
        json::print(QJsonObject {
            { QStringLiteral("a"), toHex(c->a) },
            { QStringLiteral("b"), toHex(c->b) },
            { QStringLiteral("merge_base"),
                c->mergeBase ? QJsonValue(toHex(*c->mergeBase)) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("only_in_a"), idArray(c->onlyInA) },
            { QStringLiteral("only_in_b"), idArray(c->onlyInB) },
            { QStringLiteral("files"), filesJson(c->files) },
        });
        return 0;
    }
    out(QStringLiteral("merge base: %1\nonly in %2: %3 commits\nonly in %4: %5 commits\n")
            .arg(c->mergeBase ? toHex(*c->mergeBase) : QStringLiteral("(none)"), pos.at(1))
            .arg(c->onlyInA.size())
            .arg(pos.at(2))
            .arg(c->onlyInB.size())
        + filesText(c->files));
    return 0;
}

bool isHeadlessCommand(const QString &name)
{
    const CommandSpec *spec = findCommand(name);
    return spec && spec->run && !spec->window;
}

int run(const QStringList &arguments)
{
    const QString name = arguments.value(1);
    const CommandSpec *spec = findCommand(name);
    if (!spec || !spec->run || spec->isSubcommand())
        return unknownCommand(name);
    // `devdash X --help` is `devdash help X`: the same text, from the command table.
    if (asksForHelp(arguments)) {
        out(commandHelp(*resolve(arguments.mid(1))));
        return 0;
    }
    if (spec->needsSubcommand && !findCommand(name + QLatin1Char(' ') + arguments.value(2))) {
        if (arguments.size() <= 2)
            return fail(QStringLiteral("%1 needs a subcommand — usage: %2; 'devdash help %1' describes them")
                            .arg(name, usageLine(*subcommands(name).constFirst())),
                2);
        return unknownCommand(arguments.value(2), name);
    }
    return spec->run(arguments);
}

} // namespace devdash::cli
