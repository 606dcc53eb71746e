#include "SchemaDiffView.h"

#include "DatabaseWork.h"
#include "SchemaDiffPanes.h"
#include "SnapshotLabel.h"

#include "common/BackgroundJob.h"
#include "common/DisplayTime.h"
#include "schema/SchemaDiffReport.h"
#include "schema/SchemaSnapshotStore.h"
#include "store/Database.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <optional>

namespace devdash::ui {

using schema::ChangeKind;

namespace {

enum ItemRole { TableRole = Qt::UserRole + 1, ChangeRole, GroupRole };

const QString kSnapshotPrefix = QStringLiteral("snapshot:");

// One side of a comparison: a live connection, or a snapshot from the store.
struct DiffSide
{
    DatabaseConnection connection;
    qint64 snapshot = 0;
    QString label;
};

Result<schema::SchemaCatalog> catalogOf(
    const DiffSide &side, const QString &repoRoot, const CancelToken &cancel)
{
    if (side.snapshot <= 0)
        return DatabaseWork::inspect(side.connection, repoRoot, cancel);
    auto db = DatabaseWork::openStore();
    if (!db)
        return db.error();
    return schema::SchemaSnapshotStore(db.value()).load(side.snapshot);
}

// A saved snapshot of one of the connections, for the side pickers.
struct SnapshotChoice
{
    qint64 id = 0;
    QString label;
    QString tooltip;
};

} // namespace

SchemaDiffView::SchemaDiffView(JobTracker *jobs, QWidget *parent)
    : QWidget(parent)
    , m_jobs(jobs)
    , m_beforeBox(new QComboBox(this))
    , m_afterBox(new QComboBox(this))
    , m_schemas(new QLineEdit(this))
    , m_excludeTables(new QLineEdit(this))
    , m_compareButton(new QPushButton(tr("Compare"), this))
    , m_exportButton(new QPushButton(tr("Export"), this))
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_before(new QTextBrowser(this))
    , m_after(new QTextBrowser(this))
{
    m_beforeBox->setObjectName(QStringLiteral("diffBefore"));
    m_afterBox->setObjectName(QStringLiteral("diffAfter"));
    // Room for a short name; longer ones show in full in the list (the object tree beside
    // needs the width on a laptop).
    m_beforeBox->setMinimumContentsLength(9);
    m_afterBox->setMinimumContentsLength(9);
    m_schemas->setPlaceholderText(tr("all schemas (e.g. public, sales_*)"));
    m_excludeTables->setPlaceholderText(tr("none (e.g. flyway_*, tmp_*)"));
    m_schemas->setToolTip(tr("Schemas to compare, comma-separated globs; empty: all"));
    m_excludeTables->setToolTip(tr("Tables to leave out, comma-separated globs (name or schema.name)"));
    auto *swap = new QPushButton(tr("⇄"), this);
    swap->setToolTip(tr("Swap the two sides"));
    swap->setMaximumWidth(40);
    auto *exportMenu = new QMenu(m_exportButton);
    exportMenu->addAction(tr("JSON…"), this, [this] { chooseExport(true); });
    exportMenu->addAction(tr("Readable Report (Markdown)…"), this, [this] { chooseExport(false); });
    m_exportButton->setMenu(exportMenu);
    m_exportButton->setEnabled(false);

    auto *grid = new QGridLayout;
    grid->setContentsMargins(8, 6, 8, 4);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(4);
    grid->addWidget(new QLabel(tr("Before:"), this), 0, 0);
    grid->addWidget(m_beforeBox, 0, 1);
    grid->addWidget(swap, 0, 2);
    grid->addWidget(new QLabel(tr("After:"), this), 0, 3);
    grid->addWidget(m_afterBox, 0, 4);
    grid->addWidget(m_compareButton, 0, 6);
    grid->addWidget(m_exportButton, 0, 7);
    grid->addWidget(new QLabel(tr("Schemas:"), this), 1, 0);
    grid->addWidget(m_schemas, 1, 1, 1, 2);
    grid->addWidget(new QLabel(tr("Leave out:"), this), 1, 3);
    grid->addWidget(m_excludeTables, 1, 4);
    grid->setColumnStretch(5, 1);

    // Rich on purpose (bold names): every name and error in it is escaped.
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setContentsMargins(10, 2, 10, 4);
    m_summary->setWordWrap(true);
    m_tree->setHeaderLabels({ tr("Change"), tr("Object") });
    m_tree->setUniformRowHeights(true);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->resizeSection(0, 240);
    for (QTextBrowser *pane : { m_before, m_after }) {
        pane->setFrameShape(QFrame::NoFrame);
        pane->setOpenLinks(false);
        pane->setLineWrapMode(QTextEdit::NoWrap);
    }
    auto *sides = new QSplitter(Qt::Horizontal, this);
    auto sideWithTitle = [this, sides](QTextBrowser *pane, const QString &objectName) {
        auto *box = new QWidget(sides);
        auto *title = new QLabel(box);
        title->setObjectName(objectName);
        title->setTextFormat(Qt::PlainText); // a database's name and when it was read
        title->setContentsMargins(6, 4, 6, 2);
        title->setForegroundRole(QPalette::PlaceholderText);
        auto *l = new QVBoxLayout(box);
        l->setContentsMargins(0, 0, 0, 0);
        l->setSpacing(0);
        l->addWidget(title);
        l->addWidget(pane, 1);
        sides->addWidget(box);
        (void)this;
    };
    sideWithTitle(m_before, QStringLiteral("beforeTitle"));
    sideWithTitle(m_after, QStringLiteral("afterTitle"));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_tree);
    split->addWidget(sides);
    split->setSizes({ 300, 260 });
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(grid);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(m_compareButton, &QPushButton::clicked, this, &SchemaDiffView::compare);
    connect(swap, &QPushButton::clicked, this, [this] {
        const int before = m_beforeBox->currentIndex();
        m_beforeBox->setCurrentIndex(m_afterBox->currentIndex());
        m_afterBox->setCurrentIndex(before);
        compare();
    });
    connect(m_schemas, &QLineEdit::returnPressed, this, &SchemaDiffView::compare);
    connect(m_excludeTables, &QLineEdit::returnPressed, this, &SchemaDiffView::compare);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &SchemaDiffView::showSelected);
    m_summary->setText(tr("Choose two databases and press Compare."));
}

void SchemaDiffView::setConnections(const QList<DatabaseConnection> &connections, const QString &repoRoot)
{
    const QString before = m_beforeBox->currentData().toString();
    const QString after = m_afterBox->currentData().toString();
    ++m_generation;
    m_busy = false;
    m_connections = connections;
    m_repoRoot = repoRoot;
    m_beforeBox->clear();
    m_afterBox->clear();
    for (const DatabaseConnection &c : connections) {
        m_beforeBox->addItem(c.name, c.name);
        m_afterBox->addItem(c.name, c.name);
        const QString tip
            = tr("%1 as it is now (inspected when you compare)").arg(DatabaseWork::displayUrl(c.url));
        m_beforeBox->setItemData(m_beforeBox->count() - 1, tip, Qt::ToolTipRole);
        m_afterBox->setItemData(m_afterBox->count() - 1, tip, Qt::ToolTipRole);
    }
    loadSnapshots();
    m_compareButton->setEnabled(connections.size() >= 1);
    // By default the last environment is "before" and the first "after": production
    // → staging shows what staging has that production does not yet.
    if (!setSides(before, after) && connections.size() >= 2)
        setSides(connections.last().name, connections.first().name);
    m_stale = true;
    if (connections.isEmpty()) {
        m_tree->clear();
        m_hasResult = false;
        m_summary->setText(tr("No databases to compare yet."));
    }
    if (isVisible() && connections.size() >= 2)
        compare();
}

void SchemaDiffView::loadSnapshots()
{
    const quint64 generation = ++m_snapshotGeneration;
    m_snapshotsPending = !m_connections.isEmpty();
    if (m_connections.isEmpty())
        return;
    runJob(
        m_jobs, tr("Reading the schema snapshots"), this,
        [connections = m_connections, repo = m_repoRoot](
            const JobContext &) -> Result<QList<SnapshotChoice>> {
            auto db = DatabaseWork::openStore();
            if (!db)
                return db.error();
            const schema::SchemaSnapshotStore store(db.value());
            QList<SnapshotChoice> choices;
            for (const DatabaseConnection &c : connections) {
                auto list = store.list(
                    DatabaseWork::snapshotKey(c, repo), DatabaseWork::snapshotRepository(c, repo));
                if (!list)
                    return list.error();
                // Newest first, the last 20: older ones stay reachable from the History tab.
                for (qsizetype i = list->size() - 1; i >= 0 && i >= list->size() - 20; --i) {
                    const schema::SchemaSnapshotInfo &info = list->at(i);
                    choices.append({ info.id, SnapshotLabel::of(c.name, info.takenAt),
                        tr("The schema of %1 as it was on %2, %n table(s)", nullptr, info.tableCount)
                            .arg(c.name, DisplayTime::exact(info.takenAt)) });
                }
            }
            return choices;
        },
        [this, generation](Result<QList<SnapshotChoice>> result) {
            if (generation != m_snapshotGeneration)
                return;
            m_snapshotsPending = false;
            if (!result) {
                Q_EMIT statusMessage(tr("Cannot list the schema snapshots: %1").arg(result.errorMessage()));
                return;
            }
            if (!result->isEmpty()) {
                m_beforeBox->insertSeparator(m_beforeBox->count());
                m_afterBox->insertSeparator(m_afterBox->count());
            }
            for (const SnapshotChoice &choice : *result)
                addSnapshotItem(choice.id, choice.label, choice.tooltip);
        });
}

void SchemaDiffView::addSnapshotItem(qint64 id, const QString &label, const QString &tooltip)
{
    const QString data = kSnapshotPrefix + QString::number(id);
    for (QComboBox *box : { m_beforeBox, m_afterBox }) {
        const int existing = box->findData(data);
        if (existing >= 0) {
            // Put in by setSides before the list arrived: now it gets its name.
            box->setItemText(existing, label);
            box->setItemData(existing, tooltip, Qt::ToolTipRole);
            continue;
        }
        box->addItem(label, data);
        box->setItemData(box->count() - 1, tooltip, Qt::ToolTipRole);
    }
}

bool SchemaDiffView::setSides(const QString &before, const QString &after)
{
    // A snapshot the list has not brought (yet) is put in under its id.
    for (const QString &side : { before, after }) {
        if (side.startsWith(kSnapshotPrefix) && side.mid(kSnapshotPrefix.size()).toLongLong() > 0
            && m_beforeBox->findData(side) < 0)
            addSnapshotItem(side.mid(kSnapshotPrefix.size()).toLongLong(), side, side);
    }
    const int b = m_beforeBox->findData(before);
    const int a = m_afterBox->findData(after);
    if (b < 0 || a < 0)
        return false;
    m_beforeBox->setCurrentIndex(b);
    m_afterBox->setCurrentIndex(a);
    return true;
}

void SchemaDiffView::setFilter(const schema::DiffFilter &filter)
{
    m_schemas->setText(filter.includeSchemas.join(QStringLiteral(", ")));
    m_excludeTables->setText(filter.excludeTables.join(QStringLiteral(", ")));
}

QStringList SchemaDiffView::patterns(const QString &text)
{
    QStringList result;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            result << part.trimmed();
    return result;
}

schema::DiffFilter SchemaDiffView::filterFromFields() const
{
    schema::DiffFilter filter;
    filter.includeSchemas = patterns(m_schemas->text());
    filter.excludeTables = patterns(m_excludeTables->text());
    return filter;
}

void SchemaDiffView::compare()
{
    // A side is a connection (its name) or a snapshot ("snapshot:ID").
    const auto sideOf = [this](const QComboBox *box) -> std::optional<DiffSide> {
        const QString data = box->currentData().toString();
        if (data.startsWith(kSnapshotPrefix))
            return DiffSide { {}, data.mid(kSnapshotPrefix.size()).toLongLong(), box->currentText() };
        for (const DatabaseConnection &c : m_connections)
            if (c.name == data)
                return DiffSide { c, 0, c.name };
        return std::nullopt;
    };
    const std::optional<DiffSide> beforeSide = sideOf(m_beforeBox), afterSide = sideOf(m_afterBox);
    if (!beforeSide || !afterSide)
        return;
    const DiffSide before = *beforeSide, after = *afterSide;
    const schema::DiffFilter filter = filterFromFields();
    const QString repo = m_repoRoot;
    const quint64 generation = ++m_generation;
    m_busy = true;
    m_stale = false;
    m_compareButton->setEnabled(false);
    m_summary->setText(
        tr("Reading %1 and %2…").arg(before.label.toHtmlEscaped(), after.label.toHtmlEscaped()));
    runJob(
        m_jobs, tr("Comparing %1 with %2").arg(before.label, after.label), this,
        [before, after, repo, filter](const JobContext &job) -> Result<schema::SchemaDifferences> {
            auto left = catalogOf(before, repo, job.token);
            if (!left)
                return left.error();
            job.progress(1, 2);
            auto right = catalogOf(after, repo, job.token);
            if (!right)
                return right.error();
            schema::SchemaDifferences diff = schema::SchemaDiff::compare(left.value(), right.value(), filter);
            diff.beforeLabel = before.label;
            diff.afterLabel = after.label;
            return diff;
        },
        [this, generation](Result<schema::SchemaDifferences> result) {
            if (generation != m_generation)
                return;
            m_busy = false;
            m_compareButton->setEnabled(true);
            if (!result) {
                m_error = result.errorMessage();
                m_hasResult = false;
                m_tree->clear();
                m_differences = {};
                m_exportButton->setEnabled(false);
                m_summary->setText(tr("<b>Cannot compare:</b> %1").arg(m_error.toHtmlEscaped()));
            } else {
                m_error.clear();
                m_differences = result.value();
                m_hasResult = true;
                m_exportButton->setEnabled(true);
                fillTree();
            }
            Q_EMIT finished();
        });
}

void SchemaDiffView::fillTree()
{
    m_tree->clear();
    const schema::SchemaDifferences &d = m_differences;
    if (d.isEmpty()) {
        m_summary->setText(tr("%1 and %2 have the same schema.")
                               .arg(d.beforeLabel.toHtmlEscaped(), d.afterLabel.toHtmlEscaped()));
        m_before->clear();
        m_after->clear();
        return;
    }
    m_summary->setText(tr("From <b>%1</b> to <b>%2</b>: %3 table(s) added, %4 removed, %5 changed")
                           .arg(d.beforeLabel.toHtmlEscaped(), d.afterLabel.toHtmlEscaped())
                           .arg(d.count(ChangeKind::Added))
                           .arg(d.count(ChangeKind::Removed))
                           .arg(d.count(ChangeKind::Changed)));
    QFont bold = m_tree->font();
    bold.setBold(true);
    for (int t = 0; t < d.tables.size(); ++t) {
        const schema::TableDiff &table = d.tables.at(t);
        auto *item = new QTreeWidgetItem(m_tree,
            { SchemaDiffPanes::mark(table.change) + QLatin1Char(' ') + table.qualifiedName(),
                schema::changeKindName(table.change) + QLatin1Char(' ')
                    + schema::tableKindName(table.kind) });
        item->setForeground(0, SchemaDiffPanes::colour(table.change));
        item->setFont(0, bold);
        item->setData(0, TableRole, t);
        item->setData(0, ChangeRole, -1);
        for (int c = 0; c < table.changes.size(); ++c) {
            const schema::ObjectChange &change = table.changes.at(c);
            QString what = change.objectType;
            if (!change.fields.isEmpty()) {
                QStringList fields;
                for (const schema::FieldChange &f : change.fields)
                    fields << f.field;
                what += QStringLiteral(": ") + fields.join(QStringLiteral(", "));
            }
            auto *child = new QTreeWidgetItem(
                item, { SchemaDiffPanes::mark(change.change) + QLatin1Char(' ') + change.name, what });
            child->setForeground(0, SchemaDiffPanes::colour(change.change));
            child->setData(0, TableRole, t);
            child->setData(0, ChangeRole, c);
        }
    }
    auto addGroup = [&](const QString &title, const QList<schema::ObjectChange> &changes, int group) {
        if (changes.isEmpty())
            return;
        auto *item = new QTreeWidgetItem(m_tree, { title, tr("%n change(s)", nullptr, int(changes.size())) });
        item->setFont(0, bold);
        for (int c = 0; c < changes.size(); ++c) {
            auto *child = new QTreeWidgetItem(item,
                { SchemaDiffPanes::mark(changes.at(c).change) + QLatin1Char(' ') + changes.at(c).name,
                    schema::changeKindName(changes.at(c).change) });
            child->setForeground(0, SchemaDiffPanes::colour(changes.at(c).change));
            child->setData(0, GroupRole, group);
            child->setData(0, ChangeRole, c);
        }
    };
    addGroup(tr("Sequences"), d.sequences, 1);
    addGroup(tr("Types"), d.types, 2);
    m_tree->expandAll();
    // Show the first changed table side by side at once.
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->childCount() > 0) {
            m_tree->setCurrentItem(m_tree->topLevelItem(i));
            return;
        }
    m_tree->setCurrentItem(m_tree->topLevelItem(0));
}

void SchemaDiffView::showSelected()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    auto *beforeTitle = findChild<QLabel *>(QStringLiteral("beforeTitle"));
    auto *afterTitle = findChild<QLabel *>(QStringLiteral("afterTitle"));
    beforeTitle->setText(m_differences.beforeLabel);
    afterTitle->setText(m_differences.afterLabel);
    m_before->clear();
    m_after->clear();
    if (!item)
        return;
    const int change = item->data(0, ChangeRole).isValid() ? item->data(0, ChangeRole).toInt() : -1;
    if (item->data(0, GroupRole).isValid()) {
        const auto &list
            = item->data(0, GroupRole).toInt() == 1 ? m_differences.sequences : m_differences.types;
        const auto [before, after] = SchemaDiffPanes::ofObject(list.at(change), false);
        m_before->setHtml(before);
        m_after->setHtml(after);
        return;
    }
    if (!item->data(0, TableRole).isValid())
        return;
    const schema::TableDiff &table = m_differences.tables.at(item->data(0, TableRole).toInt());
    const auto [before, after] = change < 0 ? SchemaDiffPanes::ofTable(table)
                                            : SchemaDiffPanes::ofObject(table.changes.at(change), true);
    m_before->setHtml(before);
    m_after->setHtml(after);
}

QByteArray SchemaDiffView::json() const
{
    return QJsonDocument(schema::SchemaDiffReport::toJson(m_differences)).toJson(QJsonDocument::Indented);
}

QString SchemaDiffView::report() const
{
    return schema::SchemaDiffReport::toMarkdown(m_differences);
}

namespace {
Result<void> writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error { SchemaDiffView::tr("Cannot write %1 (%2): check the folder exists and is writable")
                           .arg(QDir::toNativeSeparators(path), file.errorString()) };
    return {};
}
} // namespace

Result<void> SchemaDiffView::exportJson(const QString &path) const
{
    if (!m_hasResult)
        return Error { tr("Nothing to export: compare two databases first") };
    return writeFile(path, json());
}

Result<void> SchemaDiffView::exportReport(const QString &path) const
{
    if (!m_hasResult)
        return Error { tr("Nothing to export: compare two databases first") };
    return writeFile(path, report().toUtf8());
}

void SchemaDiffView::chooseExport(bool asJson)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_.-]+"));
    const QString base = QStringLiteral("%1-vs-%2")
                             .arg(m_differences.beforeLabel, m_differences.afterLabel)
                             .replace(unsafe, QStringLiteral("_"));
    const QString path
        = QFileDialog::getSaveFileName(this, asJson ? tr("Export Diff as JSON") : tr("Export Diff Report"),
            QDir::home().filePath(base + (asJson ? QStringLiteral(".json") : QStringLiteral(".md"))),
            asJson ? tr("JSON (*.json)") : tr("Markdown (*.md);;Text (*.txt)"));
    if (path.isEmpty())
        return;
    const Result<void> result = asJson ? exportJson(path) : exportReport(path);
    Q_EMIT statusMessage(result ? tr("Saved %1").arg(QDir::toNativeSeparators(path)) : result.errorMessage());
}

void SchemaDiffView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale && !m_busy && m_connections.size() >= 2)
        compare();
}

void SchemaDiffView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && m_hasResult) {
        fillTree();
    }
    QWidget::changeEvent(event);
}

} // namespace devdash::ui
