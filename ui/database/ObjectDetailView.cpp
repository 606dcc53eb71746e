#include "ObjectDetailView.h"

#include "SqlHighlighter.h"
#include "TableDdl.h"

#include "common/TableLook.h"
#include "common/Theme.h"
#include "schema/TableColumnsModel.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace devdash::ui {

namespace {

QTreeWidget *makeTree(const QStringList &headers, QWidget *parent)
{
    auto *tree = new QTreeWidget(parent);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(true);
    tree->setUniformRowHeights(true);
    tree->setFrameShape(QFrame::NoFrame);
    tree->setAlternatingRowColors(true);
    tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    tree->header()->setStretchLastSection(true);
    tree->header()->setDefaultSectionSize(180);
    return tree;
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString kindText(schema::TableKind kind)
{
    switch (kind) {
    case schema::TableKind::Table:
        return ObjectDetailView::tr("table");
    case schema::TableKind::View:
        return ObjectDetailView::tr("view");
    case schema::TableKind::MaterializedView:
        return ObjectDetailView::tr("materialized view");
    }
    return {};
}

QTreeWidgetItem *group(QTreeWidget *tree, const QString &title, int count)
{
    auto *item = new QTreeWidgetItem(tree, { QStringLiteral("%1 (%2)").arg(title).arg(count) });
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    item->setFirstColumnSpanned(true);
    return item;
}

QString fkActions(const schema::ForeignKey &fk)
{
    return ObjectDetailView::tr("on update %1 · on delete %2").arg(fk.onUpdate, fk.onDelete);
}

} // namespace

ObjectDetailView::ObjectDetailView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_stats(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_columns(new schema::TableColumnsModel(this))
    , m_columnsView(new QTableView(this))
    , m_keys(makeTree({ tr("Constraint"), tr("Columns"), tr("Details") }, this))
    , m_indexes(
          makeTree({ tr("Index"), tr("Columns"), tr("Unique"), tr("Method"), tr("Partial (WHERE)") }, this))
    , m_triggers(makeTree({ tr("Trigger"), tr("Timing"), tr("Events") }, this))
    , m_ddl(new QPlainTextEdit(this))
    , m_highlighter(new SqlHighlighter(m_ddl->document()))
    , m_data(new QStandardItemModel(this))
    , m_dataView(new QTableView(this))
    , m_dataStatus(new QLabel(this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Object names, statistics and errors come from the database: never markup.
    m_title->setTextFormat(Qt::PlainText);
    m_stats->setTextFormat(Qt::PlainText);
    m_dataStatus->setTextFormat(Qt::PlainText);
    m_stats->setForegroundRole(QPalette::PlaceholderText);
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_columnsView->setModel(m_columns);
    TableLook::apply(m_columnsView, TableLook::AlternatingRows);
    QHeaderView *header = m_columnsView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->resizeSection(schema::TableColumnsModel::KeyColumn, 56);
    header->resizeSection(schema::TableColumnsModel::NameColumn, 170);
    header->resizeSection(schema::TableColumnsModel::TypeColumn, 140);
    header->resizeSection(schema::TableColumnsModel::NullableColumn, 70);
    header->resizeSection(schema::TableColumnsModel::DefaultColumn, 150);
    header->resizeSection(schema::TableColumnsModel::GeneratedColumn, 120);

    m_indexes->header()->resizeSection(2, 64);
    m_indexes->header()->resizeSection(3, 70);
    m_triggers->header()->resizeSection(1, 90);
    m_keys->header()->resizeSection(1, 200);

    m_ddl->setReadOnly(true);
    m_ddl->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ddl->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_ddl->setFrameShape(QFrame::NoFrame);

    m_dataView->setModel(m_data);
    TableLook::apply(m_dataView, TableLook::AlternatingRows);
    m_dataView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_dataView->horizontalHeader()->setDefaultSectionSize(130);
    m_dataStatus->setContentsMargins(8, 4, 8, 4);
    m_dataStatus->setForegroundRole(QPalette::PlaceholderText);
    m_dataStatus->setWordWrap(true);
    auto *dataPane = new QWidget(this);
    auto *dataLayout = new QVBoxLayout(dataPane);
    dataLayout->setContentsMargins(0, 0, 0, 0);
    dataLayout->setSpacing(0);
    dataLayout->addWidget(m_dataStatus);
    dataLayout->addWidget(m_dataView, 1);

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_columnsView, tr("Columns"));
    m_tabs->addTab(m_keys, tr("Keys && Constraints"));
    m_tabs->addTab(m_indexes, tr("Indexes"));
    m_tabs->addTab(m_triggers, tr("Triggers"));
    m_tabs->addTab(m_ddl, tr("DDL"));
    m_tabs->addTab(dataPane, tr("Data"));

    auto *head = new QVBoxLayout;
    head->setContentsMargins(10, 8, 10, 6);
    head->setSpacing(2);
    head->addWidget(m_title);
    head->addWidget(m_stats);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(head);
    layout->addWidget(m_tabs, 1);

    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { maybeRequestPreview(); });
    showNothing(tr("Select a table, view or other object in the tree."));
}

void ObjectDetailView::showTable(const schema::Table &table, const schema::SchemaCatalog &catalog)
{
    const bool sameTable = table.qualifiedName() == m_tableName;
    m_table = table;
    m_tableName = table.qualifiedName();
    m_title->setText(table.qualifiedName());
    QStringList stats { kindText(table.kind) };
    if (!table.partitionOf.isEmpty())
        stats << tr("partition of %1").arg(table.partitionOf);
    stats << tr("%n column(s)", nullptr, int(table.columns.size()));
    if (table.estimatedRows >= 0)
        stats << tr("~%1 rows (estimated)").arg(QLocale().toString(table.estimatedRows));
    if (table.sizeBytes >= 0)
        stats << sizeText(table.sizeBytes);
    if (!table.comment.isEmpty())
        stats << table.comment;
    m_stats->setText(stats.join(QStringLiteral("  ·  ")));
    setTableTabsEnabled(true);
    m_columns->setTable(table);
    fillKeys(table, catalog);
    fillIndexes(table);
    fillTriggers(table);
    m_ddl->setPlainText(TableDdl::of(table));
    if (!sameTable) {
        m_data->clear();
        m_previewLoaded = false;
        m_previewRequested = false;
        m_dataStatus->setText(tr("The first rows are read when this tab is shown."));
    }
    maybeRequestPreview();
}

void ObjectDetailView::showSequence(const schema::Sequence &sequence)
{
    m_tableName.clear();
    m_title->setText(sequence.schema + QLatin1Char('.') + sequence.name);
    QStringList stats { tr("sequence"), sequence.type,
        tr("starts at %1, increments by %2").arg(sequence.start).arg(sequence.increment) };
    if (!sequence.ownedBy.isEmpty())
        stats << tr("owned by %1").arg(sequence.ownedBy);
    m_stats->setText(stats.join(QStringLiteral("  ·  ")));
    setTableTabsEnabled(false);
    m_ddl->setPlainText(TableDdl::of(sequence));
    m_tabs->setCurrentIndex(DdlTab);
}

void ObjectDetailView::showType(const schema::UserType &type)
{
    m_tableName.clear();
    m_title->setText(type.schema + QLatin1Char('.') + type.name);
    m_stats->setText(
        tr("%1 type").arg(type.kind) + QStringLiteral("  ·  ") + type.values.join(QStringLiteral(", ")));
    setTableTabsEnabled(false);
    m_ddl->setPlainText(TableDdl::of(type));
    m_tabs->setCurrentIndex(DdlTab);
}

void ObjectDetailView::showNothing(const QString &text)
{
    m_tableName.clear();
    m_title->setText(tr("No object selected"));
    m_stats->setText(text);
    m_columns->clear();
    m_keys->clear();
    m_indexes->clear();
    m_triggers->clear();
    m_ddl->clear();
    m_data->clear();
    m_previewLoaded = false;
    m_dataStatus->clear();
}

void ObjectDetailView::setTableTabsEnabled(bool enabled)
{
    for (int tab : { ColumnsTab, KeysTab, IndexesTab, TriggersTab, DataTab })
        m_tabs->setTabEnabled(tab, enabled);
    if (!enabled) {
        m_columns->clear();
        m_keys->clear();
        m_indexes->clear();
        m_triggers->clear();
        m_data->clear();
        m_previewLoaded = false;
    }
}

void ObjectDetailView::fillKeys(const schema::Table &table, const schema::SchemaCatalog &catalog)
{
    m_keys->clear();
    auto *pk = group(m_keys, tr("Primary key"), table.primaryKey.isEmpty() ? 0 : 1);
    if (!table.primaryKey.isEmpty())
        new QTreeWidgetItem(pk,
            { table.primaryKeyName.isEmpty() ? tr("(unnamed)") : table.primaryKeyName,
                table.primaryKey.join(QStringLiteral(", ")) });
    auto *unique = group(m_keys, tr("Unique"), int(table.uniques.size()));
    for (const schema::UniqueConstraint &u : table.uniques)
        new QTreeWidgetItem(
            unique, { u.name.isEmpty() ? tr("(unnamed)") : u.name, u.columns.join(QStringLiteral(", ")) });
    auto *checks = group(m_keys, tr("Checks"), int(table.checks.size()));
    for (const schema::CheckConstraint &c : table.checks) {
        auto *item = new QTreeWidgetItem(
            checks, { c.name.isEmpty() ? tr("(unnamed)") : c.name, QString(), c.expression });
        item->setToolTip(2, c.expression);
    }
    auto *fks = group(m_keys, tr("Foreign keys"), int(table.foreignKeys.size()));
    for (const schema::ForeignKey &fk : table.foreignKeys) {
        auto *item = new QTreeWidgetItem(fks,
            { fk.name.isEmpty() ? tr("(unnamed)") : fk.name, fk.columns.join(QStringLiteral(", ")),
                QStringLiteral("→ %1.%2 (%3) · %4")
                    .arg(fk.refSchema, fk.refTable, fk.refColumns.join(QStringLiteral(", ")),
                        fkActions(fk)) });
        item->setToolTip(2, item->text(2));
    }
    // Incoming keys: what breaks (or cascades) when rows here go.
    QList<QPair<const schema::Table *, const schema::ForeignKey *>> incoming;
    for (const schema::Table &other : catalog.tables)
        for (const schema::ForeignKey &fk : other.foreignKeys)
            if (fk.refSchema == table.schema && fk.refTable == table.name)
                incoming << qMakePair(&other, &fk);
    auto *referenced = group(m_keys, tr("Referenced by"), int(incoming.size()));
    for (const auto &[other, fk] : std::as_const(incoming))
        new QTreeWidgetItem(referenced,
            { fk->name.isEmpty() ? tr("(unnamed)") : fk->name, fk->refColumns.join(QStringLiteral(", ")),
                QStringLiteral("← %1 (%2) · %3")
                    .arg(other->qualifiedName(), fk->columns.join(QStringLiteral(", ")), fkActions(*fk)) });
    m_keys->expandAll();
}

void ObjectDetailView::fillIndexes(const schema::Table &table)
{
    m_indexes->clear();
    m_indexes->setRootIsDecorated(false);
    for (const schema::Index &index : table.indexes) {
        auto *item = new QTreeWidgetItem(m_indexes,
            { index.name, index.columns.join(QStringLiteral(", ")),
                index.primary ? tr("primary") : (index.unique ? tr("yes") : tr("no")), index.method,
                index.predicate });
        item->setToolTip(1, item->text(1));
        item->setToolTip(4, index.predicate);
    }
    if (table.indexes.isEmpty()) {
        auto *item = new QTreeWidgetItem(m_indexes, { tr("No indexes") });
        item->setDisabled(true);
    }
}

void ObjectDetailView::fillTriggers(const schema::Table &table)
{
    m_triggers->clear();
    for (const schema::Trigger &trigger : table.triggers) {
        auto *item = new QTreeWidgetItem(m_triggers, { trigger.name, trigger.timing, trigger.events });
        auto *body = new QTreeWidgetItem(item, { trigger.definition.trimmed() });
        body->setFirstColumnSpanned(true);
        body->setFont(0, QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }
    if (table.triggers.isEmpty()) {
        auto *item = new QTreeWidgetItem(m_triggers, { tr("No triggers") });
        item->setDisabled(true);
    }
    m_triggers->expandAll();
}

void ObjectDetailView::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

void ObjectDetailView::maybeRequestPreview()
{
    if (m_tabs->currentIndex() != DataTab || m_tableName.isEmpty() || m_previewLoaded || m_previewRequested)
        return;
    m_previewRequested = true;
    Q_EMIT previewRequested(m_table);
}

void ObjectDetailView::setPreviewLoading()
{
    m_dataStatus->setText(tr("Reading the first rows of %1…").arg(m_tableName));
}

void ObjectDetailView::setPreview(const schema::RowPreview &preview, int limit)
{
    m_data->clear();
    m_data->setColumnCount(int(preview.columns.size()));
    m_data->setHorizontalHeaderLabels(preview.columns);
    m_data->setRowCount(int(preview.rows.size()));
    const QColor nullColour = palette().color(QPalette::PlaceholderText);
    for (int r = 0; r < preview.rows.size(); ++r) {
        const QVariantList &row = preview.rows.at(r);
        for (int c = 0; c < row.size(); ++c) {
            auto *item = new QStandardItem;
            const QVariant &value = row.at(c);
            if (value.isNull()) {
                item->setText(QStringLiteral("NULL"));
                item->setForeground(nullColour);
            } else if (value.typeId() == QMetaType::QByteArray) {
                item->setText(tr("(%n byte(s))", nullptr, int(value.toByteArray().size())));
                item->setForeground(nullColour);
            } else {
                QString text = value.toString();
                if (text.size() > 200)
                    text = text.left(200) + QStringLiteral("…");
                item->setText(text.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ ")));
                item->setToolTip(value.toString().left(2000));
            }
            m_data->setItem(r, c, item);
        }
    }
    m_previewLoaded = true;
    m_previewRequested = false;
    m_dataStatus->setText(preview.rows.isEmpty() ? tr("%1 has no rows.").arg(m_tableName)
            : preview.rows.size() < limit
            ? tr("All %n row(s) of %1 (read-only).", nullptr, int(preview.rows.size())).arg(m_tableName)
            : tr("The first %n row(s) of %1 (read-only).", nullptr, int(preview.rows.size()))
                  .arg(m_tableName));
}

void ObjectDetailView::setPreviewError(const QString &message)
{
    m_previewRequested = false;
    m_dataStatus->setText(tr("Cannot read the rows: %1").arg(message));
}

QString ObjectDetailView::previewStatus() const
{
    return m_dataStatus->text();
}

QString ObjectDetailView::headerText() const
{
    return m_title->text() + QLatin1Char('\n') + m_stats->text();
}

void ObjectDetailView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->updateColours();
    QWidget::changeEvent(event);
}

} // namespace devdash::ui
