#include "ErDiagramView.h"

#include "ErEdgeItem.h"
#include "ErGraphicsView.h"
#include "ErLayout.h"
#include "ErTableItem.h"

#include "common/Background.h"
#include "common/ElidedLabel.h"
#include "common/Icons.h"
#include "common/Theme.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QSet>
#include <QSvgGenerator>
#include <QToolButton>
#include <QVBoxLayout>

namespace devdash::ui {

namespace {
constexpr double ExportMargin = 24;
constexpr int MaxExportSide = 12000; // pixels; larger drawings are scaled down

QToolButton *toolButton(const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    return button;
}
} // namespace

ErDiagramView::ErDiagramView(QWidget *parent)
    : QWidget(parent)
    , m_palette(Theme::isDark() ? ErPalette::dark() : ErPalette::light())
    , m_scene(new QGraphicsScene(this))
    , m_view(new ErGraphicsView(this))
    , m_scope(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_summary(new ElidedLabel(this))
{
    m_view->setScene(m_scene);
    m_scope->setObjectName(QStringLiteral("erScope"));
    m_scope->setToolTip(tr("Draw a whole schema, or the tables selected in the tree and their neighbours"));
    m_scope->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_search->setPlaceholderText(tr("Find a table"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(120);
    m_search->setMaximumWidth(260);
    m_search->addAction(Icons::get(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    auto *zoomOutButton = toolButton(QStringLiteral("−"), tr("Zoom out (−, Ctrl+wheel)"), this);
    auto *zoomInButton = toolButton(QStringLiteral("+"), tr("Zoom in (+, Ctrl+wheel)"), this);
    auto *fitButton = toolButton(tr("Fit"), tr("Fit the diagram in the view (0)"), this);
    auto *exportButton = toolButton(tr("Export"), tr("Save the diagram as PNG or SVG"), this);
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("PNG Image…"), this, [this] { chooseExport(false); });
    exportMenu->addAction(tr("SVG Drawing…"), this, [this] { chooseExport(true); });
    exportButton->setMenu(exportMenu);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 4, 8, 4);
    bar->setSpacing(6);
    bar->addWidget(new QLabel(tr("Draw:"), this));
    bar->addWidget(m_scope);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_summary, 1); // gives way first: "8 table(s) · 7 foreign key(s)" cut with "…"
    bar->addWidget(zoomOutButton);
    bar->addWidget(zoomInButton);
    bar->addWidget(fitButton);
    bar->addWidget(exportButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    applyPalette();

    connect(zoomInButton, &QToolButton::clicked, this, &ErDiagramView::zoomIn);
    connect(zoomOutButton, &QToolButton::clicked, this, &ErDiagramView::zoomOut);
    connect(fitButton, &QToolButton::clicked, this, &ErDiagramView::fitToView);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) { search(text); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { search(m_search->text()); });
    connect(m_scope, &QComboBox::activated, this, [this](int index) {
        m_selectionScope = index == m_scope->count() - 1;
        m_fitAfterLayout = true;
        relayout();
    });
    connect(m_view, &ErGraphicsView::tableActivated, this, &ErDiagramView::tableActivated);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        for (ErEdgeItem *edge : std::as_const(m_edges))
            edge->update();
    });
}

ErDiagramView::~ErDiagramView() = default;

void ErDiagramView::setCatalog(const schema::SchemaCatalog &catalog)
{
    const bool sameDatabase = catalog.database == m_catalog.database && catalog.driver == m_catalog.driver;
    m_catalog = catalog;
    m_fitAfterLayout = !sameDatabase || m_tables.isEmpty();
    rebuildScopes();
    relayout();
}

void ErDiagramView::clear()
{
    ++m_generation;
    m_catalog = {};
    m_pendingLayout = false;
    rebuildScopes();
    build({}, {});
}

void ErDiagramView::setSelectedTables(const QStringList &qualifiedNames)
{
    if (m_selected == qualifiedNames)
        return;
    m_selected = qualifiedNames;
    if (isSelectionScope()) {
        m_fitAfterLayout = true;
        relayout();
    }
}

void ErDiagramView::showSchema(const QString &schema)
{
    const int index = m_scope->findData(schema);
    if (index < 0)
        return;
    m_scope->setCurrentIndex(index);
    m_selectionScope = false;
    m_fitAfterLayout = true;
    relayout();
}

void ErDiagramView::showSelection()
{
    m_scope->setCurrentIndex(m_scope->count() - 1);
    m_selectionScope = true;
    m_fitAfterLayout = true;
    relayout();
}

bool ErDiagramView::isSelectionScope() const
{
    return m_scope->count() > 0 && (m_selectionScope || m_scope->count() == 1);
}

void ErDiagramView::rebuildScopes()
{
    const QString previous = m_scope->currentData().toString();
    QStringList schemas;
    for (const schema::Table &t : std::as_const(m_catalog.tables))
        if (!schemas.contains(t.schema))
            schemas << t.schema;
    const QSignalBlocker block(m_scope);
    m_scope->clear();
    for (const QString &schema : std::as_const(schemas))
        m_scope->addItem(tr("Schema %1").arg(schema), schema);
    m_scope->addItem(tr("Selection and neighbours"), QString());
    int index = int(schemas.indexOf(previous));
    if (m_selectionScope)
        index = m_scope->count() - 1;
    // The user's own schema rather than a system one when there are several.
    if (index < 0)
        index = schemas.indexOf(QStringLiteral("public"));
    m_scope->setCurrentIndex(std::max(0, index));
}

void ErDiagramView::relayout()
{
    QList<const schema::Table *> tables;
    if (isSelectionScope()) {
        QSet<QString> wanted(m_selected.cbegin(), m_selected.cend());
        // The selection plus one hop of foreign keys in either direction.
        QSet<QString> withNeighbours = wanted;
        for (const schema::Table &t : std::as_const(m_catalog.tables)) {
            for (const schema::ForeignKey &fk : t.foreignKeys) {
                const QString target = fk.refSchema + QLatin1Char('.') + fk.refTable;
                if (wanted.contains(t.qualifiedName()))
                    withNeighbours.insert(target);
                if (wanted.contains(target))
                    withNeighbours.insert(t.qualifiedName());
            }
        }
        for (const schema::Table &t : std::as_const(m_catalog.tables))
            if (withNeighbours.contains(t.qualifiedName()))
                tables << &t;
    } else {
        const QString schema = m_scope->currentData().toString();
        for (const schema::Table &t : std::as_const(m_catalog.tables))
            if (t.schema == schema)
                tables << &t;
    }
    const int inScope = int(tables.size());
    if (tables.size() > MaxTables)
        tables.resize(MaxTables);

    ErLayoutInput input;
    QHash<QString, int> indexOf;
    const QFont font = this->font();
    for (int i = 0; i < tables.size(); ++i) {
        input.sizes << ErTableItem::measure(*tables.at(i), font);
        indexOf.insert(tables.at(i)->qualifiedName(), i);
    }
    for (int i = 0; i < tables.size(); ++i)
        for (const schema::ForeignKey &fk : tables.at(i)->foreignKeys) {
            const int target = indexOf.value(fk.refSchema + QLatin1Char('.') + fk.refTable, -1);
            if (target >= 0)
                input.edges << std::pair { i, target };
        }
    const QSize viewSize = m_view->viewport()->size();
    if (viewSize.height() > 100)
        input.aspect = std::clamp(double(viewSize.width()) / viewSize.height(), 1.0, 2.4);

    if (inScope > MaxTables)
        m_summary->setText(
            tr("%1 of %2 tables: select tables in the tree to draw fewer").arg(MaxTables).arg(inScope));
    const quint64 generation = ++m_generation;
    m_pendingLayout = true;
    // Copies of the tables travel with the job: the catalog may change meanwhile.
    QList<schema::Table> copies;
    copies.reserve(tables.size());
    for (const schema::Table *t : std::as_const(tables))
        copies << *t;
    runInBackground(
        this, [input] { return ErLayout::compute(input); },
        [this, generation, copies, inScope](const QList<QPointF> &positions) {
            if (generation != m_generation)
                return;
            QList<const schema::Table *> pointers;
            for (const schema::Table &t : copies)
                pointers << &t;
            build(pointers, positions);
            if (inScope <= MaxTables)
                m_summary->setText(tr("%n table(s)", nullptr, int(copies.size())) + QStringLiteral(" · ")
                    + tr("%n foreign key(s)", nullptr, int(m_edges.size())));
            m_pendingLayout = false;
            Q_EMIT layoutFinished();
        });
}

void ErDiagramView::build(const QList<const schema::Table *> &tables, const QList<QPointF> &positions)
{
    m_scene->clear();
    m_tables.clear();
    m_edges.clear();
    m_hint = nullptr;
    const QFont font = this->font();
    for (int i = 0; i < tables.size(); ++i) {
        auto *item = new ErTableItem(*tables.at(i), font, &m_palette);
        item->setPos(positions.value(i));
        m_scene->addItem(item);
        m_tables.insert(item->qualifiedName(), item);
    }
    for (const schema::Table *t : tables) {
        ErTableItem *from = m_tables.value(t->qualifiedName());
        for (const schema::ForeignKey &fk : t->foreignKeys) {
            ErTableItem *to = m_tables.value(fk.refSchema + QLatin1Char('.') + fk.refTable);
            if (!from || !to)
                continue;
            auto *edge
                = new ErEdgeItem(from, fk.columns.value(0), to, fk.refColumns.value(0), fk.name, &m_palette);
            m_scene->addItem(edge);
            m_edges << edge;
        }
    }
    if (tables.isEmpty()) {
        if (!m_catalog.tables.isEmpty() && isSelectionScope())
            showHint(tr("Select tables in the object tree: they are drawn here with their neighbours."));
        else if (!m_catalog.driver.isEmpty())
            showHint(tr("No tables in this schema."));
        m_summary->clear();
    }
    m_scene->setSceneRect(m_scene->itemsBoundingRect().adjusted(-200, -200, 200, 200));
    if (!m_search->text().isEmpty())
        search(m_search->text());
    if (m_fitAfterLayout) {
        m_view->fitAll();
        m_fitAfterLayout = false;
    }
}

void ErDiagramView::showHint(const QString &text)
{
    m_hint = m_scene->addSimpleText(text);
    m_hint->setBrush(m_palette.typeText);
}

int ErDiagramView::search(const QString &text)
{
    const QString needle = text.trimmed();
    ErTableItem *best = nullptr;
    int hits = 0;
    for (ErTableItem *item : std::as_const(m_tables)) {
        const bool hit = !needle.isEmpty() && item->tableName().contains(needle, Qt::CaseInsensitive);
        item->setSearchHit(hit);
        item->setDimmed(!needle.isEmpty() && !hit);
        if (!hit)
            continue;
        ++hits;
        // An exact name wins, then the shortest name, then the first by name.
        auto rank = [&needle](ErTableItem *i) {
            return std::tuple(i->tableName().compare(needle, Qt::CaseInsensitive) != 0, i->tableName().size(),
                i->tableName());
        };
        if (!best || rank(item) < rank(best))
            best = item;
    }
    if (best) {
        if (m_view->zoom() < 0.6)
            m_view->setZoom(0.8);
        m_view->centerOn(best);
    }
    if (!needle.isEmpty())
        m_search->setStyleSheet(hits ? QString() : QStringLiteral("QLineEdit { color: #d1242f; }"));
    else
        m_search->setStyleSheet(QString());
    return hits;
}

void ErDiagramView::zoomIn()
{
    m_view->zoomBy(1.25);
}

void ErDiagramView::zoomOut()
{
    m_view->zoomBy(1 / 1.25);
}

void ErDiagramView::fitToView()
{
    m_view->fitAll();
}

double ErDiagramView::zoom() const
{
    return m_view->zoom();
}

QRectF ErDiagramView::exportRect() const
{
    return m_scene->itemsBoundingRect().adjusted(-ExportMargin, -ExportMargin, ExportMargin, ExportMargin);
}

Result<void> ErDiagramView::exportPng(const QString &path) const
{
    if (m_tables.isEmpty())
        return Error { tr("There is no diagram to export: choose a schema with tables first") };
    const QRectF source = exportRect();
    double scale = 2.0; // crisp on high-density screens and in documents
    scale = std::min(scale, MaxExportSide / std::max(source.width(), source.height()));
    QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(m_palette.background);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        m_scene->render(&painter, QRectF(QPointF(0, 0), QSizeF(image.size())), source);
    }
    if (!image.save(path, "PNG"))
        return Error {
            tr("Cannot write %1: check the folder exists and is writable").arg(QDir::toNativeSeparators(path))
        };
    return {};
}

Result<void> ErDiagramView::exportSvg(const QString &path) const
{
    if (m_tables.isEmpty())
        return Error { tr("There is no diagram to export: choose a schema with tables first") };
    const QRectF source = exportRect();
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(tr("ER diagram of %1").arg(m_catalog.database));
    generator.setDescription(tr("Made by DevDash"));
    {
        QPainter painter;
        if (!painter.begin(&generator))
            return Error { tr("Cannot write %1: check the folder exists and is writable")
                               .arg(QDir::toNativeSeparators(path)) };
        painter.fillRect(QRectF(QPointF(0, 0), source.size()), m_palette.background);
        m_scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
        painter.end();
    }
    if (QFileInfo(path).size() == 0)
        return Error {
            tr("Writing %1 failed: the file is empty (is the disk full?)").arg(QDir::toNativeSeparators(path))
        };
    return {};
}

void ErDiagramView::chooseExport(bool svg)
{
    const QString suggested = QDir::home().filePath(
        (m_catalog.database.isEmpty() ? QStringLiteral("schema")
                                      : QFileInfo(m_catalog.database).completeBaseName())
        + (svg ? QStringLiteral("-er.svg") : QStringLiteral("-er.png")));
    const QString path = QFileDialog::getSaveFileName(this, svg ? tr("Export SVG") : tr("Export PNG"),
        suggested, svg ? tr("SVG drawings (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    const Result<void> result = svg ? exportSvg(path) : exportPng(path);
    Q_EMIT statusMessage(result ? tr("Saved %1").arg(QDir::toNativeSeparators(path)) : result.errorMessage());
}

void ErDiagramView::applyPalette()
{
    m_palette = Theme::isDark() ? ErPalette::dark() : ErPalette::light();
    m_scene->setBackgroundBrush(m_palette.background);
    if (m_hint)
        m_hint->setBrush(m_palette.typeText);
    m_scene->update();
}

void ErDiagramView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

} // namespace devdash::ui
