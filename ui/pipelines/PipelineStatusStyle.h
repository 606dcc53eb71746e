#pragma once

// How a pipeline status looks everywhere (run table, stage graph, History dots,
// Branches column, tray icon): one colour per status that reads on the light and
// the dark palette, a small drawn glyph (✓, ✕, running ring…) and a word.

#include "ci/PipelineRun.h"

#include <QColor>
#include <QIcon>
#include <QString>

class QPainter;
class QRectF;

namespace devdash::ui {

class PipelineStatusStyle
{
public:
    static QColor color(ci::RunStatus status);
    // The status colour mixed into the view's base colour: a box background.
    static QColor tint(ci::RunStatus status, const QColor &base, qreal amount = 0.16);
    // "Success", "Failed", "Running"…
    static QString label(ci::RunStatus status);
    // A filled disc in the status colour with its glyph in the middle.
    static void paintIcon(QPainter *painter, const QRectF &rect, ci::RunStatus status);
    // The same as an icon (cached per status and theme).
    static QIcon icon(ci::RunStatus status);
    // How bad a status is, to pick the worst of several (tray, branch summary).
    static int severity(ci::RunStatus status);
    // "1 h 02 min", "3 min 12 s", "45 s"; empty when unknown (negative).
    static QString duration(double seconds);
};

} // namespace devdash::ui
