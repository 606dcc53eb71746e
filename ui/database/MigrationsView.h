#pragma once

// The migrations of the selected database against a ref of the repository (any
// branch or commit, read through libgit2 without a checkout), each with its state
// in colour — applied, pending, failed, missing, checksum mismatch, out of order,
// future — and the matrix of migrations × refs and environments, with its one-line
// answer ("feature/x adds 2 migrations; staging has 1 of them; production none").
// Read on workers, one read-only connection each.

#include "DatabaseConnection.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace devdash::migrations {
class MigrationListModel;
class MigrationMatrixModel;
} // namespace devdash::migrations

namespace devdash::ui {

class Workspace;

class MigrationsView final : public QWidget
{
    Q_OBJECT
public:
    explicit MigrationsView(Workspace *workspace, QWidget *parent = nullptr);

    void setConnections(const QList<DatabaseConnection> &connections, const QString &repoRoot);
    void setCurrentDatabase(const QString &name);
    // The ref whose files are compared ("main", "feature/x", a commit); empty: HEAD.
    void setRef(const QString &ref);
    QString ref() const;
    // Selects the migration of file `file` (a path, or only its name) once the list
    // has it, reading the files at `ref` first when given.
    void selectMigration(const QString &file, const QString &ref = {});
    // The file path of the selected migration; empty: none.
    QString selectedMigrationPath() const;
    void refresh();
    bool isBusy() const { return m_pending > 0; }

    migrations::MigrationListModel *listModel() const { return m_list; }
    migrations::MigrationMatrixModel *matrixModel() const { return m_matrix; }
    QTableView *listView() const { return m_listView; }
    QTableView *matrixView() const { return m_matrixView; }
    QString summary() const;
    QString listError() const { return m_listError; }

Q_SIGNALS:
    void statusMessage(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void loadList();
    void loadMatrix();
    void fillRefs();
    bool trySelectWanted();

    Workspace *m_workspace;
    QList<DatabaseConnection> m_connections;
    QString m_repoRoot;
    QString m_current;
    QString m_listError;
    QString m_wantedFile; // select when the list has it
    quint64 m_generation = 0;
    int m_pending = 0;
    bool m_stale = true;

    QComboBox *m_refBox;
    QLabel *m_listTitle;
    QLabel *m_summary;
    migrations::MigrationListModel *m_list;
    migrations::MigrationMatrixModel *m_matrix;
    QTableView *m_listView;
    QTableView *m_matrixView;
};

} // namespace devdash::ui
