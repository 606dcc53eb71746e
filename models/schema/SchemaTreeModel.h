#pragma once

// The object tree of the Database page: databases (environments) → schemas →
// groups (Tables, Views, Materialized views, Sequences, Types) → objects, built
// from SchemaCatalogs. Re-inspecting a database merges the new catalog into the
// tree (rows inserted, removed or changed, never a reset) so that the view keeps
// its expansion and selection. Filtering is a proxy's job (FilterTextRole).

#include "SchemaCatalog.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>
#include <vector>

namespace devdash::schema {

class SchemaTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, DetailColumn, ColumnCount };
    enum class NodeKind { Database, Schema, Group, Object };
    Q_ENUM(NodeKind)
    enum class Group { Tables, Views, MaterializedViews, Sequences, Types };
    Q_ENUM(Group)
    enum Role {
        KindRole = Qt::UserRole + 1, // int(NodeKind)
        GroupRole, // int(Group) of a group and of the objects in it
        DatabaseRole, // the database (environment) name, on every node
        SchemaRole, // the schema, on schema, group and object nodes
        ObjectNameRole, // an object's own name
        QualifiedNameRole, // "schema.name" of an object
        TableKindRole, // int(TableKind) of a table, view or materialized view
        EstimatedRowsRole, // qint64, -1 unknown
        SizeBytesRole, // qint64, -1 unknown
        ColumnCountRole, // columns of a table or view
        ChildCountRole, // objects under a group, schema or database
        StatusRole, // a database's state text ("not inspected", an error…); empty when loaded
        FilterTextRole, // what a filter matches: the object's name and qualified name
        SortRole,
    };
    Q_ENUM(Role)

    explicit SchemaTreeModel(QObject *parent = nullptr);
    ~SchemaTreeModel() override;

    // A database without a catalog yet (listed, not inspected); `status` is shown beside it.
    void addDatabase(const QString &database, const QString &status = {});
    // Sets or replaces the catalog of `database` (added when new), merging into the tree.
    void setCatalog(const QString &database, const SchemaCatalog &catalog);
    // "connecting…", an error: shown beside the database, keeps its objects.
    void setDatabaseStatus(const QString &database, const QString &status);
    void removeDatabase(const QString &database);
    void clear();

    QStringList databases() const;
    const SchemaCatalog *catalog(const QString &database) const;
    // The table, view or materialized view behind an object index; nullptr otherwise.
    const Table *tableAt(const QModelIndex &index) const;
    const Sequence *sequenceAt(const QModelIndex &index) const;
    const UserType *typeAt(const QModelIndex &index) const;
    QModelIndex indexOfDatabase(const QString &database) const;
    QModelIndex indexOfTable(const QString &database, const QString &schema, const QString &name) const;

    static QString groupTitle(Group group);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Node;
    using Nodes = std::vector<std::unique_ptr<Node>>;

    Node *nodeAt(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node, int column = 0) const;
    Node *databaseNode(const QString &database) const;
    Nodes buildDatabaseChildren(const QString &database, const SchemaCatalog &catalog) const;
    // Makes `parent`'s children equal to `fresh` (both in display order): removes,
    // inserts and updates in contiguous batches, recursing into kept children.
    void mergeChildren(Node *parent, Nodes fresh);

    std::unique_ptr<Node> m_root;
    QHash<QString, SchemaCatalog> m_catalogs;
};

} // namespace devdash::schema
