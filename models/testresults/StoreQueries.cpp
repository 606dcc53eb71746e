#include "StoreQueries.h"

#include "store/Database.h"

#include <QSet>

namespace devdash::testresults {

QString placeholders(qsizetype n)
{
    QString s;
    s.reserve(n * 2);
    for (qsizetype i = 0; i < n; ++i)
        s += i ? QLatin1String(",?") : QLatin1String("?");
    return s;
}

Result<void> forEachChunk(
    const QList<qint64> &ids, const std::function<Result<void>(const QList<qint64> &)> &fn)
{
    for (qsizetype i = 0; i < ids.size(); i += MaxIdsPerStatement) {
        if (auto ok = fn(ids.mid(i, MaxIdsPerStatement)); !ok)
            return ok;
    }
    return {};
}

Result<QHash<qint64, TestName>> loadTestNames(const store::Database &db, const QList<qint64> &ids)
{
    QHash<qint64, TestName> names;
    auto ok = forEachChunk(ids, [&](const QList<qint64> &chunk) -> Result<void> {
        auto query = db.prepare(QStringLiteral("SELECT id, test_key, suite, class_name, name, file, line "
                                               "FROM tests WHERE id IN (")
            + placeholders(chunk.size()) + QLatin1Char(')'));
        if (!query)
            return query.error();
        bindAll(*query, chunk);
        if (!query->exec())
            return db.error(QStringLiteral("read test names"), *query);
        while (query->next()) {
            names.insert(query->value(0).toLongLong(),
                TestName { query->value(1).toString(), query->value(2).toString(), query->value(3).toString(),
                    query->value(4).toString(), query->value(5).toString(), query->value(6).toInt() });
        }
        return {};
    });
    if (!ok)
        return ok.error();
    return names;
}

Result<QHash<qint64, QStringList>> loadSuiteSets(const store::Database &db, const QList<qint64> &runIds)
{
    QHash<qint64, QSet<QString>> sets;
    auto read = [&](const QString &sql, const QList<qint64> &ids) {
        return forEachChunk(ids, [&](const QList<qint64> &chunk) -> Result<void> {
            auto query = db.prepare(sql + placeholders(chunk.size()) + QLatin1Char(')'));
            if (!query)
                return query.error();
            bindAll(*query, chunk);
            if (!query->exec())
                return db.error(QStringLiteral("read the suites of runs"), *query);
            while (query->next())
                sets[query->value(0).toLongLong()].insert(query->value(1).toString());
            return {};
        });
    };
    if (auto ok = read(QStringLiteral("SELECT run_id, path FROM run_suites WHERE run_id IN ("), runIds); !ok)
        return ok.error();
    QList<qint64> older;
    for (qint64 id : runIds)
        if (!sets.contains(id))
            older << id;
    if (auto ok = read(QStringLiteral("SELECT DISTINCT c.run_id, t.suite FROM case_results c "
                                      "JOIN tests t ON t.id = c.test_id WHERE c.run_id IN ("),
            older);
        !ok)
        return ok.error();
    QHash<qint64, QStringList> result;
    for (auto it = sets.cbegin(); it != sets.cend(); ++it) {
        QStringList paths(it->cbegin(), it->cend());
        paths.sort();
        result.insert(it.key(), paths);
    }
    return result;
}

} // namespace devdash::testresults
