#pragma once

// `devdash __complete WORD...`: what the bash and zsh completion scripts
// (installer/completions/) offer for the last word, read from the command table.
// WORD... are the words typed so far, the program first, the word being completed last
// (possibly empty). Prints one candidate a line, "word<TAB>description"; prints nothing
// where a file name goes, and the shells then complete file names themselves.
//
// Environment names come from the repository's .devdash.json (--repo, the REPO argument,
// else the current folder): the file is only read, nothing of the repository is run.

#include <QStringList>

namespace devdash::cli {

struct Candidate
{
    QString word;
    QString description;
};

QList<Candidate> completions(const QStringList &words);
// The command: prints completions(arguments after "__complete"); always exits 0.
int runComplete(const QStringList &arguments);

} // namespace devdash::cli
