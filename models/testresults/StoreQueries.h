#pragma once

// Small helpers shared by the test-run queries: lists of bound values, chunked
// so that a statement never carries more parameters than the drivers accept,
// and test names by id.

#include "common/Result.h"

#include <QHash>
#include <QList>
#include <QSqlQuery>
#include <QString>

#include <functional>

namespace devdash::store {
class Database;
}

namespace devdash::testresults {

constexpr qsizetype MaxIdsPerStatement = 500;

// "?,?,?" for n values.
QString placeholders(qsizetype n);

template<typename T> void bindAll(QSqlQuery &query, const QList<T> &values)
{
    for (const T &v : values)
        query.addBindValue(v);
}

Result<void> forEachChunk(
    const QList<qint64> &ids, const std::function<Result<void>(const QList<qint64> &)> &fn);

struct TestName
{
    QString key;
    QString suite;
    QString className;
    QString name;
    QString file;
    int line = 0;
};
Result<QHash<qint64, TestName>> loadTestNames(const store::Database &db, const QList<qint64> &ids);

// The suites each run ran, as sorted paths: what tells a full CI run from a local
// run of one suite. Runs imported before suites were kept use their tests' suites.
Result<QHash<qint64, QStringList>> loadSuiteSets(const store::Database &db, const QList<qint64> &runIds);

} // namespace devdash::testresults
