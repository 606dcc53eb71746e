// How long the Overview of the demo takes to be fully drawn after start-up: a new
// main window opens the demo repository, every card loads (on its workers), and the
// window is painted. Issue 6 target: at most 300 ms. The demo itself is built once
// beforehand (it is not part of start-up: `devdash --demo` builds it before the window).
//
//   bench_overview [--runs N] [--check]   (QT_QPA_PLATFORM=offscreen; --check: exit 2 over target)

#include "common/JobTracker.h"
#include "demo/DemoWorkspace.h"
#include "overview/OverviewPage.h"
#include "shell/MainWindow.h"
#include "tests/TestStoreAccess.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace devdash;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    int runs = 7;
    const QStringList args = app.arguments();
    if (const int i = int(args.indexOf(QStringLiteral("--runs"))); i > 0 && i + 1 < args.size())
        runs = std::max(1, args.at(i + 1).toInt());

    QTemporaryDir dir;
    auto demo = demo::DemoWorkspace::create(dir.filePath(QStringLiteral("demo")));
    if (!demo) {
        std::fprintf(stderr, "demo: %s\n", qPrintable(demo.errorMessage()));
        return 1;
    }
    ui::TestStoreAccess::setLocation(demo->store);

    QList<qint64> times;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        window.resize(1280, 800);
        window.show();
        window.openRepository(demo->repository);
        auto *page = qobject_cast<ui::OverviewPage *>(window.page(QStringLiteral("overview")));
        const bool ready = QTest::qWaitFor(
            [&] { return window.currentPage() == page && page->isReady(); }, 20000);
        window.grab(); // drawn, not only loaded
        const qint64 ms = timer.elapsed();
        if (!ready) {
            std::fprintf(stderr, "the Overview did not become ready\n");
            return 1;
        }
        times << ms;
        std::printf("run %d: %lld ms%s\n", run + 1, ms, run == 0 ? " (first: caches cold)" : "");
    }
    QList<qint64> warm = times.mid(1);
    if (warm.isEmpty())
        warm = times;
    std::sort(warm.begin(), warm.end());
    const qint64 median = warm.at(warm.size() / 2);
    std::printf("\n| measure | value | target |\n|---|---|---|\n");
    std::printf("| Overview of the demo drawn after start-up (median of %lld warm runs) | %lld ms | <= 300 ms |\n",
        qint64(warm.size()), median);
    std::printf("| first run (commit-graph and author-date caches cold) | %lld ms | |\n", times.first());
    return args.contains(QStringLiteral("--check")) && median > 300 ? 2 : 0;
}
