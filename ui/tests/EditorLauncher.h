#pragma once

// Opens `file:line` from a failure in the user's editor: the file must resolve
// inside the repository (SourceLinks::resolve: a report is untrusted input), and
// the editor runs as a program with an argument list, never through a shell.
// The command is the "editor/command" setting ({file}, {line}), else $VISUAL or
// $EDITOR when it is a GUI editor known to take +line, else the desktop's default
// application for the file (which cannot go to the line).

#include "common/Result.h"

#include <QString>

class QWidget;

namespace devdash::ui {

class EditorLauncher
{
public:
    static constexpr const char *SettingKey = "editor/command";

    // The setting, else the one from the environment; empty: the desktop's default.
    static QString commandTemplate();
    static void setCommandTemplate(const QString &command); // empty: back to the default
    // Asks for the command (the current one prefilled); false when cancelled.
    static bool editCommand(QWidget *parent);

    // Returns what was opened ("src/x.cpp:12 in gvim"), or why not.
    static Result<QString> open(const QString &repositoryRoot, const QString &file, int line);
};

} // namespace devdash::ui
