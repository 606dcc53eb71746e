#pragma once

// The command line's one description of itself: every command with its summary, usage,
// arguments and options. The dispatcher, the parsers of the commands, `--help`, the man
// page and the shell completion all read this table (CommandTable.cpp), so a new option
// is added once and shows up everywhere.

#include <QList>
#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace devdash::cli {

// What completes a value: fixed words, or names read from somewhere at completion time.
enum class Values {
    None, // free text: nothing to offer
    Path, // a file or folder: the shell's own file completion
    Environment, // environment names from the repository's .devdash.json
    Framework, // migration frameworks the migrations library knows
};

struct OptionSpec
{
    QString name; // long name without dashes: "env"
    QString value; // the value's placeholder ("NAME"); empty for a flag
    QString help;
    Values values = Values::None;
    QStringList choices; // the only values it takes (completion and help)
};

struct ArgumentSpec
{
    QString name; // as usage shows it: "REPO", "PATH...", "[REPO]"
    QString help;
    Values values = Values::None;
};

using Handler = int (*)(const QStringList &arguments);

struct CommandSpec
{
    QString name; // "branches", or "tests import" for a subcommand
    QString summary; // one line, no final full stop
    QString usage; // what follows the name: "REPO [--json]"
    QList<ArgumentSpec> arguments;
    QList<OptionSpec> options;
    Handler run = nullptr; // top-level headless commands; subcommands are run by their parent
    bool window = false; // needs a QApplication (screenshot)
    bool needsSubcommand = false; // `tests`, `deploy`: nothing to do without one
    bool hidden = false; // internal (__complete)
    QStringList hintedBy = {}; // words that mean this command to a user of the window: "history" → log

    bool isSubcommand() const { return name.contains(QLatin1Char(' ')); }
    // "import" for "tests import"; the name itself for a top-level command.
    QString leaf() const { return name.section(QLatin1Char(' '), -1); }
    const OptionSpec *option(const QString &optionName) const;
};

// Every command in the order help lists them; the window's own entry (name "") first.
const QList<CommandSpec> &commands();
// The window: `devdash [--demo] [REPO]`.
const CommandSpec &windowSpec();
// The command called `name` ("tests import"), or null.
const CommandSpec *findCommand(const QString &name);
// The command a table entry must hold; a missing one is a programming error (aborts).
const CommandSpec &command(const QString &name);
// The subcommands of `parent`, in table order.
QList<const CommandSpec *> subcommands(const QString &parent);
// The most specific command `words` name (words[0] the command, [1] maybe a subcommand), or null.
const CommandSpec *resolve(const QStringList &words);

// The pages (and page/view) `devdash screenshot --page` renders.
QStringList screenshotPages();

// Gives `parser` the command's options and arguments (and -h/--help).
void configure(QCommandLineParser &parser, const CommandSpec &spec);
// "devdash tests import PATH... --repo REPO …": for usage errors.
QString usageLine(const CommandSpec &spec);
QString usageLine(const QString &name);

} // namespace devdash::cli
