#pragma once

// Exports of the Tests page: a chart as PNG, a table as CSV. The writing is
// separate from the file dialogs so that it can be tested without one.

#include "common/Result.h"

#include <QImage>
#include <QString>

class QAbstractItemModel;
class QWidget;

namespace devdash::ui {

class ChartExport
{
public:
    // RFC 4180: a header row from the model's horizontal headers, then one row per
    // top-level row; fields with commas, quotes or line breaks are quoted.
    static QString toCsv(const QAbstractItemModel &model);
    // Written atomically (QSaveFile): a failed export never leaves half a file.
    static Result<void> saveCsv(const QAbstractItemModel &model, const QString &path);
    static Result<void> savePng(const QImage &image, const QString &path);
    // Renders a widget (a chart view) at its current size.
    static Result<void> savePng(QWidget *widget, const QString &path);
};

} // namespace devdash::ui
