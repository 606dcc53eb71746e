#include "SchemaTreeModel.h"

#include "common/CompactNumber.h"

#include <QLocale>
#include <QSet>

#include <algorithm>

namespace devdash::schema {

struct SchemaTreeModel::Node
{
    NodeKind kind = NodeKind::Database;
    Group group = Group::Tables;
    QString name;
    QString database;
    QString schema;
    int itemIndex = -1; // into the catalog's tables, sequences or types
    TableKind tableKind = TableKind::Table;
    qint64 rows = -1;
    qint64 size = -1;
    int columnCount = 0;
    int objectCount = 0; // objects below (group, schema, database)
    QString detail; // the second column
    QString status; // a database's state text
    Node *parent = nullptr;
    int row = 0;
    Nodes children;

    // What identifies a node among its siblings across re-inspections.
    QString key() const
    {
        return kind == NodeKind::Group ? QString::number(int(group)) : QString::number(int(kind)) + name;
    }
    bool sameLook(const Node &o) const
    {
        return name == o.name && detail == o.detail && status == o.status && rows == o.rows && size == o.size
            && columnCount == o.columnCount && objectCount == o.objectCount && tableKind == o.tableKind;
    }
    void renumber()
    {
        for (size_t i = 0; i < children.size(); ++i)
            children[i]->row = int(i);
    }
};

namespace {

QString driverLabel(const QString &driver)
{
    if (driver == QLatin1String("QSQLITE"))
        return QStringLiteral("SQLite");
    if (driver == QLatin1String("QPSQL"))
        return QStringLiteral("PostgreSQL");
    if (driver == QLatin1String("QMYSQL") || driver == QLatin1String("QMARIADB"))
        return QStringLiteral("MySQL/MariaDB");
    if (driver == QLatin1String("QODBC"))
        return QStringLiteral("ODBC");
    return driver;
}

QString rowsText(qint64 rows)
{
    if (rows < 0)
        return {};
    // Large estimates abbreviate (~12.3M rows) so the column never cuts them; the exact
    // estimate is in the tooltip.
    return rows == 1 ? SchemaTreeModel::tr("~1 row")
                     : SchemaTreeModel::tr("~%1 rows")
                           .arg(rows >= 100000 ? CompactNumber::format(rows) : QLocale().toString(rows));
}

SchemaTreeModel::Group groupOf(TableKind kind)
{
    switch (kind) {
    case TableKind::Table:
        return SchemaTreeModel::Group::Tables;
    case TableKind::View:
        return SchemaTreeModel::Group::Views;
    case TableKind::MaterializedView:
        return SchemaTreeModel::Group::MaterializedViews;
    }
    return SchemaTreeModel::Group::Tables;
}

} // namespace

SchemaTreeModel::SchemaTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

SchemaTreeModel::~SchemaTreeModel() = default;

QString SchemaTreeModel::groupTitle(Group group)
{
    switch (group) {
    case Group::Tables:
        return tr("Tables");
    case Group::Views:
        return tr("Views");
    case Group::MaterializedViews:
        return tr("Materialized views");
    case Group::Sequences:
        return tr("Sequences");
    case Group::Types:
        return tr("Types");
    }
    return {};
}

void SchemaTreeModel::addDatabase(const QString &database, const QString &status)
{
    if (databaseNode(database)) {
        setDatabaseStatus(database, status);
        return;
    }
    auto node = std::make_unique<Node>();
    node->kind = NodeKind::Database;
    node->name = node->database = database;
    node->status = status;
    node->parent = m_root.get();
    const int row = int(m_root->children.size());
    beginInsertRows({}, row, row);
    node->row = row;
    m_root->children.push_back(std::move(node));
    endInsertRows();
}

void SchemaTreeModel::setDatabaseStatus(const QString &database, const QString &status)
{
    Node *node = databaseNode(database);
    if (!node || node->status == status)
        return;
    node->status = status;
    Q_EMIT dataChanged(indexOf(node, 0), indexOf(node, ColumnCount - 1));
}

void SchemaTreeModel::setCatalog(const QString &database, const SchemaCatalog &catalog)
{
    if (!databaseNode(database))
        addDatabase(database);
    m_catalogs.insert(database, catalog);
    Node *node = databaseNode(database);
    Nodes fresh = buildDatabaseChildren(database, catalog);
    int objects = 0;
    for (const auto &schema : fresh)
        objects += schema->objectCount;
    const QString detail = tr("%1 · %n object(s)", nullptr, objects).arg(driverLabel(catalog.driver));
    if (node->status != QString() || node->detail != detail || node->objectCount != objects) {
        node->status.clear();
        node->detail = detail;
        node->objectCount = objects;
        Q_EMIT dataChanged(indexOf(node, 0), indexOf(node, ColumnCount - 1));
    }
    mergeChildren(node, std::move(fresh));
}

void SchemaTreeModel::removeDatabase(const QString &database)
{
    Node *node = databaseNode(database);
    if (!node)
        return;
    beginRemoveRows({}, node->row, node->row);
    m_root->children.erase(m_root->children.begin() + node->row);
    m_root->renumber();
    m_catalogs.remove(database);
    endRemoveRows();
}

void SchemaTreeModel::clear()
{
    if (m_root->children.empty())
        return;
    beginResetModel();
    m_root->children.clear();
    m_catalogs.clear();
    endResetModel();
}

QStringList SchemaTreeModel::databases() const
{
    QStringList names;
    for (const auto &node : m_root->children)
        names << node->name;
    return names;
}

const SchemaCatalog *SchemaTreeModel::catalog(const QString &database) const
{
    auto it = m_catalogs.constFind(database);
    return it == m_catalogs.constEnd() ? nullptr : &it.value();
}

const Table *SchemaTreeModel::tableAt(const QModelIndex &index) const
{
    const Node *node = nodeAt(index);
    if (!node || node->kind != NodeKind::Object || node->group > Group::MaterializedViews)
        return nullptr;
    const SchemaCatalog *c = catalog(node->database);
    return c && node->itemIndex < c->tables.size() ? &c->tables.at(node->itemIndex) : nullptr;
}

const Sequence *SchemaTreeModel::sequenceAt(const QModelIndex &index) const
{
    const Node *node = nodeAt(index);
    if (!node || node->kind != NodeKind::Object || node->group != Group::Sequences)
        return nullptr;
    const SchemaCatalog *c = catalog(node->database);
    return c && node->itemIndex < c->sequences.size() ? &c->sequences.at(node->itemIndex) : nullptr;
}

const UserType *SchemaTreeModel::typeAt(const QModelIndex &index) const
{
    const Node *node = nodeAt(index);
    if (!node || node->kind != NodeKind::Object || node->group != Group::Types)
        return nullptr;
    const SchemaCatalog *c = catalog(node->database);
    return c && node->itemIndex < c->types.size() ? &c->types.at(node->itemIndex) : nullptr;
}

QModelIndex SchemaTreeModel::indexOfDatabase(const QString &database) const
{
    const Node *node = databaseNode(database);
    return node ? indexOf(node) : QModelIndex();
}

QModelIndex SchemaTreeModel::indexOfTable(
    const QString &database, const QString &schema, const QString &name) const
{
    const Node *db = databaseNode(database);
    if (!db)
        return {};
    for (const auto &s : db->children) {
        if (s->name != schema)
            continue;
        for (const auto &group : s->children) {
            if (group->group > Group::MaterializedViews)
                continue;
            for (const auto &object : group->children)
                if (object->name == name)
                    return indexOf(object.get());
        }
    }
    return {};
}

SchemaTreeModel::Node *SchemaTreeModel::databaseNode(const QString &database) const
{
    for (const auto &node : m_root->children)
        if (node->name == database)
            return node.get();
    return nullptr;
}

SchemaTreeModel::Nodes SchemaTreeModel::buildDatabaseChildren(
    const QString &database, const SchemaCatalog &catalog) const
{
    // Schemas listed by the inspector, plus any an object names.
    QStringList schemas = catalog.schemas;
    for (const Table &t : catalog.tables)
        schemas << t.schema;
    for (const Sequence &s : catalog.sequences)
        schemas << s.schema;
    for (const UserType &t : catalog.types)
        schemas << t.schema;
    schemas.removeDuplicates();
    std::sort(schemas.begin(), schemas.end());

    Nodes result;
    for (const QString &schemaName : std::as_const(schemas)) {
        auto schemaNode = std::make_unique<Node>();
        schemaNode->kind = NodeKind::Schema;
        schemaNode->name = schemaNode->schema = schemaName;
        schemaNode->database = database;

        // Objects per group, each sorted by name.
        std::vector<Nodes> groups(5);
        for (int i = 0; i < catalog.tables.size(); ++i) {
            const Table &t = catalog.tables.at(i);
            if (t.schema != schemaName)
                continue;
            auto node = std::make_unique<Node>();
            node->kind = NodeKind::Object;
            node->group = groupOf(t.kind);
            node->name = t.name;
            node->itemIndex = i;
            node->tableKind = t.kind;
            node->rows = t.estimatedRows;
            node->size = t.sizeBytes;
            node->columnCount = int(t.columns.size());
            node->detail = t.kind == TableKind::Table ? rowsText(t.estimatedRows)
                                                      : tr("%n column(s)", nullptr, int(t.columns.size()));
            groups[size_t(node->group)].push_back(std::move(node));
        }
        for (int i = 0; i < catalog.sequences.size(); ++i) {
            const Sequence &s = catalog.sequences.at(i);
            if (s.schema != schemaName)
                continue;
            auto node = std::make_unique<Node>();
            node->kind = NodeKind::Object;
            node->group = Group::Sequences;
            node->name = s.name;
            node->itemIndex = i;
            node->detail = s.type;
            groups[size_t(Group::Sequences)].push_back(std::move(node));
        }
        for (int i = 0; i < catalog.types.size(); ++i) {
            const UserType &t = catalog.types.at(i);
            if (t.schema != schemaName)
                continue;
            auto node = std::make_unique<Node>();
            node->kind = NodeKind::Object;
            node->group = Group::Types;
            node->name = t.name;
            node->itemIndex = i;
            node->detail = t.kind;
            groups[size_t(Group::Types)].push_back(std::move(node));
        }

        for (size_t g = 0; g < groups.size(); ++g) {
            Nodes &objects = groups[g];
            if (objects.empty())
                continue;
            std::sort(objects.begin(), objects.end(), [](const auto &a, const auto &b) {
                const int c = a->name.compare(b->name, Qt::CaseInsensitive);
                return c != 0 ? c < 0 : a->name < b->name;
            });
            auto groupNode = std::make_unique<Node>();
            groupNode->kind = NodeKind::Group;
            groupNode->group = Group(g);
            groupNode->name = groupTitle(Group(g));
            groupNode->database = database;
            groupNode->schema = schemaName;
            groupNode->objectCount = int(objects.size());
            groupNode->detail = QLocale().toString(groupNode->objectCount);
            for (auto &object : objects) {
                object->database = database;
                object->schema = schemaName;
                object->parent = groupNode.get();
                groupNode->children.push_back(std::move(object));
            }
            groupNode->renumber();
            schemaNode->objectCount += groupNode->objectCount;
            groupNode->parent = schemaNode.get();
            schemaNode->children.push_back(std::move(groupNode));
        }
        schemaNode->renumber();
        schemaNode->detail = tr("%n object(s)", nullptr, schemaNode->objectCount);
        result.push_back(std::move(schemaNode));
    }
    return result;
}

void SchemaTreeModel::mergeChildren(Node *parent, Nodes fresh)
{
    const QModelIndex parentIndex = parent == m_root.get() ? QModelIndex() : indexOf(parent);
    QSet<QString> freshKeys;
    for (const auto &node : fresh)
        freshKeys.insert(node->key());

    // Stale children go first, in contiguous runs from the end.
    auto &children = parent->children;
    for (int i = int(children.size()) - 1; i >= 0; --i) {
        if (freshKeys.contains(children[size_t(i)]->key()))
            continue;
        const int last = i;
        while (i > 0 && !freshKeys.contains(children[size_t(i - 1)]->key()))
            --i;
        beginRemoveRows(parentIndex, i, last);
        children.erase(children.begin() + i, children.begin() + last + 1);
        parent->renumber();
        endRemoveRows();
    }

    // What is left is in display order, as `fresh` is: walk both.
    size_t i = 0, f = 0;
    while (f < fresh.size()) {
        if (i < children.size() && children[i]->key() == fresh[f]->key()) {
            Node *old = children[i].get();
            Node &now = *fresh[f];
            const bool changed = !old->sameLook(now);
            old->name = now.name;
            old->detail = now.detail;
            old->status = now.status;
            old->rows = now.rows;
            old->size = now.size;
            old->columnCount = now.columnCount;
            old->objectCount = now.objectCount;
            old->tableKind = now.tableKind;
            old->itemIndex = now.itemIndex;
            if (changed)
                Q_EMIT dataChanged(indexOf(old, 0), indexOf(old, ColumnCount - 1));
            mergeChildren(old, std::move(now.children));
            ++i;
            ++f;
            continue;
        }
        // A run of new nodes up to the next kept one.
        size_t g = f;
        while (g < fresh.size() && !(i < children.size() && children[i]->key() == fresh[g]->key()))
            ++g;
        const int first = int(i), count = int(g - f);
        beginInsertRows(parentIndex, first, first + count - 1);
        for (size_t k = f; k < g; ++k) {
            fresh[k]->parent = parent;
            children.insert(children.begin() + first + int(k - f), std::move(fresh[k]));
        }
        parent->renumber();
        endInsertRows();
        i += size_t(count);
        f = g;
    }
    // Kept nodes out of order (should not happen with sorted catalogs): drop them.
    if (i < children.size()) {
        beginRemoveRows(parentIndex, int(i), int(children.size()) - 1);
        children.erase(children.begin() + int(i), children.end());
        endRemoveRows();
    }
}

SchemaTreeModel::Node *SchemaTreeModel::nodeAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return static_cast<Node *>(index.internalPointer());
}

QModelIndex SchemaTreeModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

QModelIndex SchemaTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const Node *p = parent.isValid() ? nodeAt(parent) : m_root.get();
    if (!p || (parent.isValid() && parent.column() != 0) || row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex SchemaTreeModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeAt(child);
    if (!node || !node->parent || node->parent == m_root.get())
        return {};
    return indexOf(node->parent);
}

int SchemaTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_root->children.size());
    if (parent.column() != 0)
        return 0;
    const Node *node = nodeAt(parent);
    return node ? int(node->children.size()) : 0;
}

int SchemaTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant SchemaTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeAt(index);
    if (!node)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return node->name;
        return node->status.isEmpty() ? node->detail : node->status;
    case Qt::ToolTipRole:
        if (node->kind == NodeKind::Object)
            return node->rows >= 0 ? SchemaTreeModel::tr("%1.%2 — about %3 rows")
                                         .arg(node->schema, node->name, QLocale().toString(node->rows))
                                   : QString(node->schema + QLatin1Char('.') + node->name);
        if (node->kind == NodeKind::Database && !node->status.isEmpty())
            return node->status;
        return {};
    case KindRole:
        return int(node->kind);
    case GroupRole:
        return node->kind == NodeKind::Group || node->kind == NodeKind::Object ? QVariant(int(node->group))
                                                                               : QVariant();
    case DatabaseRole:
        return node->database;
    case SchemaRole:
        return node->kind == NodeKind::Database ? QVariant() : QVariant(node->schema);
    case ObjectNameRole:
        return node->kind == NodeKind::Object ? QVariant(node->name) : QVariant();
    case QualifiedNameRole:
        return node->kind == NodeKind::Object
            ? QVariant(QString(node->schema + QLatin1Char('.') + node->name))
            : QVariant();
    case TableKindRole:
        return node->kind == NodeKind::Object && node->group <= Group::MaterializedViews
            ? QVariant(int(node->tableKind))
            : QVariant();
    case EstimatedRowsRole:
        return node->rows;
    case SizeBytesRole:
        return node->size;
    case ColumnCountRole:
        return node->columnCount;
    case ChildCountRole:
        return node->objectCount;
    case StatusRole:
        return node->status;
    case FilterTextRole:
        if (node->kind != NodeKind::Object)
            return QString();
        return QString(node->name + QLatin1Char(' ') + node->schema + QLatin1Char('.') + node->name);
    case SortRole:
        if (index.column() == DetailColumn && node->kind == NodeKind::Object && node->rows >= 0)
            return node->rows;
        if (node->kind == NodeKind::Group)
            return int(node->group);
        return node->name.toLower();
    default:
        return {};
    }
}

QVariant SchemaTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Object");
    case DetailColumn:
        return tr("Details");
    default:
        return {};
    }
}

QHash<int, QByteArray> SchemaTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(GroupRole, "group");
    names.insert(DatabaseRole, "database");
    names.insert(SchemaRole, "schema");
    names.insert(ObjectNameRole, "objectName");
    names.insert(QualifiedNameRole, "qualifiedName");
    names.insert(TableKindRole, "tableKind");
    names.insert(EstimatedRowsRole, "estimatedRows");
    names.insert(SizeBytesRole, "sizeBytes");
    names.insert(ColumnCountRole, "columnCount");
    names.insert(ChildCountRole, "childCount");
    names.insert(StatusRole, "status");
    names.insert(FilterTextRole, "filterText");
    names.insert(SortRole, "sort");
    return names;
}

} // namespace devdash::schema
