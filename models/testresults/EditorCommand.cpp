#include "EditorCommand.h"

#include <QFileInfo>
#include <QProcess>

namespace devdash::testresults {

QStringList EditorCommand::arguments(const QString &commandTemplate, const QString &file, int line)
{
    QStringList parts = QProcess::splitCommand(commandTemplate);
    if (parts.isEmpty())
        return {};
    bool hasFile = false;
    const QString lineText = QString::number(qMax(1, line));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        QString &part = parts[i];
        if (i > 0 && part.contains(QLatin1String("{file}")))
            hasFile = true;
        // Substituted per argument: a path with spaces or quotes stays one argument.
        part.replace(QLatin1String("{line}"), lineText);
        if (i > 0)
            part.replace(QLatin1String("{file}"), file);
    }
    if (!hasFile)
        parts << file;
    return parts;
}

QString EditorCommand::fromEnvironment(const QProcessEnvironment &environment)
{
    // GUI editors whose command line takes "+LINE FILE".
    static const QStringList plusLine { QStringLiteral("gvim"), QStringLiteral("mvim"),
        QStringLiteral("emacs"), QStringLiteral("gedit"), QStringLiteral("geany"), QStringLiteral("pluma"),
        QStringLiteral("xed") };
    for (const QString &name : { QStringLiteral("VISUAL"), QStringLiteral("EDITOR") }) {
        const QStringList parts = QProcess::splitCommand(environment.value(name));
        if (parts.isEmpty())
            continue;
        const QString program = QFileInfo(parts.constFirst()).fileName();
        // "emacs -nw" runs in the terminal.
        const bool terminal = parts.contains(QLatin1String("-nw")) || parts.contains(QLatin1String("-t"))
            || parts.contains(QLatin1String("--no-window-system"));
        if (!plusLine.contains(program) || terminal)
            continue;
        QStringList quoted;
        for (const QString &part : parts)
            quoted << (part.contains(QLatin1Char(' ')) ? QLatin1Char('"') + part + QLatin1Char('"') : part);
        return quoted.join(QLatin1Char(' ')) + QStringLiteral(" +{line} {file}");
    }
    return {};
}

} // namespace devdash::testresults
