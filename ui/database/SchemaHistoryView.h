#pragma once

// The schema history of the selected database: its snapshots in DevDash's store
// (schema-core's SchemaSnapshotStore), newest first, each with a summary of what
// changed since the one before, and the changes of the selected one in full.
// "Save Snapshot Now" inspects the database again and saves it (the store skips
// an unchanged schema). Store access runs on workers.

#include "DatabaseConnection.h"

#include "schema/SchemaCatalog.h"
#include "schema/SchemaSnapshotStore.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace devdash {
class JobTracker;
}

namespace devdash::ui {

class SchemaHistoryView final : public QWidget
{
    Q_OBJECT
public:
    explicit SchemaHistoryView(JobTracker *jobs, QWidget *parent = nullptr);

    // The database whose timeline is shown (an empty name: none).
    void setDatabase(const DatabaseConnection &connection, const QString &repoRoot);
    // What the page inspected last for that database.
    void setCatalog(const schema::SchemaCatalog &catalog);
    // Saves `catalog` as a snapshot of `connection` (on a worker); `quiet`: no status
    // message when nothing changed (the automatic snapshot when a database opens).
    void saveSnapshot(const DatabaseConnection &connection, const schema::SchemaCatalog &catalog, bool quiet);
    // Inspects the shown database again and saves it.
    void saveSnapshotNow();
    void reload();

    bool isBusy() const { return m_pending > 0; }
    const QList<schema::SchemaTimelineEntry> &timeline() const { return m_timeline; }
    QTreeWidget *timelineTree() const { return m_tree; }
    QString errorText() const { return m_error; }
    QString detailsText() const; // what the selected snapshot changed, as shown

Q_SIGNALS:
    void statusMessage(const QString &text);
    void timelineLoaded();
    // "Compare with the Live Database" on a snapshot: `snapshot` is "snapshot:ID".
    void compareRequested(const QString &snapshot, const QString &connectionName);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void fill();
    void showSelected();

    JobTracker *m_jobs;
    DatabaseConnection m_connection;
    QString m_repoRoot;
    schema::SchemaCatalog m_catalog;
    QList<schema::SchemaTimelineEntry> m_timeline;
    QString m_error;
    quint64 m_generation = 0;
    int m_pending = 0;
    bool m_stale = true;

    QLabel *m_title;
    QPushButton *m_saveButton;
    QTreeWidget *m_tree;
    QPlainTextEdit *m_details;
};

} // namespace devdash::ui
