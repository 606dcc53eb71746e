#include "CliCompletion.h"
#include "CliHelp.h"
#include "CliOutput.h"
#include "CommandSpec.h"

#include "config/ProjectConfig.h"
#include "deploy/DeployConfig.h"
#include "schema/migrations/Migration.h"
#include "schema/migrations/MigrationDatabaseConfig.h"

#include <QDir>
#include <QFileInfo>

namespace devdash::cli {

namespace {

bool isOption(const QString &word)
{
    return word.startsWith(QLatin1Char('-')) && word.size() > 1;
}

// The work tree root above `path` (the folder holding .git), or empty.
QString workTreeRoot(const QString &path)
{
    QDir dir(QFileInfo(path.isEmpty() ? QStringLiteral(".") : path).absoluteFilePath());
    for (int depth = 0; depth < 64; ++depth) {
        if (QFileInfo::exists(dir.filePath(QStringLiteral(".git"))))
            return dir.path();
        if (!dir.cdUp())
            break;
    }
    return {};
}

// The environments .devdash.json names: deployments' and databases' (read, never run).
QStringList environmentNames(const QString &repository)
{
    const QString root = workTreeRoot(repository);
    if (root.isEmpty())
        return {};
    QStringList names;
    if (auto deploy = deploy::DeployConfig::load(root))
        for (const deploy::EnvironmentConfig &e : deploy->environments)
            names << e.name;
    // Names only, nothing connected: trusted or not, the file may offer them.
    if (const auto project = config::ProjectConfig::load(root))
        if (const auto databases = migrations::MigrationDatabaseConfig::fromProjectConfig(*project))
            for (const migrations::ConfiguredDatabase &d : *databases)
                names << d.name;
    names.removeDuplicates();
    return names;
}

struct Typed
{
    const CommandSpec *spec = nullptr;
    QStringList positional; // the arguments typed so far, options and their values left out
    QString repository; // --repo's value, or the REPO argument
};

// Reads the words after the command's name(s): which are arguments, which option values.
Typed read(const CommandSpec &spec, const QStringList &words)
{
    Typed typed;
    typed.spec = &spec;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &w = words.at(i);
        if (isOption(w)) {
            const OptionSpec *o = spec.option(w.mid(2).section(QLatin1Char('='), 0, 0));
            if (o && !o->value.isEmpty() && !w.contains(QLatin1Char('=')) && i + 1 < words.size()) {
                if (o->name == QLatin1String("repo"))
                    typed.repository = words.at(i + 1);
                ++i;
            }
            continue;
        }
        if (typed.positional.size() < spec.arguments.size()
            && spec.arguments.at(typed.positional.size()).name.contains(QLatin1String("REPO"))
            && typed.repository.isEmpty())
            typed.repository = w;
        typed.positional << w;
    }
    return typed;
}

QList<Candidate> values(Values kind, const QStringList &choices, const QString &repository)
{
    QList<Candidate> list;
    for (const QString &c : choices)
        list << Candidate { c, {} };
    if (kind == Values::Environment) {
        for (const QString &name : environmentNames(repository))
            list << Candidate { name, QStringLiteral("environment") };
    } else if (kind == Values::Framework) {
        for (migrations::Framework f : migrations::allFrameworks())
            list << Candidate { migrations::frameworkName(f), {} };
    }
    return list;
}

QList<Candidate> optionCandidates(const CommandSpec &spec)
{
    QList<Candidate> list;
    for (const OptionSpec &o : spec.options)
        list << Candidate { QStringLiteral("--") + o.name, o.help };
    list << Candidate { QStringLiteral("--help"), QStringLiteral("Show this help.") };
    return list;
}

QList<Candidate> commandCandidates(const QString &parent = {})
{
    QList<Candidate> list;
    if (parent.isEmpty()) {
        for (const QString &name : visibleCommandNames())
            list << Candidate { name, command(name).summary };
    } else {
        for (const CommandSpec *sub : subcommands(parent))
            list << Candidate { sub->leaf(), sub->summary };
    }
    return list;
}

QList<Candidate> startingWith(const QList<Candidate> &all, const QString &prefix, const QString &keep = {})
{
    QList<Candidate> list;
    for (const Candidate &c : all)
        if (QString(keep + c.word).startsWith(prefix))
            list << Candidate { keep + c.word, c.description };
    return list;
}

QList<Candidate> complete(const QStringList &before, const QString &current)
{
    // The command (or the window's options, or a folder to open).
    if (before.isEmpty())
        return startingWith(
            isOption(current) ? optionCandidates(windowSpec()) : commandCandidates(), current);
    const CommandSpec *top = findCommand(before.constFirst());
    if (!top || top->hidden || top->isSubcommand())
        return isOption(current) ? startingWith(optionCandidates(windowSpec()), current)
                                 : QList<Candidate> {};
    if (top->name == QLatin1String("help")) {
        if (isOption(current))
            return startingWith(optionCandidates(*top), current);
        return before.size() == 1 ? startingWith(commandCandidates(), current)
            : before.size() == 2  ? startingWith(commandCandidates(before.at(1)), current)
                                  : QList<Candidate> {};
    }

    const CommandSpec *spec = top;
    qsizetype skip = 1;
    if (!subcommands(top->name).isEmpty()) {
        if (before.size() == 1 && !isOption(current))
            return startingWith(commandCandidates(top->name), current);
        if (const CommandSpec *sub = findCommand(top->name + QLatin1Char(' ') + before.at(1))) {
            spec = sub;
            skip = 2;
        }
    }
    const Typed typed = read(*spec, before.mid(skip));

    // An option's value: "--env <TAB>" or "--env=<TAB>".
    const QString previous = before.size() > skip ? before.constLast() : QString();
    if (isOption(previous) && !previous.contains(QLatin1Char('='))) {
        if (const OptionSpec *o = spec->option(previous.mid(2)); o && !o->value.isEmpty())
            return startingWith(values(o->values, o->choices, typed.repository), current);
    }
    if (current.startsWith(QLatin1String("--")) && current.contains(QLatin1Char('='))) {
        const QString name = current.mid(2).section(QLatin1Char('='), 0, 0);
        if (const OptionSpec *o = spec->option(name))
            return startingWith(values(o->values, o->choices, typed.repository), current,
                QStringLiteral("--") + name + QLatin1Char('='));
        return {};
    }
    if (isOption(current))
        return startingWith(optionCandidates(*spec), current);

    // An argument: the one at this position, or the last one when it repeats ("PATH...").
    const qsizetype index = typed.positional.size();
    const ArgumentSpec *argument = index < spec->arguments.size() ? &spec->arguments.at(index)
        : !spec->arguments.isEmpty() && spec->arguments.constLast().name.endsWith(QLatin1String("..."))
        ? &spec->arguments.constLast()
        : nullptr;
    if (!argument)
        return {};
    return startingWith(values(argument->values, {}, typed.repository), current);
}

} // namespace

QList<Candidate> completions(const QStringList &words)
{
    if (words.size() < 2)
        return {};
    return complete(words.mid(1, words.size() - 2), words.constLast());
}

int runComplete(const QStringList &arguments)
{
    QString text;
    for (const Candidate &c : completions(arguments.mid(2))) {
        QString description = c.description;
        description.replace(QLatin1Char('\n'), QLatin1Char(' '));
        text += c.word + QLatin1Char('\t') + description + QLatin1Char('\n');
    }
    out(text);
    return 0;
}

} // namespace devdash::cli
