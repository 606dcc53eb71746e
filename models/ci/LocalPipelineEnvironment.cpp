#include "ci/LocalPipelineEnvironment.h"

#include <QRegularExpression>

namespace devdash::ci {

QStringList LocalPipelineEnvironment::allowed()
{
    return { QStringLiteral("PATH"), QStringLiteral("HOME"), QStringLiteral("LANG"),
        QStringLiteral("LANGUAGE"), QStringLiteral("LC_*"), QStringLiteral("TERM"), QStringLiteral("USER"),
        QStringLiteral("LOGNAME"), QStringLiteral("SHELL"), QStringLiteral("TMPDIR"), QStringLiteral("TZ") };
}

bool LocalPipelineEnvironment::matches(const QString &name, const QStringList &patterns)
{
    for (const QString &pattern : patterns) {
        if (pattern.endsWith(QLatin1Char('*')) ? name.startsWith(QStringView(pattern).chopped(1))
                                               : name == pattern)
            return true;
    }
    return false;
}

QProcessEnvironment LocalPipelineEnvironment::base(
    const QProcessEnvironment &parent, const QStringList &passEnv)
{
    const QStringList patterns = allowed() + passEnv;
    QProcessEnvironment environment;
    const QStringList names = parent.keys();
    for (const QString &name : names)
        if (matches(name, patterns))
            environment.insert(name, parent.value(name));
    return environment;
}

bool LocalPipelineEnvironment::isPattern(const QString &entry)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*\\*?$"));
    return valid.match(entry).hasMatch();
}

} // namespace devdash::ci
