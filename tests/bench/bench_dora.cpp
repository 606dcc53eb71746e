// DORA metrics over 5 years of daily deployments on a 100,000-commit repository made
// by gen_repo: every day a successful deployment of the main line's commit of that
// point in history, every 17th day a failed attempt two hours before it, and a
// rollback every 97th day. Prints one table (medians of --runs runs).
//
//   bench_dora --repo DIR [--runs N] [--store FILE]
//
// Timed: reading the deployments from the store, joining them with the commit graph
// (DeploymentHistory::load: the DAG from DevDash's graph index, what each deployment
// reached), and DoraMetrics over the 5 years (author dates read for every commit).
// The first open writes the graph index and the author-date cache into
// $DEVDASH_CACHE_DIR (reading 100,000 commits through libgit2): timed apart.

#include "deploy/AuthorDateCache.h"
#include "deploy/DeploymentHistory.h"
#include "deploy/DeploymentStore.h"
#include "git/CommitGraphCache.h"
#include "git/LibGit2.h"
#include "git/Repository.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace devdash;
using namespace devdash::deploy;

namespace {

[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "bench_dora: %s\n", qPrintable(what));
    std::exit(1);
}

double medianMs(int runs, const std::function<void()> &fn)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        fn();
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

// The main line, oldest first (first parents from HEAD).
std::vector<QString> mainLine(const git::Repository &repo)
{
    git_revwalk *raw = nullptr;
    git_revwalk_new(&raw, repo.raw());
    git::RevwalkPtr walk(raw);
    git_revwalk_simplify_first_parent(raw);
    git_revwalk_push_head(raw);
    std::vector<QString> line;
    git_oid oid;
    while (git_revwalk_next(&oid, raw) == 0)
        line.push_back(git::toHex(oid));
    std::reverse(line.begin(), line.end());
    return line;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QString repoPath, storePath = QStringLiteral("/tmp/devdash-bench-dora.sqlite");
    int runs = 5;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--repo") && i + 1 < args.size())
            repoPath = args[++i];
        else if (args[i] == QLatin1String("--runs") && i + 1 < args.size())
            runs = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--store") && i + 1 < args.size())
            storePath = args[++i];
        else
            die(QStringLiteral("usage: bench_dora --repo DIR [--runs N] [--store FILE]"));
    }
    if (repoPath.isEmpty())
        die(QStringLiteral("--repo DIR is required (a gen_repo repository)"));
    git::ensureLibGit2();
    auto repo = git::Repository::open(repoPath);
    if (!repo)
        die(repo.errorMessage());

    // The deployments: 5 years, daily, spread over the main line.
    const std::vector<QString> line = mainLine(*repo);
    if (line.size() < 10)
        die(QStringLiteral("the repository has too few commits"));
    const int days = 5 * 365 + 1;
    const QDateTime start(QDate(2015, 1, 1), QTime(12, 0), Qt::UTC);
    QList<Deployment> deployments;
    size_t previous = 0;
    for (int d = 0; d < days; ++d) {
        const size_t index = std::min(line.size() - 1, size_t((double(d + 1) / days) * line.size()));
        Deployment ok;
        ok.environment = QStringLiteral("production");
        ok.commit = line[index];
        ok.at = start.addDays(d);
        ok.source = QStringLiteral("record");
        if (d % 17 == 16) {
            Deployment failed = ok;
            failed.status = DeploymentStatus::Failure;
            failed.at = ok.at.addSecs(-2 * 3600);
            deployments.append(failed);
        }
        if (d % 97 == 96 && previous >= 3)
            ok.commit = line[previous - 3]; // a rollback: older than what runs
        deployments.append(ok);
        previous = index;
    }

    QFile::remove(storePath);
    auto location = store::StoreLocation::parse(storePath);
    if (!location)
        die(location.errorMessage());
    auto db = store::Database::open(*location);
    if (!db)
        die(db.errorMessage());
    DeploymentStore store(*db);
    const QString key = DeploymentStore::repositoryKey(*repo);
    QElapsedTimer insertTimer;
    insertTimer.start();
    auto added = store.add(key, deployments);
    if (!added)
        die(added.errorMessage());
    const double insertMs = double(insertTimer.nsecsElapsed()) / 1e6;

    git::CommitGraphCache::remove(*repo);
    QElapsedTimer indexTimer;
    indexTimer.start();
    if (auto ok = git::CommitGraphCache::write(*repo); !ok)
        die(ok.errorMessage());
    const double indexMs = double(indexTimer.nsecsElapsed()) / 1e6;

    QFile::remove(AuthorDateCache(*repo).path());
    const QDateTime from = start.addDays(-1), to = start.addDays(days + 1);
    DoraReport report;
    size_t rollbacks = 0;
    uint32_t commits = 0;
    double loadMs = 0, doraMs = 0;
    const auto measure = [&] {
        QElapsedTimer t;
        t.start();
        auto list = store.list(key);
        if (!list)
            die(list.errorMessage());
        auto history = DeploymentHistory::load(repoPath, *list);
        if (!history)
            die(history.errorMessage());
        loadMs = double(t.nsecsElapsed()) / 1e6;
        auto r = history->dora(QStringLiteral("production"), from, to);
        if (!r)
            die(r.errorMessage());
        doraMs = double(t.nsecsElapsed()) / 1e6 - loadMs;
        report = *r;
        commits = history->dag().size();
        rollbacks = 0;
        for (const DeploymentRow &row : history->rows())
            rollbacks += row.rollback ? 1 : 0;
    };
    const double coldMs = medianMs(1, measure);
    const double totalMs = medianMs(runs, measure);

    std::printf("DORA over 5 years of daily deployments (%d deployments, %u commits, %zu rollbacks)\n",
        int(deployments.size()), commits, rollbacks);
    std::printf("| measure | ms |\n|---|---|\n");
    std::printf("| store %d deployments (once) | %.0f |\n", int(deployments.size()), insertMs);
    std::printf("| first open: write DevDash's graph index (once) | %.0f |\n", indexMs);
    std::printf("| first DORA: reads every author date, writes their cache (once) | %.0f |\n", coldMs);
    std::printf("| read store + load history (DAG, reach, rollbacks), last run | %.0f |\n", loadMs);
    std::printf("| DORA metrics over 5 years (author dates of %d commits), last run | %.0f |\n",
        report.leadTime.changes, doraMs);
    std::printf("| **total (median of %d), target ≤ 1000** | **%.0f** |\n", runs, totalMs);
    std::printf("\nfrequency %.1f days/week (%d deployments, %s); lead time %.1f h over %d changes (%s); "
                "failure rate %.3f (%d/%d, %s); time to restore %.1f h over %d incidents (%s)\n",
        report.frequency.deploymentDaysPerWeek, report.frequency.deployments,
        qPrintable(levelName(report.frequency.level)), report.leadTime.medianHours.value_or(-1),
        report.leadTime.changes, report.leadTime.level ? qPrintable(levelName(*report.leadTime.level)) : "-",
        report.failureRate.rate.value_or(-1), report.failureRate.failed, report.failureRate.deployments,
        report.failureRate.level ? qPrintable(levelName(*report.failureRate.level)) : "-",
        report.timeToRestore.medianHours.value_or(-1), report.timeToRestore.incidents,
        report.timeToRestore.level ? qPrintable(levelName(*report.timeToRestore.level)) : "-");
    // What it measured must be right, or the figure means nothing.
    if (report.frequency.deployments != days || report.leadTime.changes < int(line.size()))
        die(QStringLiteral("unexpected counts: %1 deployments, %2 changes")
                .arg(report.frequency.deployments)
                .arg(report.leadTime.changes));
    return totalMs <= 1000 ? 0 : 2;
}
