#pragma once

// The selected case of a run: its failure message, stack trace, output and
// earlier attempts, as selectable text (people copy traces into tickets). Every
// `file:line` that names a file of the repository is a link (sourceLinkActivated).

#include <QList>
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

    // The top folder `file:line` references are resolved in; none: no links.
    void setRepositoryRoot(const QString &path) { m_root = path; }
    // The references shown as links, in order.
    struct Link
    {
        QString file;
        int line = 0;
    };
    const QList<Link> &links() const { return m_links; }
    // Follows link `index` as a click does.
    void activateLink(int index);

Q_SIGNALS:
    void sourceLinkActivated(const QString &file, int line);

private:
    QString block(const QString &title, const QString &text);
    QString linkified(const QString &text);

    QString m_root;
    QList<Link> m_links;
};

} // namespace devdash::ui
