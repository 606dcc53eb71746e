#include "CommandSpec.h"

#include <QCommandLineParser>

#include <cstdio>
#include <cstdlib>

namespace devdash::cli {

const OptionSpec *CommandSpec::option(const QString &optionName) const
{
    for (const OptionSpec &o : options)
        if (o.name == optionName)
            return &o;
    return nullptr;
}

const CommandSpec &windowSpec()
{
    return commands().constFirst();
}

const CommandSpec *findCommand(const QString &name)
{
    if (name.isEmpty())
        return nullptr;
    for (const CommandSpec &c : commands())
        if (c.name == name)
            return &c;
    return nullptr;
}

const CommandSpec &command(const QString &name)
{
    const CommandSpec *c = findCommand(name);
    if (!c) {
        std::fprintf(
            stderr, "devdash: internal error: no command '%s' in the command table\n", qPrintable(name));
        std::abort();
    }
    return *c;
}

QList<const CommandSpec *> subcommands(const QString &parent)
{
    QList<const CommandSpec *> list;
    const QString prefix = parent + QLatin1Char(' ');
    for (const CommandSpec &c : commands())
        if (c.name.startsWith(prefix))
            list << &c;
    return list;
}

const CommandSpec *resolve(const QStringList &words)
{
    const CommandSpec *top = findCommand(words.value(0));
    if (!top || top->isSubcommand())
        return nullptr;
    if (const CommandSpec *sub = findCommand(words.value(0) + QLatin1Char(' ') + words.value(1)))
        return sub;
    return top;
}

void configure(QCommandLineParser &parser, const CommandSpec &spec)
{
    parser.setApplicationDescription(usageLine(spec));
    parser.addHelpOption();
    for (const OptionSpec &o : spec.options) {
        if (spec.name.isEmpty() && o.name == QLatin1String("version"))
            continue; // the window's -v/--version comes from addVersionOption()
        parser.addOption(o.value.isEmpty() ? QCommandLineOption(o.name, o.help)
                                           : QCommandLineOption(o.name, o.help, o.value));
    }
    for (const ArgumentSpec &a : spec.arguments)
        parser.addPositionalArgument(a.name.toLower(), a.help, a.name);
}

QString usageLine(const CommandSpec &spec)
{
    QString line = QStringLiteral("devdash");
    if (!spec.name.isEmpty())
        line += QLatin1Char(' ') + spec.name;
    return spec.usage.isEmpty() ? line : line + QLatin1Char(' ') + spec.usage;
}

QString usageLine(const QString &name)
{
    return usageLine(command(name));
}

} // namespace devdash::cli
