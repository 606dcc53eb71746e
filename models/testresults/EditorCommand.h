#pragma once

// How to open a file at a line in the user's editor: a command template with
// {file} and {line} ("code --goto {file}:{line}", "gvim +{line} {file}"), split
// into a program and its arguments — never handed to a shell, so a file name
// from a report cannot run anything.

#include <QProcessEnvironment>
#include <QStringList>

namespace devdash::testresults {

class EditorCommand
{
public:
    // The program and its arguments; the file is added at the end when the
    // template has no {file}. Empty when the template is empty or unbalanced.
    static QStringList arguments(const QString &commandTemplate, const QString &file, int line);

    // A template from $VISUAL, else $EDITOR, when it names a GUI editor known to
    // take "+line" (gvim, emacs, gedit, geany…): "gvim +{line} {file}". Empty
    // otherwise (a terminal editor cannot open from a window): the caller then
    // opens the file with the desktop's default application.
    static QString fromEnvironment(const QProcessEnvironment &environment);
};

} // namespace devdash::testresults
