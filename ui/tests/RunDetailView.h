#pragma once

// The selected case of a run: its failure message, stack trace, output and
// earlier attempts, as selectable text (people copy traces into tickets).

#include <QTextBrowser>

namespace devdash::testresults {
struct CaseResult;
struct SuiteResult;
struct RunDetails;
} // namespace devdash::testresults

namespace devdash::ui {

class RunDetailView final : public QTextBrowser
{
    Q_OBJECT
public:
    explicit RunDetailView(QWidget *parent = nullptr);

    void showCase(const testresults::CaseResult &result);
    void showSuite(const testresults::SuiteResult &suite);
    void showRun(const testresults::RunDetails &run);
    void showMessage(const QString &text);
};

} // namespace devdash::ui
