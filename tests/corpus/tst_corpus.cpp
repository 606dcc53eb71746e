// The conformance suite over the public corpus. One executable runs every area's
// class; without DEVDASH_CORPUS_DIR it says so in one line and exits 77 (skipped).

#include "CorpusDir.h"
#include "CorpusReports.h"
#include "CorpusSchemas.h"

#include <QCoreApplication>
#include <QTest>

#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

namespace {

using Factory = std::function<std::unique_ptr<QObject>()>;

std::vector<Factory> corpusClasses()
{
    std::vector<Factory> classes;
    // Areas register here, e.g. classes.push_back([] { return std::make_unique<CorpusReports>(); });
    classes.push_back([] { return std::make_unique<CorpusReports>(); });
    classes.push_back([] { return std::make_unique<CorpusSchemas>(); });
    return classes;
}

} // namespace

int main(int argc, char **argv)
{
    const QString dir = devdash::test::corpusDir();
    if (qEnvironmentVariableIsEmpty("DEVDASH_CORPUS_DIR")) {
        std::puts("corpus not configured — skipped (set DEVDASH_CORPUS_DIR to the corpus folder to run it)");
        return 77;
    }
    if (!QDir(dir).exists()) {
        std::fprintf(stderr, "DEVDASH_CORPUS_DIR=%s: no such folder\n", qPrintable(dir));
        return 1;
    }
    QCoreApplication app(argc, argv);
    int failures = 0;
    for (const Factory &make : corpusClasses()) {
        const std::unique_ptr<QObject> suite = make();
        failures += QTest::qExec(suite.get(), argc, argv);
    }
    return failures == 0 ? 0 : 1;
}
