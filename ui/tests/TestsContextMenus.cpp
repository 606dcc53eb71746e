#include "TestsContextMenus.h"

#include "EditorLauncher.h"
#include "TestsPage.h"

#include "testresults/RunListModel.h"
#include "testresults/RunTreeModel.h"
#include "testresults/SourceLinks.h"

#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTreeView>

#include <memory>

namespace devdash::ui {

using namespace testresults;

namespace {
QAction *add(QMenu *menu, const QString &text, const char *name)
{
    QAction *action = menu->addAction(text);
    action->setObjectName(QLatin1String(name));
    return action;
}
} // namespace

void TestsContextMenus::install(TestsPage *page)
{
    QTreeView *tree = page->treeView();
    tree->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(tree, &QWidget::customContextMenuRequested, page, [page, tree](const QPoint &pos) {
        const QModelIndex index = tree->indexAt(pos);
        if (!index.isValid())
            return;
        std::unique_ptr<QMenu> menu(forCase(page, index, page));
        if (!menu->isEmpty())
            menu->exec(tree->viewport()->mapToGlobal(pos));
    });
    QTableView *runs = page->runsView();
    runs->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(runs, &QWidget::customContextMenuRequested, page, [page, runs](const QPoint &pos) {
        const qint64 id = runs->indexAt(pos).data(RunListModel::RunIdRole).toLongLong();
        if (id <= 0)
            return;
        std::unique_ptr<QMenu> menu(forRun(page, id, page));
        if (!menu->isEmpty())
            menu->exec(runs->viewport()->mapToGlobal(pos));
    });
}

QMenu *TestsContextMenus::forCase(TestsPage *page, const QModelIndex &index, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const QModelIndex source = page->treeProxy()->mapToSource(index);
    const CaseResult *result = page->treeModel()->caseAt(source);
    const SuiteResult *suite = result ? nullptr : page->treeModel()->suiteAt(source);
    if (!result && !suite)
        return menu;

    const QString name = result ? result->key : suite->path;
    QAction *copy = add(
        menu, result ? QObject::tr("&Copy Name") : QObject::tr("&Copy Suite Name"), "copyTestNameAction");
    QObject::connect(copy, &QAction::triggered, page, [name] { QApplication::clipboard()->setText(name); });
    if (!result)
        return menu;

    // The test's own file:line, when the report gave one that is in the repository.
    const QString where
        = result->line > 0 ? QStringLiteral("%1:%2").arg(result->file).arg(result->line) : result->file;
    QAction *open = add(menu,
        result->file.isEmpty() ? QObject::tr("&Open File (the report names none)")
                               : QObject::tr("&Open %1").arg(where),
        "openTestFileAction");
    open->setEnabled(
        !result->file.isEmpty() && SourceLinks::resolve(page->repositoryRoot(), result->file).ok());
    QObject::connect(open, &QAction::triggered, page,
        [page, file = result->file, line = result->line] { page->openSource(file, line); });

    QAction *history = add(menu, QObject::tr("Show &History"), "showTestHistoryAction");
    QObject::connect(
        history, &QAction::triggered, page, [page, key = result->key] { page->showTestHistory(key); });
    menu->addSeparator();
    QAction *editor = add(menu, QObject::tr("&Editor Command…"), "editorCommandAction");
    QObject::connect(editor, &QAction::triggered, page, [page] { EditorLauncher::editCommand(page); });
    return menu;
}

QMenu *TestsContextMenus::forRun(TestsPage *page, qint64 runId, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    const RunListModel *runs = page->runsModel();
    const RunSummary *run = runs->runAt(runs->rowOfRun(runId));
    if (!run)
        return menu;
    QAction *compare = add(menu, QObject::tr("Compare with &Base"), "compareWithBaseAction");
    QObject::connect(compare, &QAction::triggered, page, [page, runId] {
        page->selectRun(runId);
        page->compareWith(0);
    });
    QAction *copy = add(menu, QObject::tr("&Copy Commit Id"), "copyRunCommitAction");
    QObject::connect(copy, &QAction::triggered, page,
        [commit = run->commit] { QApplication::clipboard()->setText(commit); });
    menu->addSeparator();
    QAction *remove = add(menu, QObject::tr("&Delete Run #%1…").arg(runId), "deleteRunAction");
    QObject::connect(remove, &QAction::triggered, page, [page, runId] { confirmAndDelete(page, runId); });
    return menu;
}

void TestsContextMenus::confirmAndDelete(TestsPage *page, qint64 runId)
{
    const RunListModel *runs = page->runsModel();
    const RunSummary *run = runs->runAt(runs->rowOfRun(runId));
    const QString what = run ? QObject::tr("Run #%1 (%2 tests on %3, from %4)")
                                   .arg(runId)
                                   .arg(run->counts.tests)
                                   .arg(run->commit.left(8), run->source)
                             : QObject::tr("Run #%1").arg(runId);
    QMessageBox box(QMessageBox::Warning, QObject::tr("Delete Test Run"),
        QObject::tr("Delete %1 from the store? Its results leave the history, trends and flaky "
                    "statistics. This cannot be undone.")
            .arg(what),
        QMessageBox::Yes | QMessageBox::Cancel, page);
    box.setObjectName(QStringLiteral("deleteRunConfirmation"));
    box.button(QMessageBox::Yes)->setText(QObject::tr("&Delete"));
    box.setDefaultButton(QMessageBox::Cancel);
    if (box.exec() == QMessageBox::Yes)
        page->deleteRun(runId);
}

} // namespace devdash::ui
