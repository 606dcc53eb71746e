#pragma once

#include "FlakyDetector.h"
#include "common/Result.h"

namespace devdash::store {
class Database;
}

namespace devdash::testresults {

// Reads what FlakyDetector needs from the store, in time proportional to the
// failures rather than to runs × cases: the failing and retried results (a
// partial index holds only those), then the same tests' results in the other
// runs of the commits they failed on and in the last runs of the branches they
// failed on, then, for the tests found flaky, in how many runs they ran.
class FlakyQuery
{
public:
    explicit FlakyQuery(const store::Database &db)
        : m_db(db)
    {
    }

    Result<QList<FlakyFinding>> run(qint64 repositoryId, const FlakyOptions &options) const;
    Result<FlakyInput> load(qint64 repositoryId, const FlakyOptions &options) const;

private:
    using Lookups = QHash<qint64, QSet<int>>; // test → run indexes where its status is wanted
    Result<void> lookUp(FlakyInput &input, const Lookups &lookups) const;
    Result<void> loadPresence(FlakyInput &input, const QList<qint64> &testIds) const;

    const store::Database &m_db;
};

} // namespace devdash::testresults
