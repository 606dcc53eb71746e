#pragma once

// The environment a local pipeline step starts from. Not DevDash's own: that
// holds the user's tokens (GITHUB_TOKEN, GITLAB_TOKEN, JENKINS_TOKEN, cloud keys,
// DEVDASH_DB_PASSWORD_*…), and a step that prints its environment, or fails
// with a dump of it, would put them in a log kept in the store. A step gets a
// small allow-list — PATH, HOME, LANG, LANGUAGE, LC_*, TERM, USER, LOGNAME,
// SHELL, TMPDIR, TZ — plus the variables the pipeline names in "pass_env"
// (names, or prefixes ending in `*`: "CCACHE_*"), then its own "env".

#include <QProcessEnvironment>
#include <QStringList>

namespace devdash::ci {

class LocalPipelineEnvironment
{
public:
    // The allow-list above (prefixes end in `*`).
    static QStringList allowed();
    // Whether `name` is matched by one of `patterns` (a name, or a prefix ending in `*`).
    static bool matches(const QString &name, const QStringList &patterns);
    // What of `parent` a step receives: the allow-list and `passEnv`.
    static QProcessEnvironment base(const QProcessEnvironment &parent, const QStringList &passEnv);
    // A valid "pass_env" entry: a variable name ([A-Za-z_][A-Za-z0-9_]*), optionally ending in `*`.
    static bool isPattern(const QString &entry);
};

} // namespace devdash::ci
