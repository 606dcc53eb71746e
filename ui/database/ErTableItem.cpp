#include "ErTableItem.h"

#include "ErPalette.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace devdash::ui {

namespace {
constexpr double Padding = 10;
constexpr double MinWidth = 150;
constexpr double MaxWidth = 340;

QFont boldOf(QFont font)
{
    font.setBold(true);
    return font;
}

QFont markerOf(QFont font)
{
    font.setPointSizeF(font.pointSizeF() * 0.78);
    font.setBold(true);
    return font;
}

QString elided(const QFontMetricsF &fm, const QString &text, double width)
{
    return fm.elidedText(text, Qt::ElideRight, width);
}
} // namespace

ErTableItem::ErTableItem(const schema::Table &table, const QFont &font, const ErPalette *palette)
    : m_qualifiedName(table.qualifiedName())
    , m_name(table.name)
    , m_isView(table.kind != schema::TableKind::Table)
    , m_font(font)
    , m_boldFont(boldOf(font))
    , m_markerFont(markerOf(font))
    , m_palette(palette)
{
    QStringList foreign;
    for (const schema::ForeignKey &fk : table.foreignKeys)
        foreign << fk.columns;
    for (const schema::Column &column : table.columns) {
        if (m_rows.size() >= MaxRows) {
            ++m_hiddenRows;
            continue;
        }
        m_rows << Row { column.name, column.type.toLower(), table.primaryKey.contains(column.name),
            foreign.contains(column.name) };
    }
    const QFontMetricsF fm(m_font);
    m_headerHeight = fm.height() + 12;
    m_rowHeight = fm.height() + 5;
    m_markerWidth = QFontMetricsF(m_markerFont).horizontalAdvance(QStringLiteral("PK")) + 8;
    m_rect = QRectF(QPointF(0, 0), measure(table, font));
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setToolTip(
        table.comment.isEmpty() ? m_qualifiedName : m_qualifiedName + QLatin1Char('\n') + table.comment);
}

QSizeF ErTableItem::measure(const schema::Table &table, const QFont &font)
{
    const QFontMetricsF fm(font);
    const QFontMetricsF bold(boldOf(font));
    const double marker = QFontMetricsF(markerOf(font)).horizontalAdvance(QStringLiteral("PK")) + 8;
    double width = bold.horizontalAdvance(table.name) + 2 * Padding;
    int rows = 0;
    for (const schema::Column &column : table.columns) {
        if (rows++ >= MaxRows)
            break;
        width = std::max(width,
            Padding + marker + fm.horizontalAdvance(column.name) + 18
                + fm.horizontalAdvance(column.type.toLower()) + Padding);
    }
    const int drawn
        = int(std::min<qsizetype>(table.columns.size(), MaxRows)) + (table.columns.size() > MaxRows ? 1 : 0);
    const double height = (fm.height() + 12) + drawn * (fm.height() + 5) + 6;
    return QSizeF(std::clamp(std::ceil(width), MinWidth, MaxWidth), std::ceil(height));
}

double ErTableItem::anchorY(const QString &column) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).name == column)
            return mapToScene(QPointF(0, m_headerHeight + (i + 0.5) * m_rowHeight)).y();
    return mapToScene(QPointF(0, m_headerHeight / 2)).y();
}

void ErTableItem::setSearchHit(bool hit)
{
    if (m_searchHit == hit)
        return;
    m_searchHit = hit;
    update();
}

void ErTableItem::setDimmed(bool dimmed)
{
    if (m_dimmed == dimmed)
        return;
    m_dimmed = dimmed;
    setOpacity(dimmed ? 0.35 : 1.0);
}

QRectF ErTableItem::boundingRect() const
{
    return m_rect.adjusted(-3, -3, 3, 3);
}

void ErTableItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const ErPalette &p = *m_palette;
    painter->setRenderHint(QPainter::Antialiasing);
    const double radius = 6;
    QColor borderColor = p.border;
    double borderWidth = 1;
    if (isSelected()) {
        borderColor = p.edgeHighlight;
        borderWidth = 2;
    }
    if (m_searchHit) {
        borderColor = p.searchHit;
        borderWidth = 3;
    }

    // Box, then the header clipped to the rounded shape.
    QPainterPath shape;
    shape.addRoundedRect(m_rect, radius, radius);
    painter->fillPath(shape, p.boxFill);
    painter->save();
    painter->setClipPath(shape);
    painter->fillRect(
        QRectF(0, 0, m_rect.width(), m_headerHeight), m_isView ? p.viewHeaderFill : p.headerFill);
    painter->restore();
    painter->setPen(QPen(borderColor, borderWidth));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(shape);

    painter->setFont(m_boldFont);
    painter->setPen(p.headerText);
    const QFontMetricsF boldFm(m_boldFont);
    painter->drawText(QRectF(Padding, 0, m_rect.width() - 2 * Padding, m_headerHeight),
        Qt::AlignVCenter | Qt::AlignLeft, elided(boldFm, m_name, m_rect.width() - 2 * Padding));

    const QFontMetricsF fm(m_font);
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        const QRectF line(0, m_headerHeight + i * m_rowHeight, m_rect.width(), m_rowHeight);
        if (row.primary || row.foreign) {
            painter->setFont(m_markerFont);
            painter->setPen(row.primary ? p.primaryKey : p.foreignKey);
            painter->drawText(QRectF(Padding, line.top(), m_markerWidth, line.height()),
                Qt::AlignVCenter | Qt::AlignLeft, row.primary ? QStringLiteral("PK") : QStringLiteral("FK"));
        }
        const double nameLeft = Padding + m_markerWidth;
        const double typeWidth = std::min(fm.horizontalAdvance(row.type), m_rect.width() * 0.45);
        painter->setFont(row.primary ? m_boldFont : m_font);
        painter->setPen(p.text);
        painter->drawText(
            QRectF(nameLeft, line.top(), m_rect.width() - nameLeft - typeWidth - Padding - 6, line.height()),
            Qt::AlignVCenter | Qt::AlignLeft,
            elided(fm, row.name, m_rect.width() - nameLeft - typeWidth - Padding - 6));
        painter->setFont(m_font);
        painter->setPen(p.typeText);
        painter->drawText(QRectF(m_rect.width() - Padding - typeWidth, line.top(), typeWidth, line.height()),
            Qt::AlignVCenter | Qt::AlignRight, elided(fm, row.type, typeWidth));
    }
    if (m_hiddenRows > 0) {
        painter->setPen(p.typeText);
        painter->drawText(QRectF(Padding + m_markerWidth, m_headerHeight + m_rows.size() * m_rowHeight,
                              m_rect.width(), m_rowHeight),
            Qt::AlignVCenter | Qt::AlignLeft,
            QCoreApplication::translate("ErTableItem", "… %n more column(s)", nullptr, m_hiddenRows));
    }
}

} // namespace devdash::ui
