#pragma once

// The selected object of the Database page: a header with its name, kind and
// statistics (estimated rows, size), then tabs: Columns, Keys & constraints,
// Indexes, Triggers, DDL and Data (the first rows, asked for only when the tab
// is shown: previewRequested()).

#include "schema/SchemaCatalog.h"
#include "schema/SchemaInspector.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStandardItemModel;
class QTabWidget;
class QTableView;
class QTreeWidget;

namespace devdash::schema {
class TableColumnsModel;
}

namespace devdash::ui {

class SqlHighlighter;

class ObjectDetailView final : public QWidget
{
    Q_OBJECT
public:
    enum Tab { ColumnsTab, KeysTab, IndexesTab, TriggersTab, DdlTab, DataTab };

    explicit ObjectDetailView(QWidget *parent = nullptr);

    // `catalog` gives the foreign keys that point at the table ("Referenced by").
    void showTable(const schema::Table &table, const schema::SchemaCatalog &catalog);
    void showSequence(const schema::Sequence &sequence);
    void showType(const schema::UserType &type);
    void showNothing(const QString &text);

    void setPreviewLoading();
    void setPreview(const schema::RowPreview &preview, int limit);
    void setPreviewError(const QString &message);
    bool hasPreview() const { return m_previewLoaded; }
    QString previewStatus() const;

    QString shownTable() const { return m_tableName; } // "schema.name"; empty: none
    void showTab(Tab tab);
    QTabWidget *tabs() const { return m_tabs; }
    schema::TableColumnsModel *columnsModel() const { return m_columns; }
    QTableView *columnsView() const { return m_columnsView; }
    QTreeWidget *keysTree() const { return m_keys; }
    QTreeWidget *indexesTree() const { return m_indexes; }
    QTreeWidget *triggersTree() const { return m_triggers; }
    QPlainTextEdit *ddlView() const { return m_ddl; }
    QTableView *dataView() const { return m_dataView; }
    QStandardItemModel *dataModel() const { return m_data; }
    QString headerText() const;

Q_SIGNALS:
    // The Data tab is shown for a table whose rows are not loaded yet.
    void previewRequested(const devdash::schema::Table &table);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillKeys(const schema::Table &table, const schema::SchemaCatalog &catalog);
    void fillIndexes(const schema::Table &table);
    void fillTriggers(const schema::Table &table);
    void setTableTabsEnabled(bool enabled);
    void maybeRequestPreview();

    QLabel *m_title;
    QLabel *m_stats;
    QTabWidget *m_tabs;
    schema::TableColumnsModel *m_columns;
    QTableView *m_columnsView;
    QTreeWidget *m_keys;
    QTreeWidget *m_indexes;
    QTreeWidget *m_triggers;
    QPlainTextEdit *m_ddl;
    SqlHighlighter *m_highlighter;
    QStandardItemModel *m_data;
    QTableView *m_dataView;
    QLabel *m_dataStatus;
    schema::Table m_table;
    QString m_tableName;
    bool m_previewLoaded = false;
    bool m_previewRequested = false;
};

} // namespace devdash::ui
