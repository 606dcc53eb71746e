#pragma once

// Where a link leads beyond a page: the page and the one thing to show on it (a
// test's history, a database's migrations, a branch's pipelines, an environment's
// deployments). Pages ask for it with Page::navigationRequested; the window routes
// it to the page's own API, so a link lands on what it names.

#include <QMetaType>
#include <QString>

namespace devdash::ui {

struct Destination
{
    enum class Target {
        TestHistory, // Tests → History of `name` (a test key)
        TestRun, // Tests → Runs, run `runId` selected
        DatabaseEnvironment, // Databases → `environment`, its migrations
        Migration, // Databases → Migrations of `environment` (empty: the one shown), file `name` at `ref`
        PipelinesOfBranch, // Pipelines filtered to branch `name`
        DeploymentEnvironment, // Deployments of `environment`
    };
    Target target = Target::TestHistory;
    QString name;
    QString environment;
    QString ref;
    qint64 runId = 0;

    static Destination testHistory(const QString &testKey)
    {
        return { Target::TestHistory, testKey, {}, {}, 0 };
    }
    static Destination testRun(qint64 id) { return { Target::TestRun, {}, {}, {}, id }; }
    static Destination databaseEnvironment(const QString &environment)
    {
        return { Target::DatabaseEnvironment, {}, environment, {}, 0 };
    }
    static Destination migration(const QString &environment, const QString &file, const QString &ref)
    {
        return { Target::Migration, file, environment, ref, 0 };
    }
    static Destination pipelinesOfBranch(const QString &branch)
    {
        return { Target::PipelinesOfBranch, branch, {}, {}, 0 };
    }
    static Destination deploymentEnvironment(const QString &environment)
    {
        return { Target::DeploymentEnvironment, {}, environment, {}, 0 };
    }
};

} // namespace devdash::ui

Q_DECLARE_METATYPE(devdash::ui::Destination)
