#include "ChartExport.h"

#include <QAbstractItemModel>
#include <QBuffer>
#include <QSaveFile>
#include <QWidget>

namespace devdash::ui {

namespace {
QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"'))
        && !value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

Result<void> writeAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error { QStringLiteral("Cannot write %1: %2 (choose another folder or free some space)")
                           .arg(path, file.errorString()) };
    return {};
}
} // namespace

QString ChartExport::toCsv(const QAbstractItemModel &model)
{
    QString out;
    QStringList fields;
    for (int column = 0; column < model.columnCount(); ++column)
        fields << csvField(model.headerData(column, Qt::Horizontal).toString());
    out += fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (int row = 0; row < model.rowCount(); ++row) {
        fields.clear();
        for (int column = 0; column < model.columnCount(); ++column)
            fields << csvField(model.index(row, column).data().toString());
        out += fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out;
}

Result<void> ChartExport::saveCsv(const QAbstractItemModel &model, const QString &path)
{
    return writeAtomically(path, toCsv(model).toUtf8());
}

Result<void> ChartExport::savePng(const QImage &image, const QString &path)
{
    if (image.isNull())
        return Error { QStringLiteral("Nothing to export: the chart is empty") };
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return Error { QStringLiteral("Cannot encode the chart as PNG") };
    return writeAtomically(path, bytes);
}

Result<void> ChartExport::savePng(QWidget *widget, const QString &path)
{
    return savePng(widget ? widget->grab().toImage() : QImage(), path);
}

} // namespace devdash::ui
