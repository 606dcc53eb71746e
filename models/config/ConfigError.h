#pragma once

// The one shape of a `.devdash.json` error: where (file and line), which key, what
// was expected, and what to do —
//   /repo/.devdash.json:7: "ci[0].watch": expected a list of branch names, like ["main"].

#include "common/Result.h"

#include <QByteArray>
#include <QString>

namespace devdash::config {

class ConfigError
{
public:
    // `key` as a path ("databases[1].url"); `expected` says what should be there and how to fix it.
    // `text` (the file's content, optional) finds the line of the key's last name.
    static Error at(
        const QString &file, const QString &key, const QString &expected, const QByteArray &text = {});
    // The code of an error that only the user's trust would lift (Error::code).
    static constexpr int NotTrustedCode = 4242;
    // "<repo>/.devdash.json is not trusted: it names the database staging (…). Review the file, then
    // run `devdash trust <repo>` (or Review… in the window)." — `what` says what was withheld.
    static Error notTrusted(const QString &file, const QString &repoRoot, const QString &what);
    static bool isNotTrusted(const Error &error) { return error.code == NotTrustedCode; }
    // The 1-based line of the first `"name"` in `text` (0 when absent).
    static int lineOf(const QByteArray &text, const QString &key);
};

} // namespace devdash::config
