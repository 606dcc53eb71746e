#pragma once

// Flaky tests under the three definitions in use, with their thresholds as spin
// boxes: a change asks the page to recompute (on a worker).

#include "testresults/FlakyDetector.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace devdash::testresults {
class FlakyTableModel;
}

namespace devdash::ui {

class FlakyView final : public QWidget
{
    Q_OBJECT
public:
    explicit FlakyView(QWidget *parent = nullptr);

    testresults::FlakyOptions options() const; // the branch is the page's
    void setFindings(const QList<testresults::FlakyFinding> &findings);
    testresults::FlakyTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QSpinBox *minFlipsBox() const { return m_minFlips; }

Q_SIGNALS:
    void optionsChanged();
    void testActivated(const QString &testKey);

private:
    testresults::FlakyTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QCheckBox *m_sameCommit;
    QCheckBox *m_retries;
    QCheckBox *m_flips;
    QSpinBox *m_minFlips;
    QSpinBox *m_flipWindow;
    QSpinBox *m_windowRuns;
    QDoubleSpinBox *m_minRate;
    QLabel *m_summary;
};

} // namespace devdash::ui
