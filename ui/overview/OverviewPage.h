#pragma once

// The landing page of a repository: where the work tree stands, the latest pipeline
// of each watched branch, the test trend and the open flaky tests, migration drift
// per environment, what is deployed where — and everything about one commit. Every
// item is a link to its page. Each card loads on its own worker, so a slow database
// holds back only its own card.

#include "common/Page.h"

class QLabel;
class QLineEdit;
class QGridLayout;

namespace devdash::ui {

class Workspace;
class Sparkline;
class OverviewCard;

class OverviewPage final : public Page
{
    Q_OBJECT
public:
    explicit OverviewPage(Workspace *workspace, QWidget *parent = nullptr);

    QString name() const override { return QStringLiteral("overview"); }
    QString title() const override { return tr("Overview"); }
    QIcon icon() const override;
    void setRepository(const QString &path) override;
    void refresh() override;
    bool isReady() const override { return m_pending == 0 && !m_path.isEmpty(); }

    // Shows the commit card for `revision` (History → "Show Commit Overview").
    void showCommit(const QString &revision);

private:
    void load();
    void loadCommit();
    void openLink(const QString &link);
    void finishOne(quint64 generation);
    template<typename Work, typename Done> void start(const QString &title, Work work, Done done);

    Workspace *m_workspace;
    QString m_path;
    QString m_commit; // the commit card's revision; empty: HEAD
    quint64 m_generation = 0; // results of an older load are dropped
    int m_pending = 0;

    QLabel *m_heading;
    OverviewCard *m_branchCard;
    OverviewCard *m_pipelinesCard;
    OverviewCard *m_testsCard;
    Sparkline *m_sparkline;
    OverviewCard *m_databasesCard;
    OverviewCard *m_deploymentsCard;
    OverviewCard *m_commitCard;
    QLineEdit *m_commitField;
};

} // namespace devdash::ui
