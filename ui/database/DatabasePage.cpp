#include "DatabasePage.h"

#include "AddConnectionDialog.h"
#include "DatabaseWork.h"
#include "ErDiagramView.h"
#include "KeychainPasswordWriter.h"
#include "MigrationsView.h"
#include "ObjectDetailView.h"
#include "SavedConnections.h"
#include "SchemaDiffView.h"
#include "SchemaHistoryView.h"
#include "common/BackgroundJob.h"
#include "common/Icons.h"
#include "common/Workspace.h"
#include "shell/MessagePanel.h"

#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaTreeModel.h"

#include <QComboBox>
#include <QDataStream>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

namespace devdash::ui {

using schema::SchemaTreeModel;

namespace {
const QStringList SubViews { QStringLiteral("object"), QStringLiteral("er"), QStringLiteral("diff"),
    QStringLiteral("history"), QStringLiteral("migrations") };

bool looksLikePasswordProblem(const QString &message)
{
    return message.contains(QLatin1String("password"), Qt::CaseInsensitive)
        || message.contains(QLatin1String("authentication"), Qt::CaseInsensitive)
        || message.contains(QLatin1String("Access denied"), Qt::CaseInsensitive);
}
} // namespace

DatabasePage::DatabasePage(Workspace *workspace, QWidget *parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_databaseBox(new QComboBox(this))
    , m_addButton(new QPushButton(tr("Add Connection…"), this))
    , m_removeButton(new QPushButton(tr("Remove"), this))
    , m_refreshButton(new QPushButton(tr("Inspect Again"), this))
    , m_tree(new SchemaTreeModel(this))
    , m_treeProxy(new QSortFilterProxyModel(this))
    , m_treeView(new QTreeView(this))
    , m_filter(new QLineEdit(this))
    , m_split(new QSplitter(Qt::Horizontal, this))
    , m_stack(new QStackedWidget(this))
    , m_message(new MessagePanel(this))
    , m_views(new QTabWidget(this))
    , m_detail(new ObjectDetailView(this))
    , m_er(new ErDiagramView(this))
    , m_diff(new SchemaDiffView(workspace->jobs(), this))
    , m_history(new SchemaHistoryView(workspace->jobs(), this))
    , m_migrations(new MigrationsView(workspace, this))
{
    // Top bar: which database, and managing connections.
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 6, 8, 6);
    bar->setSpacing(8);
    auto *label = new QLabel(tr("&Database:"), this);
    label->setBuddy(m_databaseBox);
    m_databaseBox->setObjectName(QStringLiteral("databaseBox"));
    m_databaseBox->setMinimumContentsLength(18);
    m_databaseBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_addButton->setToolTip(
        tr("Connect to another database by URL (kept in your settings, without password)"));
    m_removeButton->setToolTip(tr("Forget a connection added here (those of .devdash.json stay)"));
    m_refreshButton->setToolTip(tr("Read the schema of the selected database again"));
    bar->addWidget(label);
    bar->addWidget(m_databaseBox);
    bar->addWidget(m_refreshButton);
    bar->addStretch(1);
    bar->addWidget(m_addButton);
    bar->addWidget(m_removeButton);

    // The object tree with its filter.
    m_treeProxy->setSourceModel(m_tree);
    m_treeProxy->setRecursiveFilteringEnabled(true);
    m_treeProxy->setFilterRole(SchemaTreeModel::FilterTextRole);
    m_treeProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_treeView->setModel(m_treeProxy);
    m_treeView->setObjectName(QStringLiteral("schemaTree"));
    m_treeView->setUniformRowHeights(true);
    m_treeView->setFrameShape(QFrame::NoFrame);
    m_treeView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_treeView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_treeView->header()->setStretchLastSection(false);
    m_treeView->header()->setSectionResizeMode(SchemaTreeModel::NameColumn, QHeaderView::Stretch);
    m_treeView->header()->setSectionResizeMode(SchemaTreeModel::DetailColumn, QHeaderView::ResizeToContents);
    m_filter->setPlaceholderText(tr("Filter objects"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(Icons::get(QStringLiteral("search")), QLineEdit::LeadingPosition);
    auto *treePane = new QWidget(this);
    auto *treeLayout = new QVBoxLayout(treePane);
    treeLayout->setContentsMargins(6, 0, 0, 6);
    treeLayout->setSpacing(4);
    treeLayout->addWidget(m_filter);
    treeLayout->addWidget(m_treeView, 1);

    m_views->setDocumentMode(true);
    m_views->addTab(m_detail, tr("Object"));
    m_views->addTab(m_er, tr("ER Diagram"));
    m_views->addTab(m_diff, tr("Schema Diff"));
    m_views->addTab(m_history, tr("History"));
    m_views->addTab(m_migrations, tr("Migrations"));
    m_stack->addWidget(m_views);
    m_stack->addWidget(m_message);

    m_split->addWidget(treePane);
    m_split->addWidget(m_stack);
    // The tree keeps its width (names need it) and the views give way on a narrow window.
    m_split->setStretchFactor(0, 0);
    m_split->setStretchFactor(1, 1);
    m_split->setSizes({ 270, 900 });
    m_split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_split, 1);

    // Tab in reading order: the bar left to right, then the filter above the tree it filters.
    setTabOrder(m_databaseBox, m_refreshButton);
    setTabOrder(m_refreshButton, m_addButton);
    setTabOrder(m_addButton, m_removeButton);
    setTabOrder(m_removeButton, m_filter);
    setTabOrder(m_filter, m_treeView);

    connect(m_databaseBox, &QComboBox::activated, this, [this] { selectDatabase(currentDatabase()); });
    connect(m_addButton, &QPushButton::clicked, this, &DatabasePage::chooseConnectionToAdd);
    connect(m_removeButton, &QPushButton::clicked, this, [this] {
        const DatabaseConnection *c = connection(currentDatabase());
        if (c && !c->configured)
            removeConnection(c->name);
    });
    connect(m_refreshButton, &QPushButton::clicked, this, &DatabasePage::reinspect);
    connect(m_filter, &QLineEdit::textChanged, this, &DatabasePage::applyFilter);
    connect(m_treeView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &DatabasePage::onTreeSelection);
    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &DatabasePage::onTreeSelection);
    connect(m_detail, &ObjectDetailView::previewRequested, this, &DatabasePage::requestPreview);
    connect(m_er, &ErDiagramView::tableActivated, this, [this](const QString &qualified) {
        const int dot = int(qualified.indexOf(QLatin1Char('.')));
        if (selectTable(qualified.left(dot), qualified.mid(dot + 1)))
            showView(ObjectView);
    });
    connect(m_er, &ErDiagramView::statusMessage, this, &Page::statusMessage);
    connect(m_er, &ErDiagramView::layoutFinished, this, &Page::readyChanged);
    connect(m_diff, &SchemaDiffView::statusMessage, this, &Page::statusMessage);
    connect(m_history, &SchemaHistoryView::statusMessage, this, &Page::statusMessage);
    connect(m_history, &SchemaHistoryView::compareRequested, this,
        [this](const QString &snapshot, const QString &connection) {
            if (!m_diff->setSides(snapshot, connection))
                return;
            m_views->setCurrentWidget(m_diff);
            m_diff->compare();
        });
    connect(m_migrations, &MigrationsView::statusMessage, this, &Page::statusMessage);
    showNoDatabases({});
}

DatabasePage::~DatabasePage() = default;

QIcon DatabasePage::icon() const
{
    return Icons::get(QStringLiteral("databases"));
}

void DatabasePage::setRepository(const QString &path)
{
    ++m_generation;
    m_repoPath = path;
    m_connections.clear();
    m_inspecting.clear();
    m_connectionsLoaded = false;
    m_wantedDatabase.clear();
    m_tree->clear();
    m_databaseBox->clear();
    m_detail->showNothing(tr("Select a table, view or other object in the tree."));
    m_er->clear();
    m_diff->setConnections({}, path);
    m_history->setDatabase({}, path);
    m_migrations->setConnections({}, path);
    if (path.isEmpty()) {
        showNoDatabases({});
        return;
    }
    loadConnections();
}

void DatabasePage::refresh()
{
    // Refs changing on disk do not change databases: keep what is shown. The
    // migrations follow the repository's refs.
    m_migrations->refresh();
}

bool DatabasePage::isReady() const
{
    if (m_repoPath.isEmpty())
        return true;
    return m_connectionsLoaded && m_pending == 0 && m_inspecting.isEmpty() && !m_er->isLayoutPending()
        && !m_diff->isBusy() && !m_history->isBusy() && !m_migrations->isBusy();
}

QByteArray DatabasePage::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << m_split->saveState() << currentDatabase();
    return state;
}

void DatabasePage::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    QByteArray split;
    QString database;
    in >> split >> database;
    if (in.status() == QDataStream::Ok)
        m_split->restoreState(split);
}

bool DatabasePage::showSubView(const QString &name)
{
    const int index = int(SubViews.indexOf(name));
    if (index < 0)
        return false;
    showView(View(index));
    return true;
}

void DatabasePage::showView(View view)
{
    m_views->setCurrentIndex(int(view));
}

DatabasePage::View DatabasePage::currentView() const
{
    return View(m_views->currentIndex());
}

void DatabasePage::showEnvironment(const QString &environment)
{
    showView(MigrationsTab);
    if (!m_connectionsLoaded) {
        m_wantedDatabase = environment;
        return;
    }
    if (!connection(environment)) {
        Q_EMIT statusMessage(tr("No database named %1").arg(environment));
        return;
    }
    selectDatabase(environment);
}

void DatabasePage::showMigration(const QString &environment, const QString &file, const QString &ref)
{
    if (!environment.isEmpty())
        showEnvironment(environment);
    else
        showView(MigrationsTab);
    m_migrations->selectMigration(file, ref);
}

QString DatabasePage::currentDatabase() const
{
    return m_databaseBox->currentData().toString();
}

bool DatabasePage::isShowingMessage() const
{
    return m_stack->currentWidget() == m_message;
}

const DatabaseConnection *DatabasePage::connection(const QString &name) const
{
    for (const DatabaseConnection &c : m_connections)
        if (c.name == name)
            return &c;
    return nullptr;
}

const schema::SchemaCatalog *DatabasePage::currentCatalog() const
{
    return m_tree->catalog(currentDatabase());
}

void DatabasePage::loadConnections()
{
    const quint64 generation = m_generation;
    const QString repo = m_repoPath;
    ++m_pending;
    runJob(
        m_workspace->jobs(), tr("Reading the databases of .devdash.json"), this,
        [repo](const JobContext &) { return DatabaseWork::configured(repo); },
        [this, generation](Result<QList<DatabaseConnection>> result) {
            --m_pending;
            if (generation != m_generation)
                return;
            setConnections(result ? result.value() : QList<DatabaseConnection>(), result.errorMessage());
        });
}

void DatabasePage::setConnections(const QList<DatabaseConnection> &configured, const QString &configError)
{
    m_connections = configured;
    for (const DatabaseConnection &saved : SavedConnections::load())
        if (!connection(saved.name))
            m_connections << saved;
    m_connectionsLoaded = true;
    const QSignalBlocker block(m_databaseBox);
    m_databaseBox->clear();
    for (const DatabaseConnection &c : std::as_const(m_connections)) {
        m_databaseBox->addItem(c.configured ? c.name : tr("%1 (added here)").arg(c.name), c.name);
        m_tree->addDatabase(c.name, tr("not inspected"));
    }
    m_diff->setConnections(m_connections, m_repoPath);
    m_migrations->setConnections(m_connections, m_repoPath);
    m_removeButton->setEnabled(false);
    m_refreshButton->setEnabled(!m_connections.isEmpty());
    if (m_connections.isEmpty()) {
        showNoDatabases(configError);
        Q_EMIT readyChanged();
        return;
    }
    if (!configError.isEmpty())
        Q_EMIT statusMessage(configError);
    const QString wanted = std::exchange(m_wantedDatabase, QString());
    if (!wanted.isEmpty() && !connection(wanted))
        Q_EMIT statusMessage(tr("No database named %1").arg(wanted));
    selectDatabase(connection(wanted) ? wanted : m_connections.constFirst().name);
}

void DatabasePage::selectDatabase(const QString &name)
{
    const DatabaseConnection *c = connection(name);
    if (!c)
        return;
    m_databaseBox->setCurrentIndex(m_databaseBox->findData(name));
    m_removeButton->setEnabled(!c->configured);
    m_history->setDatabase(*c, m_repoPath);
    m_migrations->setCurrentDatabase(name);
    if (const schema::SchemaCatalog *catalog = m_tree->catalog(name)) {
        showContent();
        m_er->setCatalog(*catalog);
        m_history->setCatalog(*catalog);
        const QModelIndex db = m_treeProxy->mapFromSource(m_tree->indexOfDatabase(name));
        m_treeView->setCurrentIndex(db);
        m_treeView->expand(db);
        return;
    }
    inspect(name, false);
}

void DatabasePage::reinspect()
{
    if (!currentDatabase().isEmpty())
        inspect(currentDatabase(), true);
}

void DatabasePage::inspect(const QString &name, bool force)
{
    const DatabaseConnection *c = connection(name);
    if (!c || m_inspecting.contains(name) || (!force && m_tree->catalog(name)))
        return;
    DatabaseConnection target = *c;
    if (auto it = m_sessionPasswords.constFind(name); it != m_sessionPasswords.constEnd())
        target.url
            = DatabaseWork::withPassword(DatabaseWork::resolvedUrl(target.url, m_repoPath), it.value());
    m_inspecting.insert(name);
    m_tree->setDatabaseStatus(name, tr("inspecting…"));
    if (!m_tree->catalog(name) && name == currentDatabase()) {
        m_message->setContent(MessagePanel::Kind::Progress, tr("Inspecting %1…").arg(name),
            tr("Reading the catalog of %1 (read-only). Esc cancels.").arg(name));
        m_stack->setCurrentWidget(m_message);
    }
    const quint64 generation = m_generation;
    const QString repo = m_repoPath;
    runJob(
        m_workspace->jobs(), tr("Inspecting %1").arg(name), this,
        [target, repo](const JobContext &job) { return DatabaseWork::inspect(target, repo, job.token); },
        [this, name, generation](
            Result<schema::SchemaCatalog> result) { onInspected(name, generation, std::move(result)); });
}

void DatabasePage::onInspected(const QString &name, quint64 generation, Result<schema::SchemaCatalog> result)
{
    m_inspecting.remove(name);
    if (generation != m_generation)
        return;
    if (!result) {
        const bool unverified = result.error().code == schema::ReadOnlyConnection::UnverifiedReadOnly;
        m_tree->setDatabaseStatus(name, unverified ? tr("not read") : tr("failed"));
        if (name == currentDatabase()) {
            if (unverified)
                askToReadUnverified(name, result.errorMessage());
            else
                showInspectError(name, result.errorMessage());
        }
        Q_EMIT readyChanged();
        return;
    }
    const schema::SchemaCatalog &catalog = result.value();
    m_tree->setCatalog(name, catalog);
    const DatabaseConnection *c = connection(name);
    // A configured environment is snapshotted once per session when opened (the
    // store keeps only changed schemas).
    if (c && c->configured && !m_snapshotted.contains(name)) {
        m_snapshotted.insert(name);
        m_history->saveSnapshot(*c, catalog, /*quiet*/ true);
    }
    if (name != currentDatabase()) {
        Q_EMIT readyChanged();
        return;
    }
    showContent();
    m_er->setCatalog(catalog);
    m_history->setCatalog(catalog);
    const QModelIndex db = m_treeProxy->mapFromSource(m_tree->indexOfDatabase(name));
    m_treeView->expand(db);
    for (int r = 0; r < m_treeProxy->rowCount(db); ++r) {
        const QModelIndex schemaIndex = m_treeProxy->index(r, 0, db);
        m_treeView->expand(schemaIndex);
        for (int g = 0; g < m_treeProxy->rowCount(schemaIndex); ++g)
            m_treeView->expand(m_treeProxy->index(g, 0, schemaIndex));
    }
    // Keep the selection over a re-inspection; else show the first table.
    const QModelIndex current = m_treeProxy->mapToSource(m_treeView->currentIndex());
    if (m_detail->shownTable().isEmpty() || current.data(SchemaTreeModel::DatabaseRole).toString() != name)
        selectFirstTable();
    else
        onTreeSelection();
    Q_EMIT readyChanged();
}

void DatabasePage::selectFirstTable()
{
    const schema::SchemaCatalog *catalog = currentCatalog();
    if (!catalog)
        return;
    // The most connected table says most about the schema at first sight.
    QHash<QString, int> links;
    for (const schema::Table &t : catalog->tables)
        for (const schema::ForeignKey &fk : t.foreignKeys) {
            links[t.qualifiedName()] += 1;
            links[fk.refSchema + QLatin1Char('.') + fk.refTable] += 1;
        }
    const schema::Table *best = nullptr;
    for (const schema::Table &t : catalog->tables)
        if (t.kind == schema::TableKind::Table
            && (!best || links.value(t.qualifiedName()) > links.value(best->qualifiedName())))
            best = &t;
    if (best)
        selectTable(best->schema, best->name);
}

bool DatabasePage::selectTable(const QString &schema, const QString &table)
{
    const QModelIndex source = m_tree->indexOfTable(currentDatabase(), schema, table);
    const QModelIndex index = m_treeProxy->mapFromSource(source);
    if (!index.isValid())
        return false;
    m_treeView->setCurrentIndex(index);
    m_treeView->scrollTo(index);
    return true;
}

void DatabasePage::onTreeSelection()
{
    const QModelIndex current = m_treeProxy->mapToSource(m_treeView->currentIndex());
    const QString database = current.data(SchemaTreeModel::DatabaseRole).toString();
    if (!database.isEmpty() && database != currentDatabase()) {
        selectDatabase(database);
        return;
    }
    const schema::SchemaCatalog *catalog = m_tree->catalog(database);
    if (const schema::Table *table = m_tree->tableAt(current); table && catalog)
        m_detail->showTable(*table, *catalog);
    else if (const schema::Sequence *sequence = m_tree->sequenceAt(current))
        m_detail->showSequence(*sequence);
    else if (const schema::UserType *type = m_tree->typeAt(current))
        m_detail->showType(*type);

    QStringList selected;
    for (const QModelIndex &index : m_treeView->selectionModel()->selectedRows())
        if (const schema::Table *t = m_tree->tableAt(m_treeProxy->mapToSource(index)))
            selected << t->qualifiedName();
    m_er->setSelectedTables(selected);
}

void DatabasePage::requestPreview(const schema::Table &table)
{
    const DatabaseConnection *c = connection(currentDatabase());
    if (!c)
        return;
    DatabaseConnection target = *c;
    if (auto it = m_sessionPasswords.constFind(c->name); it != m_sessionPasswords.constEnd())
        target.url
            = DatabaseWork::withPassword(DatabaseWork::resolvedUrl(target.url, m_repoPath), it.value());
    m_detail->setPreviewLoading();
    ++m_pending;
    const quint64 generation = m_generation;
    const QString repo = m_repoPath;
    const QString wanted = table.qualifiedName();
    runJob(
        m_workspace->jobs(), tr("Reading the first rows of %1").arg(wanted), this,
        [target, repo, table](
            const JobContext &job) { return DatabaseWork::preview(target, repo, table, job.token); },
        [this, generation, wanted](Result<schema::RowPreview> result) {
            --m_pending;
            if (generation == m_generation && m_detail->shownTable() == wanted) {
                if (result)
                    m_detail->setPreview(result.value(), DatabaseWork::PreviewRows);
                else
                    m_detail->setPreviewError(result.errorMessage());
            }
            Q_EMIT readyChanged();
        });
}

void DatabasePage::showInspectError(const QString &name, const QString &message)
{
    m_message->setContent(MessagePanel::Kind::Error, tr("Cannot inspect %1").arg(name), message);
    m_message->addAction(
        tr("Try Again"), [this, name] { inspect(name, true); }, true);
    const DatabaseConnection *c = connection(name);
    if (c && !c->url.startsWith(QLatin1String("sqlite"), Qt::CaseInsensitive)
        && looksLikePasswordProblem(message))
        m_message->addAction(tr("Enter Password…"), [this, name] { askPassword(name); });
    m_message->addAction(tr("Add Connection…"), [this] { chooseConnectionToAdd(); });
    m_stack->setCurrentWidget(m_message);
}

void DatabasePage::askToReadUnverified(const QString &name, const QString &message)
{
    // A question before anything is read: nothing enforces read-only on this DBMS.
    m_message->setContent(MessagePanel::Kind::Error,
        tr("Read %1 without a read-only guarantee?").arg(name),
        message + QLatin1Char(' ')
            + tr("DevDash only reads; choose Read Anyway if you trust this database's contents."));
    m_message->addAction(
        tr("Read Anyway"),
        [this, name] {
            for (DatabaseConnection &c : m_connections)
                if (c.name == name)
                    c.readWithoutGuarantee = true;
            m_diff->setConnections(m_connections, m_repoPath);
            m_migrations->setConnections(m_connections, m_repoPath);
            inspect(name, true);
        },
        false);
    m_message->addAction(tr("Add Connection…"), [this] { chooseConnectionToAdd(); });
    m_stack->setCurrentWidget(m_message);
}

void DatabasePage::showNoDatabases(const QString &configError)
{
    if (!configError.isEmpty()) {
        m_message->setContent(
            MessagePanel::Kind::Error, tr("Cannot read the databases of .devdash.json"), configError);
    } else {
        m_message->setContent(MessagePanel::Kind::Empty, tr("No databases yet"),
            tr("List the environments' databases in the repository's .devdash.json — {\"databases\": "
               "[{\"name\": "
               "\"staging\", \"url\": \"postgresql://app@db-staging/app\", \"migrations\": {\"framework\": "
               "\"flyway\", \"path\": \"db/migration\"}}]} — or add a connection here. Passwords come from "
               "the "
               "keychain or DEVDASH_DB_PASSWORD_<NAME>, never from a file."));
    }
    m_message->addAction(
        tr("Add Connection…"), [this] { chooseConnectionToAdd(); }, true);
    m_stack->setCurrentWidget(m_message);
}

void DatabasePage::showContent()
{
    m_stack->setCurrentWidget(m_views);
}

void DatabasePage::askPassword(const QString &name)
{
    const DatabaseConnection *c = connection(name);
    if (!c)
        return;
    // The URL comes from the repository's settings: its label shows it as plain text.
    QInputDialog dialog(this);
    dialog.setWindowTitle(tr("Password for %1").arg(name));
    dialog.setLabelText(tr("Password of %1\n(kept in the system keychain, never in a file):")
                            .arg(DatabaseWork::displayUrl(c->url)));
    dialog.setTextEchoMode(QLineEdit::Password);
    for (QLabel *label : dialog.findChildren<QLabel *>())
        label->setTextFormat(Qt::PlainText);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString password = dialog.textValue();
    if (password.isEmpty())
        return;
    // Used at once for this session; saved to the keychain for the next ones.
    m_sessionPasswords.insert(name, password);
    KeychainPasswordWriter::write(
        DatabaseWork::resolvedUrl(c->url, m_repoPath), name, password, this, [this](const QString &error) {
            Q_EMIT statusMessage(error.isEmpty() ? tr("Password saved in the system keychain") : error);
        });
    inspect(name, true);
}

void DatabasePage::chooseConnectionToAdd()
{
    QStringList taken;
    for (const DatabaseConnection &c : std::as_const(m_connections))
        taken << c.name;
    AddConnectionDialog dialog(taken, this);
    if (dialog.exec() == QDialog::Accepted)
        addConnection(dialog.connection());
}

void DatabasePage::addConnection(const DatabaseConnection &added)
{
    if (connection(added.name))
        return;
    DatabaseConnection c = added;
    c.configured = false;
    SavedConnections::add(c);
    m_connections << c;
    m_databaseBox->addItem(tr("%1 (added here)").arg(c.name), c.name);
    m_tree->addDatabase(c.name, tr("not inspected"));
    m_diff->setConnections(m_connections, m_repoPath);
    m_migrations->setConnections(m_connections, m_repoPath);
    m_refreshButton->setEnabled(true);
    selectDatabase(c.name);
}

void DatabasePage::removeConnection(const QString &name)
{
    const DatabaseConnection *c = connection(name);
    if (!c || c->configured)
        return;
    SavedConnections::remove(name);
    m_connections.removeIf([&name](const DatabaseConnection &x) { return x.name == name; });
    m_databaseBox->removeItem(m_databaseBox->findData(name));
    m_tree->removeDatabase(name);
    m_sessionPasswords.remove(name);
    m_diff->setConnections(m_connections, m_repoPath);
    m_migrations->setConnections(m_connections, m_repoPath);
    if (m_connections.isEmpty()) {
        m_er->clear();
        m_detail->showNothing({});
        showNoDatabases({});
        return;
    }
    selectDatabase(m_connections.constFirst().name);
}

void DatabasePage::applyFilter(const QString &text)
{
    m_treeProxy->setFilterFixedString(text.trimmed());
    if (!text.trimmed().isEmpty())
        m_treeView->expandAll();
}

void DatabasePage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
}

} // namespace devdash::ui
