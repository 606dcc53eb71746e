#pragma once

// The Databases page: the repository's environments (`databases` of
// .devdash.json) and the connections added here, an object tree per database
// with a filter, and for the selected object its columns, keys, indexes,
// triggers, DDL and first rows; beside it the ER diagram, the schema diff, the
// snapshot history and the migrations. Every database access runs on a worker
// with its own read-only connection; failures land in the page's message panel
// with what failed and what to do.

#include "DatabaseConnection.h"

#include "common/Page.h"
#include "common/Result.h"
#include "schema/SchemaCatalog.h"

#include <QHash>
#include <QSet>

class QComboBox;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTreeView;

namespace devdash::schema {
class SchemaTreeModel;
}

namespace devdash::ui {

class ErDiagramView;
class MessagePanel;
class MigrationsView;
class ObjectDetailView;
class SchemaDiffView;
class SchemaHistoryView;
class Workspace;

class DatabasePage final : public Page
{
    Q_OBJECT
public:
    enum View { ObjectView, ErView, DiffView, HistoryView, MigrationsTab };

    explicit DatabasePage(Workspace *workspace, QWidget *parent = nullptr);
    ~DatabasePage() override;

    QString name() const override { return QStringLiteral("database"); }
    QString title() const override { return tr("Databases"); }
    QIcon icon() const override;
    void setRepository(const QString &path) override;
    void refresh() override;
    bool isReady() const override;
    QByteArray saveState() const override;
    void restoreState(const QByteArray &state) override;

    // "object", "er", "diff", "history", "migrations" (the screenshot's database/er).
    Q_INVOKABLE bool showSubView(const QString &name);
    void showView(View view);
    View currentView() const;
    // Links from elsewhere: an environment's migrations, and one migration file of it
    // (environment empty: the database shown) as read at `ref` (empty: as shown now).
    // Before the connections are read, they apply once they are.
    void showEnvironment(const QString &environment);
    void showMigration(const QString &environment, const QString &file, const QString &ref = {});

    QList<DatabaseConnection> connections() const { return m_connections; }
    QString currentDatabase() const;
    void selectDatabase(const QString &name);
    // Adds a connection for this session and the next ones (QSettings) and shows it.
    void addConnection(const DatabaseConnection &connection);
    void removeConnection(const QString &name);
    // Re-inspects the current database.
    void reinspect();
    bool selectTable(const QString &schema, const QString &table);
    const schema::SchemaCatalog *currentCatalog() const;

    schema::SchemaTreeModel *treeModel() const { return m_tree; }
    QTreeView *treeView() const { return m_treeView; }
    QLineEdit *filterField() const { return m_filter; }
    QComboBox *databaseBox() const { return m_databaseBox; }
    ObjectDetailView *detailView() const { return m_detail; }
    ErDiagramView *erDiagram() const { return m_er; }
    SchemaDiffView *diffView() const { return m_diff; }
    SchemaHistoryView *historyView() const { return m_history; }
    MigrationsView *migrationsView() const { return m_migrations; }
    MessagePanel *messagePanel() const { return m_message; }
    bool isShowingMessage() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void loadConnections();
    void setConnections(const QList<DatabaseConnection> &connections, const QString &configError);
    void inspect(const QString &name, bool force);
    void onInspected(const QString &name, quint64 generation, Result<schema::SchemaCatalog> result);
    void onTreeSelection();
    void requestPreview(const schema::Table &table);
    void showInspectError(const QString &name, const QString &message);
    void askToReadUnverified(const QString &name, const QString &message);
    void showNoDatabases(const QString &configError);
    void showContent();
    void askPassword(const QString &name);
    void chooseConnectionToAdd();
    void applyFilter(const QString &text);
    const DatabaseConnection *connection(const QString &name) const;
    void selectFirstTable();

    Workspace *m_workspace;
    QString m_repoPath;
    quint64 m_generation = 0;
    int m_pending = 0;
    bool m_connectionsLoaded = false;
    QString m_wantedDatabase; // chosen by a link before the connections were read
    QList<DatabaseConnection> m_connections;
    QHash<QString, QString> m_sessionPasswords; // name → password, in memory only
    QSet<QString> m_inspecting;
    QSet<QString> m_snapshotted; // configured databases snapshotted this session

    QComboBox *m_databaseBox;
    QPushButton *m_addButton;
    QPushButton *m_removeButton;
    QPushButton *m_refreshButton;
    schema::SchemaTreeModel *m_tree;
    QSortFilterProxyModel *m_treeProxy;
    QTreeView *m_treeView;
    QLineEdit *m_filter;
    QSplitter *m_split;
    QStackedWidget *m_stack;
    MessagePanel *m_message;
    QTabWidget *m_views;
    ObjectDetailView *m_detail;
    ErDiagramView *m_er;
    SchemaDiffView *m_diff;
    SchemaHistoryView *m_history;
    MigrationsView *m_migrations;
};

} // namespace devdash::ui
