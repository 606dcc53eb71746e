#pragma once

// Two databases side by side (staging vs production): pick the two sides, the
// schemas and tables to include or leave out, and the differences come from
// schema-core's SchemaDiff, run on a worker after both are inspected there. A
// tree of changes (tables added, removed, changed; inside, columns, keys,
// indexes…) and, for the selected change, the old and the new state side by
// side in colour. Exports JSON and a readable report. Either side may be a
// snapshot saved in the store (what production looked like last week).

#include "DatabaseConnection.h"

#include "common/Result.h"
#include "schema/SchemaDiff.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace devdash {
class JobTracker;
}

namespace devdash::ui {

class SchemaDiffView final : public QWidget
{
    Q_OBJECT
public:
    explicit SchemaDiffView(JobTracker *jobs, QWidget *parent = nullptr);

    // The connections to compare, and their saved snapshots (read from the store
    // on a worker; they join the side pickers when read).
    void setConnections(const QList<DatabaseConnection> &connections, const QString &repoRoot);
    // Chooses the two sides: a connection's name or "snapshot:ID".
    bool setSides(const QString &before, const QString &after);
    bool isLoadingSnapshots() const { return m_snapshotsPending; }
    void setFilter(const schema::DiffFilter &filter);
    // Inspects both sides on a worker and shows the differences.
    void compare();
    bool isBusy() const { return m_busy; }
    bool hasResult() const { return m_hasResult; }
    const schema::SchemaDifferences &differences() const { return m_differences; }
    QString errorText() const { return m_error; }

    Result<void> exportJson(const QString &path) const;
    Result<void> exportReport(const QString &path) const;
    QByteArray json() const;
    QString report() const;

    QTreeWidget *changesTree() const { return m_tree; }
    QTextBrowser *beforePane() const { return m_before; }
    QTextBrowser *afterPane() const { return m_after; }
    QLabel *summaryLabel() const { return m_summary; }

Q_SIGNALS:
    void statusMessage(const QString &text);
    void finished();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void loadSnapshots();
    void addSnapshotItem(qint64 id, const QString &label, const QString &tooltip);
    void fillTree();
    void showSelected();
    schema::DiffFilter filterFromFields() const;
    void chooseExport(bool json);
    static QStringList patterns(const QString &text);

    JobTracker *m_jobs;
    QList<DatabaseConnection> m_connections;
    QString m_repoRoot;
    schema::SchemaDifferences m_differences;
    QString m_error;
    quint64 m_generation = 0;
    bool m_busy = false;
    bool m_hasResult = false;
    bool m_stale = true;
    bool m_snapshotsPending = false;
    quint64 m_snapshotGeneration = 0;

    QComboBox *m_beforeBox;
    QComboBox *m_afterBox;
    QLineEdit *m_schemas;
    QLineEdit *m_excludeTables;
    QPushButton *m_compareButton;
    QPushButton *m_exportButton;
    QLabel *m_summary;
    QTreeWidget *m_tree;
    QTextBrowser *m_before;
    QTextBrowser *m_after;
};

} // namespace devdash::ui
