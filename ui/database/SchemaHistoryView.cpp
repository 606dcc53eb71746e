#include "SchemaHistoryView.h"

#include "DatabaseWork.h"
#include "SnapshotLabel.h"

#include "common/BackgroundJob.h"
#include "common/DisplayTime.h"
#include "schema/SchemaDiffReport.h"
#include "tests/TestStoreAccess.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace devdash::ui {

using schema::ChangeKind;

namespace {

QString changeSummary(const std::optional<schema::SchemaDifferences> &changes)
{
    if (!changes)
        return SchemaHistoryView::tr("first snapshot");
    if (changes->isEmpty())
        return SchemaHistoryView::tr("no structural change");
    QStringList parts;
    if (const int n = changes->count(ChangeKind::Added))
        parts << SchemaHistoryView::tr("%n table(s) added", nullptr, n);
    if (const int n = changes->count(ChangeKind::Removed))
        parts << SchemaHistoryView::tr("%n table(s) removed", nullptr, n);
    if (const int n = changes->count(ChangeKind::Changed))
        parts << SchemaHistoryView::tr("%n table(s) changed", nullptr, n);
    if (!changes->sequences.isEmpty())
        parts << SchemaHistoryView::tr("%n sequence change(s)", nullptr, int(changes->sequences.size()));
    if (!changes->types.isEmpty())
        parts << SchemaHistoryView::tr("%n type change(s)", nullptr, int(changes->types.size()));
    return parts.join(QStringLiteral(", "));
}

} // namespace

SchemaHistoryView::SchemaHistoryView(JobTracker *jobs, QWidget *parent)
    : QWidget(parent)
    , m_jobs(jobs)
    , m_title(new QLabel(this))
    , m_saveButton(new QPushButton(tr("Save Snapshot Now"), this))
    , m_tree(new QTreeWidget(this))
    , m_details(new QPlainTextEdit(this))
{
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_saveButton->setToolTip(tr("Inspect the database again and keep its schema in DevDash's store "
                                "(nothing is added when it did not change)"));
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 6, 8, 4);
    bar->addWidget(m_title, 1);
    bar->addWidget(m_saveButton);

    m_tree->setHeaderLabels({ tr("Taken"), tr("Tables"), tr("What changed") });
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->header()->resizeSection(0, 230); // date and "(3 days ago)"
    m_tree->header()->resizeSection(1, 60);
    m_tree->header()->setStretchLastSection(true);
    m_details->setReadOnly(true);
    m_details->setFrameShape(QFrame::NoFrame);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_tree);
    split->addWidget(m_details);
    split->setSizes({ 300, 260 });
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_saveButton, &QPushButton::clicked, this, &SchemaHistoryView::saveSnapshotNow);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &SchemaHistoryView::showSelected);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        QTreeWidgetItem *item = m_tree->itemAt(at);
        if (!item)
            return;
        const int i = item->data(0, Qt::UserRole).toInt();
        if (i < 0 || i >= m_timeline.size())
            return;
        const QString snapshot = QStringLiteral("snapshot:%1").arg(m_timeline.at(i).snapshot.id);
        QMenu menu(this);
        menu.addAction(tr("Compare with the Live Database"), this,
            [this, snapshot] { Q_EMIT compareRequested(snapshot, m_connection.name); });
        menu.addAction(
            tr("Copy Snapshot Id"), this, [snapshot] { QGuiApplication::clipboard()->setText(snapshot); });
        menu.exec(m_tree->viewport()->mapToGlobal(at));
    });
    setDatabase({}, {});
}

void SchemaHistoryView::setDatabase(const DatabaseConnection &connection, const QString &repoRoot)
{
    ++m_generation;
    m_pending = 0;
    m_connection = connection;
    m_repoRoot = repoRoot;
    m_catalog = {};
    m_timeline.clear();
    m_tree->clear();
    m_details->clear();
    m_saveButton->setEnabled(!connection.name.isEmpty());
    m_title->setText(connection.name.isEmpty() ? tr("No database selected")
                                               : tr("Schema history of %1").arg(connection.name));
    m_stale = true;
    if (isVisible())
        reload();
}

void SchemaHistoryView::setCatalog(const schema::SchemaCatalog &catalog)
{
    m_catalog = catalog;
}

void SchemaHistoryView::reload()
{
    if (m_connection.name.isEmpty())
        return;
    m_stale = false;
    const QString key = DatabaseWork::snapshotKey(m_connection, m_repoRoot);
    const quint64 generation = m_generation;
    ++m_pending;
    runJob(
        m_jobs, tr("Reading the schema history of %1").arg(m_connection.name), this,
        [key, connection = m_connection, repo = m_repoRoot](
            const JobContext &) -> Result<QList<schema::SchemaTimelineEntry>> {
            auto db = DatabaseWork::openStore();
            if (!db)
                return db.error();
            return schema::SchemaSnapshotStore(db.value())
                .timeline(key, {}, DatabaseWork::snapshotRepository(connection, repo));
        },
        [this, generation](Result<QList<schema::SchemaTimelineEntry>> result) {
            if (generation != m_generation)
                return;
            --m_pending;
            m_error = result.errorMessage();
            m_timeline = result ? result.value() : QList<schema::SchemaTimelineEntry>();
            // The store names snapshots by id; people know them by environment and date.
            const QDateTime now = QDateTime::currentDateTime();
            for (qsizetype i = 1; i < m_timeline.size(); ++i) {
                if (!m_timeline[i].changes)
                    continue;
                m_timeline[i].changes->beforeLabel
                    = SnapshotLabel::of(m_connection.name, m_timeline[i - 1].snapshot.takenAt, now);
                m_timeline[i].changes->afterLabel
                    = SnapshotLabel::of(m_connection.name, m_timeline[i].snapshot.takenAt, now);
            }
            fill();
            Q_EMIT timelineLoaded();
        });
}

void SchemaHistoryView::saveSnapshot(
    const DatabaseConnection &connection, const schema::SchemaCatalog &catalog, bool quiet)
{
    const QString key = DatabaseWork::snapshotKey(connection, m_repoRoot);
    const QString repo = m_repoRoot;
    const QString environment = connection.configured ? connection.name : QString();
    ++m_pending;
    const quint64 generation = m_generation;
    runJob(
        m_jobs, tr("Saving a schema snapshot of %1").arg(connection.name), this,
        [catalog, key, repo, environment](const JobContext &) -> Result<schema::SavedSnapshot> {
            auto db = DatabaseWork::openStore();
            if (!db)
                return db.error();
            const QString repoKey = repo.isEmpty() ? QString() : TestStoreAccess::repositoryKey(repo);
            return schema::SchemaSnapshotStore(db.value()).save(catalog, key, repoKey, environment);
        },
        [this, generation, quiet, name = connection.name](Result<schema::SavedSnapshot> result) {
            if (generation == m_generation)
                --m_pending;
            if (!result) {
                Q_EMIT statusMessage(tr("Cannot save a snapshot of %1: %2").arg(name, result.errorMessage()));
                return;
            }
            if (!quiet || result->added)
                Q_EMIT statusMessage(result->added
                        ? tr("Saved a snapshot of %1").arg(name)
                        : tr("%1 has not changed since its last snapshot").arg(name));
            if (generation == m_generation && name == m_connection.name
                && (result->added || m_timeline.isEmpty()))
                reload();
        });
}

void SchemaHistoryView::saveSnapshotNow()
{
    if (m_connection.name.isEmpty())
        return;
    const DatabaseConnection connection = m_connection;
    const QString repo = m_repoRoot;
    const quint64 generation = m_generation;
    ++m_pending;
    m_saveButton->setEnabled(false);
    runJob(
        m_jobs, tr("Inspecting %1 for a snapshot").arg(connection.name), this,
        [connection, repo](
            const JobContext &job) { return DatabaseWork::inspect(connection, repo, job.token); },
        [this, generation, connection](Result<schema::SchemaCatalog> result) {
            if (generation != m_generation)
                return;
            --m_pending;
            m_saveButton->setEnabled(true);
            if (!result) {
                Q_EMIT statusMessage(result.errorMessage());
                return;
            }
            m_catalog = result.value();
            saveSnapshot(connection, m_catalog, false);
        });
}

void SchemaHistoryView::fill()
{
    m_tree->clear();
    m_details->clear();
    if (!m_error.isEmpty()) {
        m_title->setText(tr("Cannot read the schema history of %1: %2").arg(m_connection.name, m_error));
        return;
    }
    m_title->setText(
        tr("Schema history of %1 — %n snapshot(s)", nullptr, int(m_timeline.size())).arg(m_connection.name));
    const QDateTime now = QDateTime::currentDateTime();
    for (int i = int(m_timeline.size()) - 1; i >= 0; --i) {
        const schema::SchemaTimelineEntry &entry = m_timeline.at(i);
        auto *item = new QTreeWidgetItem(m_tree,
            { SnapshotLabel::when(entry.snapshot.takenAt, now), QString::number(entry.snapshot.tableCount),
                changeSummary(entry.changes) });
        item->setData(0, Qt::UserRole, i);
        item->setToolTip(0,
            tr("%1, taken %2 — right-click to compare it with the live database")
                .arg(m_connection.name,
                    DisplayTime::exact(entry.snapshot.takenAt)));
        if (entry.changes) {
            for (const schema::TableDiff &t : entry.changes->tables) {
                auto *child = new QTreeWidgetItem(
                    item, { schema::changeKindName(t.change), QString(), t.qualifiedName() });
                child->setData(0, Qt::UserRole, i);
            }
        }
    }
    if (m_tree->topLevelItemCount() > 0)
        m_tree->setCurrentItem(m_tree->topLevelItem(0));
    else
        m_details->setPlainText(tr("No snapshots yet. A configured database is snapshotted each time it is "
                                   "opened; \"Save Snapshot Now\" saves one at any time."));
}

void SchemaHistoryView::showSelected()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    if (!item)
        return;
    const int i = item->data(0, Qt::UserRole).toInt();
    if (i < 0 || i >= m_timeline.size())
        return;
    const schema::SchemaTimelineEntry &entry = m_timeline.at(i);
    if (!entry.changes) {
        m_details->setPlainText(
            tr("The first snapshot of %1, taken %2: %n table(s).", nullptr, entry.snapshot.tableCount)
                .arg(m_connection.name, SnapshotLabel::when(entry.snapshot.takenAt)));
        return;
    }
    m_details->setPlainText(schema::SchemaDiffReport::toText(*entry.changes));
}

QString SchemaHistoryView::detailsText() const
{
    return m_details->toPlainText();
}

void SchemaHistoryView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

} // namespace devdash::ui
