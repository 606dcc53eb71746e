#pragma once

// One table of the ER diagram: a box with the table's name and its columns, each
// with its key marker (PK, FK) and type. Edges ask it where a column's row is.

#include "schema/SchemaCatalog.h"

#include <QFont>
#include <QGraphicsItem>

namespace devdash::ui {

struct ErPalette;

class ErTableItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 71 };
    static constexpr int MaxRows = 28; // more columns end in "… N more"

    ErTableItem(const schema::Table &table, const QFont &font, const ErPalette *palette);

    // The box a table needs with this font (what the layout gets).
    static QSizeF measure(const schema::Table &table, const QFont &font);

    QString qualifiedName() const { return m_qualifiedName; }
    QString tableName() const { return m_name; }
    // Scene y of a column's row (its header when the column is not drawn).
    double anchorY(const QString &column) const;
    QRectF sceneBox() const { return mapRectToScene(m_rect); }

    void setSearchHit(bool hit);
    bool isSearchHit() const { return m_searchHit; }
    void setDimmed(bool dimmed);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    struct Row
    {
        QString name;
        QString type;
        bool primary = false;
        bool foreign = false;
    };

    QString m_qualifiedName;
    QString m_name;
    bool m_isView = false;
    QList<Row> m_rows;
    int m_hiddenRows = 0;
    QFont m_font;
    QFont m_boldFont;
    QFont m_markerFont;
    double m_headerHeight = 0;
    double m_rowHeight = 0;
    double m_markerWidth = 0;
    QRectF m_rect;
    const ErPalette *m_palette;
    bool m_searchHit = false;
    bool m_dimmed = false;
};

} // namespace devdash::ui
