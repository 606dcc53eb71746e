#include "TestRunImporter.h"

#include "TestRunStore.h"
#include "store/BulkInsert.h"
#include "store/Database.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace devdash::testresults {

namespace {

// One test of the import, after merging repeats.
struct MergedCase
{
    QString key;
    const TestCase *first = nullptr;
    const TestCase *worst = nullptr; // whose message and details are kept
    int report = 0;
    TestStatus status = TestStatus::Passed;
    double durationS = NAN;
    bool flaky = false;
    int attempts = 0;
    std::vector<const TestAttempt *> retries;
};

QString capHead(const QString &text, int limit = TestRunImporter::TextLimit)
{
    if (text.size() <= limit)
        return text;
    return text.left(limit) + QStringLiteral("\n… [%1 more characters not kept]").arg(text.size() - limit);
}

// Output ends with what happened last: keep the tail.
QString capTail(const QString &text, int limit = TestRunImporter::TextLimit)
{
    if (text.size() <= limit)
        return text;
    return QStringLiteral("[%1 earlier characters not kept] …\n").arg(text.size() - limit)
        + text.right(limit);
}

// Qt binds a null QString as SQL NULL: NOT NULL text columns get "" instead.
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant doubleOrNull(double value)
{
    return std::isfinite(value) ? QVariant(value) : QVariant(QMetaType::fromType<double>());
}

QVariant timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QString retriesJson(const MergedCase &c)
{
    if (c.retries.empty())
        return {};
    QJsonArray array;
    for (const TestAttempt *a : c.retries) {
        QJsonObject o { { QStringLiteral("status"), statusName(a->status) } };
        if (std::isfinite(a->durationS))
            o.insert(QStringLiteral("duration_s"), a->durationS);
        if (!a->message.isEmpty())
            o.insert(QStringLiteral("message"), capHead(a->message, 4096));
        if (!a->type.isEmpty())
            o.insert(QStringLiteral("type"), a->type);
        if (!a->details.isEmpty())
            o.insert(QStringLiteral("details"), capHead(a->details, 16384));
        array.append(o);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

double addDurations(double a, double b)
{
    if (!std::isfinite(a))
        return b;
    return std::isfinite(b) ? a + b : a;
}

} // namespace

QByteArray TestRunImporter::contentHash(const QList<TestReport> &reports)
{
    // A digest per report, suite and case, sorted (order of files and elements does
    // not matter), then hashed: no long strings are built or compared.
    QByteArray part; // one part's bytes, hashed at once: fewer calls than field by field
    std::vector<QByteArray> digests;
    auto add = [&part](const QString &text) {
        part.append(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        part.append('\x1f');
    };
    auto addNumber = [&part](double value) {
        // NaN and -0 normalised, so that equal values give equal bytes.
        const double v = std::isfinite(value) ? value + 0.0 : -1.0;
        part.append(reinterpret_cast<const char *>(&v), sizeof v);
    };
    auto addTime = [&addNumber](const QDateTime &time) {
        addNumber(time.isValid() ? double(time.toMSecsSinceEpoch()) : -2.0);
    };
    auto finish = [&part, &digests]() {
        digests.push_back(QCryptographicHash::hash(part, QCryptographicHash::Md5));
        part.resize(0);
    };
    for (const TestReport &report : reports) {
        add(QStringLiteral("R"));
        add(report.format);
        add(report.tool);
        addTime(report.timestamp);
        finish();
        for (const TestSuite &suite : report.suites) {
            add(QStringLiteral("S"));
            add(suite.path);
            addNumber(suite.durationS);
            addTime(suite.timestamp);
            add(suite.hostname);
            finish();
        }
        for (const TestCase &c : report.cases) {
            add(QStringLiteral("C"));
            for (const QString *text : { &c.suite, &c.className, &c.name, &c.file, &c.message, &c.type,
                     &c.details, &c.systemOut, &c.systemErr })
                add(*text);
            addNumber(c.line);
            addNumber(storedStatus(c.status));
            addNumber(c.durationS);
            addNumber(c.flaky ? 1 : 0);
            for (const TestAttempt &a : c.retries) {
                addNumber(storedStatus(a.status));
                addNumber(a.durationS);
                add(a.message);
            }
            finish();
        }
    }
    std::sort(digests.begin(), digests.end());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QByteArray &digest : digests)
        hash.addData(digest);
    return hash.result().toHex();
}

Result<qint64> TestRunImporter::repositoryId(const store::Database &db, const QString &key, bool create)
{
    if (create) {
        auto insert = db.prepare(QStringLiteral("INSERT INTO repositories (repo_key, name, created_at) "
                                                "VALUES (?, ?, ?) ON CONFLICT (repo_key) DO NOTHING"));
        if (!insert)
            return insert.error();
        insert->addBindValue(key);
        insert->addBindValue(QFileInfo(key).fileName().isEmpty() ? key : QFileInfo(key).fileName());
        insert->addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!insert->exec())
            return db.error(QStringLiteral("add the repository %1").arg(key), *insert);
    }
    auto select = db.prepare(QStringLiteral("SELECT id FROM repositories WHERE repo_key = ?"));
    if (!select)
        return select.error();
    select->addBindValue(key);
    if (!select->exec())
        return db.error(QStringLiteral("look up the repository %1").arg(key), *select);
    return select->next() ? select->value(0).toLongLong() : qint64(0);
}

Result<ImportedRun> TestRunImporter::importRun(
    const RunInfo &info, const QList<TestReport> &reports, const CancelToken &cancel) const
{
    using store::BulkInsert;
    if (info.repository.isEmpty())
        return Error { QStringLiteral(
            "Cannot import test reports without a repository: give one (--repo).") };

    // Merge repeats of a test across the import's files; keep first-seen order.
    std::vector<MergedCase> cases;
    QHash<QString, qsizetype> byKey;
    qsizetype total = 0;
    for (const TestReport &report : reports)
        total += qsizetype(report.cases.size());
    cases.reserve(total);
    byKey.reserve(total);
    for (qsizetype r = 0; r < reports.size(); ++r) {
        for (const TestCase &c : reports.at(r).cases) {
            const QString key = c.id();
            auto it = byKey.find(key);
            if (it == byKey.end()) {
                it = byKey.insert(key, qsizetype(cases.size()));
                cases.push_back({ key, &c, &c, int(r), c.status, c.durationS, c.flaky, 0, {} });
            } else {
                MergedCase &m = cases[*it];
                if (worse(m.status, c.status) != m.status) {
                    m.status = c.status;
                    m.worst = &c;
                }
                m.durationS = addDurations(m.durationS, c.durationS);
                m.flaky = m.flaky || c.flaky;
            }
            MergedCase &m = cases[*it];
            m.attempts += c.attempts();
            for (const TestAttempt &a : c.retries)
                m.retries.push_back(&a);
        }
    }
    TestCounts counts;
    for (MergedCase &m : cases) {
        m.flaky = m.flaky && !isFailing(m.status);
        ++counts.tests;
        counts.passed += m.status == TestStatus::Passed;
        counts.failed += m.status == TestStatus::Failed;
        counts.errored += m.status == TestStatus::Errored;
        counts.skipped += m.status == TestStatus::Skipped;
        counts.flaky += m.flaky;
        counts.durationS = addDurations(counts.durationS, m.durationS);
        for (const TestAttempt *a : m.retries)
            counts.durationS = addDurations(counts.durationS, a->durationS);
    }
    const QString hash = QString::fromLatin1(contentHash(reports));
    const QDateTime importedAt
        = info.importedAt.isValid() ? info.importedAt : QDateTime::currentDateTimeUtc();

    if (auto ok = m_db.beginWrite(); !ok)
        return ok.error();
    auto fail = [this](Error error) -> Result<ImportedRun> {
        m_db.rollback();
        return error;
    };
    const auto repoId = repositoryId(m_db, info.repository, true);
    if (!repoId)
        return fail(repoId.error());

    // The same content again: that run, not a second one.
    {
        auto existing = m_db.prepare(QStringLiteral("SELECT id FROM test_runs WHERE repository_id = ? "
                                                    "AND content_hash = ?"));
        if (!existing)
            return fail(existing.error());
        existing->addBindValue(*repoId);
        existing->addBindValue(hash);
        if (!existing->exec())
            return fail(m_db.error(QStringLiteral("look for an earlier import"), *existing));
        if (existing->next()) {
            const qint64 id = existing->value(0).toLongLong();
            existing->finish();
            if (auto ok = m_db.commit(); !ok)
                return fail(ok.error());
            auto run = TestRunStore(m_db).runSummary(id);
            if (!run)
                return run.error();
            return ImportedRun { *run, false };
        }
    }

    qint64 runId = 0;
    {
        auto insert = m_db.prepare(
            QStringLiteral("INSERT INTO test_runs (repository_id, commit_id, branch, "
                           "source, imported_at, content_hash, tests, "
                           "passed, failed, errored, skipped, flaky, duration_s) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
                           "ON CONFLICT (repository_id, content_hash) DO NOTHING RETURNING id"));
        if (!insert)
            return fail(insert.error());
        for (const QVariant &v : QVariantList { *repoId, text(info.commit), text(info.branch),
                 text(info.source), importedAt.toMSecsSinceEpoch(), hash, counts.tests, counts.passed,
                 counts.failed, counts.errored, counts.skipped, counts.flaky,
                 std::isfinite(counts.durationS) ? counts.durationS : 0.0 })
            insert->addBindValue(v);
        if (!insert->exec())
            return fail(m_db.error(QStringLiteral("add the run"), *insert));
        if (!insert->next()) {
            // Another DevDash imported the same content meanwhile (a shared PostgreSQL store).
            insert->finish();
            m_db.rollback();
            return importRun(info, reports, cancel);
        }
        runId = insert->value(0).toLongLong();
    }

    // Report files and suites: few rows, ids needed for the cases.
    QList<qint64> reportIds;
    QHash<QPair<int, QString>, qint64> suiteIds;
    for (qsizetype r = 0; r < reports.size(); ++r) {
        const TestReport &report = reports.at(r);
        auto insert
            = m_db.prepare(QStringLiteral("INSERT INTO run_reports (run_id, file, format, tool, report_time) "
                                          "VALUES (?,?,?,?,?) RETURNING id"));
        if (!insert)
            return fail(insert.error());
        for (const QVariant &v : QVariantList { runId, text(report.file), text(report.format),
                 text(report.tool), timeOrNull(report.timestamp) })
            insert->addBindValue(v);
        if (!insert->exec() || !insert->next())
            return fail(m_db.error(QStringLiteral("add the report %1").arg(report.file), *insert));
        reportIds.append(insert->value(0).toLongLong());
        // Done with it: on PostgreSQL the bulk inserts below use the connection directly.
        insert->finish();

        BulkInsert suites(m_db, QStringLiteral("run_suites"),
            { QStringLiteral("run_id"), QStringLiteral("report_id"), QStringLiteral("path"),
                QStringLiteral("name"), QStringLiteral("duration_s"), QStringLiteral("suite_time"),
                QStringLiteral("hostname") },
            QStringLiteral("RETURNING id, path"));
        suites.setResultHandler([&suiteIds, r](const QVariantList &row) {
            suiteIds.insert({ int(r), row.at(1).toString() }, row.at(0).toLongLong());
        });
        QSet<QString> seen;
        for (const TestSuite &s : report.suites) {
            if (seen.contains(s.path))
                continue;
            seen.insert(s.path);
            if (auto ok = suites.addRow({ runId, reportIds.last(), text(s.path), text(s.name),
                    doubleOrNull(s.durationS), timeOrNull(s.timestamp), text(s.hostname) });
                !ok)
                return fail(ok.error());
        }
        // Cases whose suite the report did not list still get one.
        for (const TestCase &c : report.cases) {
            if (seen.contains(c.suite))
                continue;
            seen.insert(c.suite);
            const QString name = c.suite.section(QStringLiteral(" / "), -1);
            if (auto ok = suites.addRow({ runId, reportIds.last(), text(c.suite), text(name),
                    doubleOrNull(NAN), timeOrNull({}), text({}) });
                !ok)
                return fail(ok.error());
        }
        if (auto ok = suites.flush(); !ok)
            return fail(ok.error());
    }

    // Test identities: the known ones, then the new ones.
    QHash<QString, qint64> testIds;
    {
        auto known = m_db.prepare(QStringLiteral("SELECT id, test_key FROM tests WHERE repository_id = ?"));
        if (!known)
            return fail(known.error());
        known->addBindValue(*repoId);
        if (!known->exec())
            return fail(m_db.error(QStringLiteral("read the known tests"), *known));
        while (known->next())
            testIds.insert(known->value(1).toString(), known->value(0).toLongLong());
    }
    {
        BulkInsert tests(m_db, QStringLiteral("tests"),
            { QStringLiteral("repository_id"), QStringLiteral("test_key"), QStringLiteral("suite"),
                QStringLiteral("class_name"), QStringLiteral("name"), QStringLiteral("file"),
                QStringLiteral("line") },
            QStringLiteral("ON CONFLICT (repository_id, test_key) DO NOTHING RETURNING id, test_key"));
        tests.setResultHandler([&testIds](const QVariantList &row) {
            testIds.insert(row.at(1).toString(), row.at(0).toLongLong());
        });
        for (const MergedCase &m : cases) {
            const QString &key = m.key;
            if (testIds.contains(key))
                continue;
            testIds.insert(key, 0); // placeholder until RETURNING gives the id
            if (auto ok = tests.addRow({ *repoId, key, text(m.first->suite), text(m.first->className),
                    text(m.first->name), text(m.first->file), m.first->line });
                !ok)
                return fail(ok.error());
        }
        if (auto ok = tests.flush(); !ok)
            return fail(ok.error());
    }
    if (cancel.isCancelled())
        return fail(Error { QStringLiteral("Import cancelled: nothing was stored."), 0 });

    BulkInsert results(m_db, QStringLiteral("case_results"),
        { QStringLiteral("run_id"), QStringLiteral("test_id"), QStringLiteral("suite_id"),
            QStringLiteral("status"), QStringLiteral("duration_s"), QStringLiteral("flaky"),
            QStringLiteral("attempts") });
    BulkInsert details(m_db, QStringLiteral("case_details"),
        { QStringLiteral("run_id"), QStringLiteral("test_id"), QStringLiteral("message"),
            QStringLiteral("failure_type"), QStringLiteral("details"), QStringLiteral("system_out"),
            QStringLiteral("system_err"), QStringLiteral("retries") },
        {}, 50);
    qsizetype done = 0;
    for (const MergedCase &m : cases) {
        const qint64 testId = testIds.value(m.key);
        if (testId == 0)
            return fail(
                Error { QStringLiteral("Store %1: the test %2 got no id (was it added concurrently?). Import "
                                       "again.")
                            .arg(m_db.location().displayName(), m.key) });
        const qint64 suiteId = suiteIds.value({ m.report, m.first->suite });
        if (auto ok = results.addRow(
                { runId, testId, suiteId ? QVariant(suiteId) : QVariant(QMetaType::fromType<qint64>()),
                    storedStatus(m.status), doubleOrNull(m.durationS), int(m.flaky), m.attempts });
            !ok)
            return fail(ok.error());
        if (m.status != TestStatus::Passed || m.flaky || !m.retries.empty()) {
            const TestCase &w = *m.worst;
            if (auto ok = details.addRow({ runId, testId, textOrNull(capHead(w.message, 4096)),
                    textOrNull(w.type), textOrNull(capHead(w.details)), textOrNull(capTail(w.systemOut)),
                    textOrNull(capTail(w.systemErr)), textOrNull(retriesJson(m)) });
                !ok)
                return fail(ok.error());
        }
        if (++done % 20000 == 0 && cancel.isCancelled())
            return fail(Error { QStringLiteral("Import cancelled: nothing was stored."), 0 });
    }
    if (auto ok = results.flush(); !ok)
        return fail(ok.error());
    if (auto ok = details.flush(); !ok)
        return fail(ok.error());
    if (auto ok = m_db.commit(); !ok)
        return fail(ok.error());

    RunSummary summary;
    summary.id = runId;
    summary.repository = info.repository;
    summary.commit = info.commit;
    summary.branch = info.branch;
    summary.source = info.source;
    summary.importedAt = QDateTime::fromMSecsSinceEpoch(importedAt.toMSecsSinceEpoch(), Qt::UTC);
    summary.counts = counts;
    return ImportedRun { summary, true };
}

} // namespace devdash::testresults
