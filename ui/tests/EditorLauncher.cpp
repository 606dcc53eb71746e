#include "EditorLauncher.h"

#include "testresults/EditorCommand.h"
#include "testresults/SourceLinks.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QUrl>

namespace devdash::ui {

using testresults::EditorCommand;

QString EditorLauncher::commandTemplate()
{
    const QString configured = QSettings().value(QLatin1String(SettingKey)).toString().trimmed();
    if (!configured.isEmpty())
        return configured;
    return EditorCommand::fromEnvironment(QProcessEnvironment::systemEnvironment());
}

void EditorLauncher::setCommandTemplate(const QString &command)
{
    QSettings settings;
    if (command.trimmed().isEmpty())
        settings.remove(QLatin1String(SettingKey));
    else
        settings.setValue(QLatin1String(SettingKey), command.trimmed());
}

bool EditorLauncher::editCommand(QWidget *parent)
{
    bool ok = false;
    const QString command = QInputDialog::getText(parent, QObject::tr("Editor Command"),
        QObject::tr("The command that opens a file at a line, with {file} and {line}\n"
                    "(e.g. code --goto {file}:{line}, or gvim +{line} {file}).\n"
                    "Empty: $VISUAL / $EDITOR when it is a GUI editor, else the desktop's default."),
        QLineEdit::Normal, QSettings().value(QLatin1String(SettingKey)).toString(), &ok);
    if (ok)
        setCommandTemplate(command);
    return ok;
}

Result<QString> EditorLauncher::open(const QString &repositoryRoot, const QString &file, int line)
{
    auto resolved = testresults::SourceLinks::resolve(repositoryRoot, file);
    if (!resolved)
        return resolved.error();
    const QString command = commandTemplate();
    if (command.isEmpty()) {
        // Not ExternalUrl (http/https only): a file of the repository, resolved inside it above.
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(*resolved)))
            return Error { QObject::tr("No application opens %1").arg(*resolved) };
        return QObject::tr("Opened %1").arg(*resolved);
    }
    QStringList arguments = EditorCommand::arguments(command, *resolved, line);
    if (arguments.isEmpty())
        return Error { QObject::tr("The editor command \"%1\" cannot be read").arg(command) };
    const QString program = arguments.takeFirst();
    if (!QProcess::startDetached(program, arguments, QFileInfo(repositoryRoot).absoluteFilePath()))
        return Error { QObject::tr("Cannot start the editor %1").arg(program) };
    return QObject::tr("Opened %1:%2 in %3")
        .arg(*resolved, QString::number(line), QFileInfo(program).fileName());
}

} // namespace devdash::ui
