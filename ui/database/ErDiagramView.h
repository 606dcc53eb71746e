#pragma once

// The ER diagram of a schema, or of the tables selected in the object tree plus
// their neighbours: tables as boxes with their columns and keys, foreign keys as
// arrows, laid out automatically on a worker (ErLayout). Zoom (Ctrl+wheel, +/−,
// fit), pan (drag), search that highlights and centres a table, export to PNG
// and SVG, light and dark.

#include "ErPalette.h"

#include "common/Result.h"
#include "schema/SchemaCatalog.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QGraphicsScene;
class QGraphicsSimpleTextItem;
class QLabel;
class QLineEdit;

namespace devdash::ui {

class ElidedLabel;

class ErEdgeItem;
class ErGraphicsView;
class ErTableItem;

class ErDiagramView final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int MaxTables = 400; // beyond, the diagram asks for a selection

    explicit ErDiagramView(QWidget *parent = nullptr);
    ~ErDiagramView() override;

    void setCatalog(const schema::SchemaCatalog &catalog);
    void clear();
    // The tables selected in the object tree ("schema.name"): the selection scope.
    void setSelectedTables(const QStringList &qualifiedNames);
    // Draws one schema, or (empty) the selection and its neighbours.
    void showSchema(const QString &schema);
    void showSelection();
    bool isSelectionScope() const;

    // Highlights the tables whose name contains `text` and centres the best one;
    // returns how many matched.
    int search(const QString &text);
    void zoomIn();
    void zoomOut();
    void fitToView();
    double zoom() const;

    Result<void> exportPng(const QString &path) const;
    Result<void> exportSvg(const QString &path) const;

    QGraphicsScene *scene() const { return m_scene; }
    ErGraphicsView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *scopeBox() const { return m_scope; }
    int tableCount() const { return int(m_tables.size()); }
    int edgeCount() const { return int(m_edges.size()); }
    ErTableItem *tableItem(const QString &qualifiedName) const { return m_tables.value(qualifiedName); }
    QList<ErEdgeItem *> edges() const { return m_edges; }
    // A layout is being computed on a worker.
    bool isLayoutPending() const { return m_pendingLayout; }

Q_SIGNALS:
    void layoutFinished();
    void tableActivated(const QString &qualifiedName);
    void statusMessage(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuildScopes();
    void relayout();
    void build(const QList<const schema::Table *> &tables, const QList<QPointF> &positions);
    void applyPalette();
    void chooseExport(bool svg);
    QRectF exportRect() const;
    void showHint(const QString &text);

    schema::SchemaCatalog m_catalog;
    QStringList m_selected;
    ErPalette m_palette;
    QGraphicsScene *m_scene;
    ErGraphicsView *m_view;
    QComboBox *m_scope;
    QLineEdit *m_search;
    ElidedLabel *m_summary;
    QHash<QString, ErTableItem *> m_tables;
    QList<ErEdgeItem *> m_edges;
    QGraphicsSimpleTextItem *m_hint = nullptr;
    quint64 m_generation = 0;
    bool m_pendingLayout = false;
    bool m_fitAfterLayout = true;
    bool m_selectionScope = false; // the user chose the selection rather than a schema
};

} // namespace devdash::ui
