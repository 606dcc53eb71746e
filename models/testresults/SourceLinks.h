#pragma once

// `file:line` in failures — GoogleTest's "tests/test_db.cpp:81: Failure", a stack
// frame's "(src/app.py:12)", Python's `File "x.py", line 12` — found in text and
// resolved to a file of the repository. A report is untrusted input: a path is
// only ever resolved to a file INSIDE the repository (symlinks followed), never
// outside it.

#include "common/Result.h"

#include <QList>
#include <QString>

namespace devdash::testresults {

struct SourceLocation
{
    QString file; // as written in the text
    int line = 0;
    qsizetype start = 0; // where the reference is in the text
    qsizetype length = 0;

    bool operator==(const SourceLocation &) const = default;
};

class SourceLinks
{
public:
    // The references in `text`, in order; they do not overlap.
    static QList<SourceLocation> find(const QString &text);

    // The canonical path of the repository's file that `file` names: relative to
    // the repository's top folder, absolute inside it, or absolute in another
    // checkout (a CI runner's /home/runner/work/app/app/src/x.cpp → src/x.cpp
    // here, the longest tail that exists). An error when it would lie outside the
    // repository or is not a file.
    static Result<QString> resolve(const QString &repositoryRoot, const QString &file);
};

} // namespace devdash::testresults
