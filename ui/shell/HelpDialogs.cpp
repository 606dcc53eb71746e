#include "HelpDialogs.h"

#include "git/CommitSearch.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace devdash::ui {

namespace {

QString plain(QString text)
{
    text.remove(QLatin1Char('&'));
    text.remove(QStringLiteral("…"));
    return text.trimmed();
}

// "File › Import Test Reports": the menus the action is in, outermost first.
QString actionPath(const QAction *action)
{
    QStringList path { plain(action->text()) };
    for (QObject *object : action->associatedObjects()) {
        const auto *menu = qobject_cast<const QMenu *>(object);
        if (!menu)
            continue;
        for (const QMenu *m = menu; m;
             m = qobject_cast<const QMenu *>(m->menuAction()->associatedObjects().value(0))) {
            if (!m->title().isEmpty())
                path.prepend(plain(m->title()));
        }
        break;
    }
    return path.join(QStringLiteral(" › "));
}

QDialog *dialogWith(QWidget *window, const QString &title, QWidget *content, const char *name)
{
    auto *dialog = new QDialog(window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QLatin1String(name));
    dialog->setWindowTitle(title);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    content->setParent(dialog);
    layout->addWidget(content, 1);
    layout->addWidget(buttons);
    return dialog;
}

} // namespace

QList<std::pair<QString, QString>> HelpDialogs::shortcuts(const QWidget *window)
{
    QList<std::pair<QString, QString>> list;
    QSet<QString> seen;
    for (const QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcuts().isEmpty() || action->text().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        const std::pair<QString, QString> entry { actionPath(action), keys.join(QStringLiteral(", ")) };
        if (seen.contains(entry.first + entry.second))
            continue;
        seen.insert(entry.first + entry.second);
        list.append(entry);
    }
    return list;
}

QDialog *HelpDialogs::shortcutsDialog(QWidget *window)
{
    auto *table = new QTreeWidget;
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setRootIsDecorated(false);
    table->setHeaderLabels({ QObject::tr("Action"), QObject::tr("Shortcut") });
    for (const auto &[name, keys] : shortcuts(window))
        new QTreeWidgetItem(table, { name, keys });
    table->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    table->header()->setStretchLastSection(false);
    QDialog *dialog = dialogWith(window, QObject::tr("Keyboard Shortcuts"), table, "shortcutsDialog");
    dialog->resize(460, 420);
    return dialog;
}

QDialog *HelpDialogs::searchSyntaxDialog(QWidget *window)
{
    auto *text = new QLabel;
    text->setObjectName(QStringLiteral("searchSyntaxText"));
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setText(
        QObject::tr("<p>History's search field takes terms separated by spaces. <b>Every term must match</b> "
                    "(they combine with AND).</p>"
                    "<p><code>%1</code></p>"
                    "<table cellspacing='4'>"
                    "<tr><td><code>word</code></td><td>in the message, author or commit id</td></tr>"
                    "<tr><td><code>\"a phrase\"</code></td><td>the words together</td></tr>"
                    "<tr><td><code>author:NAME</code></td><td>author name or e-mail</td></tr>"
                    "<tr><td><code>path:DIR/</code></td><td>commits that touch a file or folder</td></tr>"
                    "<tr><td><code>id:HEX</code></td><td>a commit id prefix (4 digits or more)</td></tr>"
                    "<tr><td><code>message:TEXT</code></td><td>the message only</td></tr>"
                    "</table>"
                    "<p>Example: <code>path:db/ author:carla</code> finds Carla's commits that touch "
                    "<code>db/</code>.</p>")
            .arg(git::SearchQuery::syntaxHint().toHtmlEscaped()));
    QDialog *dialog = dialogWith(window, QObject::tr("Search Syntax"), text, "searchSyntaxDialog");
    dialog->resize(480, 320);
    return dialog;
}

void HelpDialogs::addTo(QMenu *help, QWidget *window)
{
    QAction *shortcutsAction = help->addAction(
        QObject::tr("&Keyboard Shortcuts"), window, [window] { shortcutsDialog(window)->show(); });
    shortcutsAction->setObjectName(QStringLiteral("keyboardShortcutsAction"));
    shortcutsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    QAction *syntax = help->addAction(
        QObject::tr("&Search Syntax"), window, [window] { searchSyntaxDialog(window)->show(); });
    syntax->setObjectName(QStringLiteral("searchSyntaxAction"));
    help->addSeparator();
}

} // namespace devdash::ui
