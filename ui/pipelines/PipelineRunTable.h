#pragma once

// The Pipelines page's table of runs: one row per run, whole-row selection,
// sortable (newest first), status icons drawn by PipelineRunDelegate, and columns
// sized from the font so every column fits beside the stage graph on a 1280 px
// screen (the run's name takes what is left).

#include <QTableView>

class QAbstractItemModel;

namespace devdash::ui {

class PipelineRunTable final : public QTableView
{
    Q_OBJECT
public:
    // `model` is a proxy over ci::PipelineRunModel (its columns).
    explicit PipelineRunTable(QAbstractItemModel *model, QWidget *parent = nullptr);

private:
    void sizeColumns();
};

} // namespace devdash::ui
