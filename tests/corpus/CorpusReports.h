#pragma once

// The public corpus's test reports and CI answers (DEVDASH_CORPUS_DIR: junit/,
// ci-api/github, ci-api/gitlab, cctray/), each file with its expected figures.

#include <QObject>

class CorpusReports : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void junitReports_data();
    void junitReports();
    void everyJunitReportIsListed();
    void xxeRefused();
    void junitDetails();

    void everyCiFileIsListed();
    void githubWorkflowRuns();
    void gitlabPipelines();
    void cctrayFeeds();
};
