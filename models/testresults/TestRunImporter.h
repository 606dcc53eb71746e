#pragma once

#include "TestRun.h"
#include "common/CancelToken.h"
#include "common/Result.h"

#include <QByteArray>
#include <QList>

namespace devdash::store {
class Database;
}

namespace devdash::testresults {

// Writes one import (all its report files) as one run, in one transaction with
// multi-row statements whose values are all bound. Used by TestRunStore.
//
// A test seen more than once in one import (the same id in two files) is kept
// once: its worst status, summed durations and attempts, the worst result's
// message. Texts are capped (TextLimit) so that a run with megabytes of output
// per case does not bloat the store.
class TestRunImporter
{
public:
    static constexpr int TextLimit = 64 * 1024;

    explicit TestRunImporter(const store::Database &db)
        : m_db(db)
    {
    }

    Result<ImportedRun> importRun(
        const RunInfo &info, const QList<TestReport> &reports, const CancelToken &cancel = {}) const;

    // SHA-256 over the reports' normalised content: their cases and suites in a
    // fixed order, without the files' paths, so that the same reports imported
    // again (from anywhere, in any order) give the same hash.
    static QByteArray contentHash(const QList<TestReport> &reports);

    // The id of the repository with this key, created when missing (in the caller's transaction).
    static Result<qint64> repositoryId(const store::Database &db, const QString &key, bool create);

private:
    const store::Database &m_db;
};

} // namespace devdash::testresults
