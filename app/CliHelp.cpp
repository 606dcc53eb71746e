#include "CliHelp.h"
#include "CliOutput.h"

#include <algorithm>
#include <vector>

namespace devdash::cli {

namespace {

const QString Tagline = QStringLiteral(
    "DevDash — branches, history, builds, tests and databases of your repositories, joined by commit.");

struct Row
{
    QString left;
    QString right;
};

// Two aligned columns; a left side too wide for the column puts its text on the next line.
QString columns(const QList<Row> &rows, const QString &indent = QStringLiteral("  "))
{
    qsizetype width = 0;
    for (const Row &r : rows)
        if (r.left.size() <= 26)
            width = std::max(width, r.left.size());
    QString text;
    for (const Row &r : rows) {
        if (r.right.isEmpty())
            text += indent + r.left + QLatin1Char('\n');
        else if (r.left.size() > width)
            text += indent + r.left + QLatin1Char('\n') + indent + QString(width + 2, QLatin1Char(' '))
                + r.right + QLatin1Char('\n');
        else
            text += indent + r.left.leftJustified(width + 2) + r.right + QLatin1Char('\n');
    }
    return text;
}

QString optionLeft(const CommandSpec &spec, const OptionSpec &o)
{
    // The window's --version has Qt's short form (QCommandLineParser::addVersionOption).
    QString left = spec.name.isEmpty() && o.name == QLatin1String("version") ? QStringLiteral("-v, --version")
                                                                             : QStringLiteral("--") + o.name;
    return o.value.isEmpty() ? left : left + QLatin1Char(' ') + o.value;
}

QString optionRight(const OptionSpec &o)
{
    if (o.choices.isEmpty())
        return o.help;
    return o.help + QStringLiteral(" One of: ") + o.choices.join(QStringLiteral(", ")) + QLatin1Char('.');
}

QList<Row> optionRows(const CommandSpec &spec)
{
    QList<Row> rows;
    for (const OptionSpec &o : spec.options)
        rows << Row { optionLeft(spec, o), optionRight(o) };
    rows << Row { QStringLiteral("-h, --help"), QStringLiteral("Show this help.") };
    return rows;
}

QList<Row> argumentRows(const CommandSpec &spec)
{
    QList<Row> rows;
    for (const ArgumentSpec &a : spec.arguments)
        rows << Row { a.name, a.help };
    return rows;
}

// The usage lines: the command's own (when it runs without a subcommand) and its subcommands'.
QStringList usageLines(const CommandSpec &spec)
{
    QStringList lines;
    if (!spec.needsSubcommand)
        lines << usageLine(spec);
    for (const CommandSpec *sub : subcommands(spec.name))
        lines << usageLine(*sub);
    return lines;
}

// Levenshtein distance, a swap of two neighbours counting as one edit (optimal string alignment).
int distance(const QString &a, const QString &b)
{
    const qsizetype n = a.size(), m = b.size();
    std::vector<std::vector<int>> d(size_t(n + 1), std::vector<int>(size_t(m + 1)));
    for (qsizetype i = 0; i <= n; ++i)
        d[size_t(i)][0] = int(i);
    for (qsizetype j = 0; j <= m; ++j)
        d[0][size_t(j)] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            int v = std::min({ d[size_t(i - 1)][size_t(j)] + 1, d[size_t(i)][size_t(j - 1)] + 1,
                d[size_t(i - 1)][size_t(j - 1)] + cost });
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1))
                v = std::min(v, d[size_t(i - 2)][size_t(j - 2)] + 1);
            d[size_t(i)][size_t(j)] = v;
        }
    }
    return d[size_t(n)][size_t(m)];
}

QString roff(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\e"));
    text.replace(QLatin1Char('-'), QStringLiteral("\\-"));
    if (text.startsWith(QLatin1Char('.')) || text.startsWith(QLatin1Char('\'')))
        text.prepend(QStringLiteral("\\&"));
    // Plain ASCII, which groff reads without preconv: "—" becomes \[u2014].
    QString ascii;
    for (const QChar c : std::as_const(text)) {
        if (c.unicode() < 128)
            ascii += c;
        else
            ascii += QStringLiteral("\\[u%1]").arg(
                QString::number(c.unicode(), 16).toUpper().rightJustified(4, QLatin1Char('0')));
    }
    return ascii;
}

QString manOptions(const QList<Row> &rows)
{
    QString text;
    for (const Row &r : rows)
        text += QStringLiteral(".TP\n.B ") + roff(r.left) + QLatin1Char('\n') + roff(r.right)
            + QLatin1Char('\n');
    return text;
}

} // namespace

QStringList visibleCommandNames()
{
    QStringList names;
    for (const CommandSpec &c : commands())
        if (!c.name.isEmpty() && !c.hidden && !c.isSubcommand())
            names << c.name;
    return names;
}

QString overviewHelp()
{
    const CommandSpec &window = windowSpec();
    QString text = Tagline + QStringLiteral("\n\nUsage: ") + usageLine(window)
        + QStringLiteral("\n       devdash COMMAND [ARGUMENTS] [--json]\n       devdash help COMMAND\n\n")
        + QStringLiteral("The window:\n") + columns(argumentRows(window) + optionRows(window));
    QList<Row> rows;
    for (const CommandSpec &c : commands()) {
        if (c.name.isEmpty() || c.hidden)
            continue;
        rows << Row { c.isSubcommand() ? QStringLiteral("  ") + c.name : c.name, c.summary };
    }
    text += QStringLiteral("\nCommands (they need no display; --json prints stable JSON):\n") + columns(rows);
    text
        += QStringLiteral("\nRun 'devdash help COMMAND' or 'devdash COMMAND --help' for a command's options; "
                          "'man devdash' or docs/cli.md for everything.\n"
                          "Exit status: 0 success, 1 the operation failed, 2 a usage error, 3 partial (some items "
                          "failed to load and are marked; the rest is printed).\n");
    return text;
}

QString commandHelp(const CommandSpec &spec)
{
    if (spec.name.isEmpty())
        return overviewHelp();
    const QStringList usages = usageLines(spec);
    QString text = QStringLiteral("Usage: ") + usages.join(QStringLiteral("\n       "))
        + QStringLiteral("\n\n") + spec.summary + QStringLiteral(".\n");
    if (!spec.arguments.isEmpty())
        text += QStringLiteral("\nArguments:\n") + columns(argumentRows(spec));
    text += QStringLiteral("\nOptions:\n") + columns(optionRows(spec));
    const QList<const CommandSpec *> subs = subcommands(spec.name);
    if (!subs.isEmpty()) {
        QList<Row> rows;
        for (const CommandSpec *sub : subs)
            rows << Row { sub->leaf(), sub->summary };
        text += QStringLiteral("\nSubcommands:\n") + columns(rows)
            + QStringLiteral("\nRun 'devdash help %1 SUBCOMMAND' for a subcommand's options.\n")
                  .arg(spec.name);
    }
    return text;
}

QString manPage(const QString &version)
{
    const CommandSpec &window = windowSpec();
    QString t
        = QStringLiteral(".\\\" Generated by `devdash help --man` from the command table; do not edit.\n")
        + QStringLiteral(".TH DEVDASH 1 \"\" \"DevDash %1\" \"User Commands\"\n").arg(roff(version))
        + QStringLiteral(".SH NAME\ndevdash \\- desktop dashboard for software teams\n")
        + QStringLiteral(".SH SYNOPSIS\n.B devdash\n[\\fB\\-\\-demo\\fR | \\fIREPO\\fR]\n.br\n")
        + QStringLiteral(".B devdash\n\\fICOMMAND\\fR [\\fIARGUMENTS\\fR] [\\fB\\-\\-json\\fR]\n.br\n")
        + QStringLiteral(".B devdash help\n[\\fICOMMAND\\fR]\n");
    t += QStringLiteral(".SH DESCRIPTION\n") + roff(Tagline)
        + QStringLiteral(
            "\n.PP\nWithout a command, DevDash opens its window on REPO, on the last repository, or "
            "on a demo workspace. The commands need no display: they run the same code as the "
            "window and print a readable table, or stable JSON with \\fB\\-\\-json\\fR.\n")
        + QStringLiteral(".SH OPTIONS\n") + manOptions(argumentRows(window) + optionRows(window));
    t += QStringLiteral(".SH COMMANDS\n");
    for (const CommandSpec &c : commands()) {
        if (c.name.isEmpty() || c.hidden)
            continue;
        t += QStringLiteral(".SS \"") + roff(usageLine(c)).replace(QLatin1Char('"'), QStringLiteral("\\(dq"))
            + QStringLiteral("\"\n");
        t += roff(c.summary) + QStringLiteral(".\n");
        if (!c.arguments.isEmpty() || !c.options.isEmpty())
            t += manOptions(argumentRows(c) + optionRows(c).mid(0, c.options.size()));
    }
    t += QStringLiteral(".SH ENVIRONMENT\n")
        + manOptions({
            { QStringLiteral("DEVDASH_STORE"),
                QStringLiteral("The store (a SQLite file or postgresql:// URL) when --store is not given.") },
            { QStringLiteral("DEVDASH_STORE_PASSWORD"),
                QStringLiteral("The password of a PostgreSQL store.") },
            { QStringLiteral("DEVDASH_DB_PASSWORD_<ENV>"),
                QStringLiteral("The password of the database of environment ENV (upper case).") },
            { QStringLiteral("GITHUB_TOKEN, GH_TOKEN, GITLAB_TOKEN, JENKINS_USER, JENKINS_TOKEN"),
                QStringLiteral("CI credentials, when the keychain has none.") },
            { QStringLiteral("DEVDASH_NO_KEYCHAIN"), QStringLiteral("Set: never ask the keychain.") },
            { QStringLiteral("DEVDASH_CACHE_DIR"), QStringLiteral("Where caches go (default: the user's).") },
            { QStringLiteral("DEVDASH_THEME"),
                QStringLiteral("light or dark, for the window and screenshots.") },
        });
    t += QStringLiteral(".SH FILES\n.TP\n.B .devdash.json\n")
        + roff(QStringLiteral("In a repository's root: its environments, sprints, databases, CI and local "
                              "pipeline. It holds no secrets."))
        + QStringLiteral("\n.SH EXIT STATUS\n0 success, 1 the operation failed (one line on stderr says what "
                         "and on what), 2 a usage error, 3 partial: some items (a CI run's details, a deployment, "
                         "a report) failed to load and are marked, the rest is printed.\n")
        + QStringLiteral(".SH SEE ALSO\n.BR git (1);\ndocs/cli.md in the source for the JSON shapes.\n");
    return t;
}

bool asksForHelp(const QStringList &arguments)
{
    for (qsizetype i = 2; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--"))
            return false;
        if (a == QLatin1String("--help") || a == QLatin1String("-h"))
            return true;
    }
    return false;
}

int runHelp(const QStringList &arguments, const QString &version)
{
    QStringList words = arguments.mid(2);
    const bool man = words.removeAll(QStringLiteral("--man")) > 0;
    const bool helpOfHelp
        = words.removeAll(QStringLiteral("--help")) + words.removeAll(QStringLiteral("-h")) > 0
        && words.isEmpty();
    if (man) {
        if (!words.isEmpty())
            return fail(QStringLiteral("--man describes every command; give no command — usage: ")
                    + usageLine(QStringLiteral("help")),
                2);
        out(manPage(version));
        return 0;
    }
    if (words.isEmpty()) {
        out(helpOfHelp ? commandHelp(command(QStringLiteral("help"))) : overviewHelp());
        return 0;
    }
    const CommandSpec *spec = resolve(words);
    if (!spec || spec->hidden)
        return unknownCommand(words.constFirst());
    if (words.size() > 1 && !spec->isSubcommand() && !subcommands(spec->name).isEmpty())
        return unknownCommand(words.at(1), spec->name);
    out(commandHelp(*spec));
    return 0;
}

QString closest(const QString &word, const QStringList &candidates)
{
    const QString w = word.toLower();
    if (w.isEmpty())
        return {};
    // The start of exactly one name ("deploym").
    QStringList prefixed;
    for (const QString &c : candidates)
        if (c.startsWith(w))
            prefixed << c;
    if (prefixed.size() == 1 && w.size() >= 2)
        return prefixed.constFirst();
    // A typo: at most one edit in a short word, two in a longer one.
    const int allowed = w.size() <= 4 ? 1 : 2;
    QString best;
    int bestDistance = allowed + 1;
    for (const QString &c : candidates) {
        const int d = distance(w, c);
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

int unknownCommand(const QString &word, const QString &parent)
{
    QStringList names;
    if (parent.isEmpty()) {
        names = visibleCommandNames();
    } else {
        for (const CommandSpec *sub : subcommands(parent))
            names << sub->leaf();
    }
    QString hint = closest(word, names);
    for (const CommandSpec &c : commands())
        if (parent.isEmpty() && c.hintedBy.contains(word))
            hint = c.name;
    const QString what
        = parent.isEmpty() ? QStringLiteral("command") : parent + QStringLiteral(" subcommand");
    const QString help
        = parent.isEmpty() ? QStringLiteral("devdash --help") : QStringLiteral("devdash help ") + parent;
    QString line = QStringLiteral("unknown %1 '%2'").arg(what, word);
    if (!hint.isEmpty())
        line += QStringLiteral(" (did you mean '%1'?)").arg(hint);
    // One line, as every failure (CliOutput.h).
    return fail(line + QStringLiteral("; '%1' lists them").arg(help), 2);
    return 2;
}

} // namespace devdash::cli
