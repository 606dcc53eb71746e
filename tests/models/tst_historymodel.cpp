// HistoryModel: lazy batches, lanes, metadata blocks, reload, and the search model;
// dates in the shared format (DisplayTime).

#include "Scenarios.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "common/DisplayTime.h"
#include "git/CommitSearch.h"
#include "git/HistoryModel.h"

#include <QAbstractItemModelTester>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

using namespace devdash::git;
using namespace devdash::test;

class HistoryModelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(TestEnvironment::setUp()); }

    void loadsLikeGit_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<bool>("all");
        for (const QString &name :
            { QStringLiteral("merges"), QStringLiteral("octopus"), QStringLiteral("crisscross"),
                QStringLiteral("orphan"), QStringLiteral("detached"), QStringLiteral("random_dag") }) {
            QTest::newRow(qPrintable(name + QStringLiteral("/head"))) << name << false;
            QTest::newRow(qPrintable(name + QStringLiteral("/all"))) << name << true;
        }
    }
    void loadsLikeGit()
    {
        QFETCH(QString, shape);
        QFETCH(bool, all);
        TestRepo repo;
        const Scenario sc = Scenarios::build(shape, repo);
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));
        HistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy opened(&model, &HistoryModel::opened);
        model.open(sc.path, all ? HistoryScope::all() : HistoryScope::head());
        QVERIFY(opened.wait(20000));
        // Scroll to the end the way a view does.
        QTRY_VERIFY_WITH_TIMEOUT(
            (model.canFetchMore({}) ? (model.fetchMore({}), false) : true) && !model.isLoading(), 20000);
        QVERIFY(model.isComplete());

        QStringList gitArgs { QStringLiteral("log"), QStringLiteral("--topo-order"),
            QStringLiteral("--format=%H") };
        if (all)
            gitArgs << QStringLiteral("--all");
        const QStringList expected = repo.at(sc.path).gitLines(gitArgs);
        QCOMPARE(model.rowCount(), expected.size());
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.data(model.index(r, 0), HistoryModel::CommitIdRole).toString(), expected[r]);

        // Lanes: the painted row agrees with the stored lane.
        for (int r = 0; r < model.rowCount(); ++r) {
            const GraphRow row = model.data(model.index(r, 0), HistoryModel::GraphRowRole).value<GraphRow>();
            QCOMPARE(int(row.lane), model.data(model.index(r, 0), HistoryModel::LaneRole).toInt());
            QVERIFY(row.width > row.lane);
        }

        // Metadata arrives in blocks and fills the summary column.
        const QModelIndex last = model.index(model.rowCount() - 1, HistoryModel::SummaryColumn);
        model.data(last, Qt::DisplayRole);
        QTRY_VERIFY_WITH_TIMEOUT(model.data(last, HistoryModel::MetaLoadedRole).toBool(), 10000);
        QCOMPARE(model.data(last, HistoryModel::SummaryRole).toString(),
            repo.at(sc.path)
                .git({ QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%s"),
                    expected.last() })
                .trimmed());
        QVERIFY(model.rowOfCommit(expected.last()) == model.rowCount() - 1);
        QVERIFY(model.memoryBytes() > 0);
    }

    void reloadSeesNewCommits()
    {
        TestRepo repo;
        const Scenario sc = Scenarios::build(QStringLiteral("linear"), repo);
        HistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy opened(&model, &HistoryModel::opened);
        model.open(sc.path, HistoryScope::head());
        QVERIFY(opened.wait(20000));
        const int before = model.rowCount();
        const QString id = repo.commit(QStringLiteral("new work"));
        QSignalSpy reloaded(&model, &HistoryModel::reloaded);
        model.reload();
        QVERIFY(reloaded.wait(20000));
        QCOMPARE(model.rowCount(), before + 1);
        QCOMPARE(model.commitAt(0), id);
    }

    // The Date column says "1 h ago" (the locale's date once older than a week), the
    // tooltip the exact time; the search results read the same.
    void dateInTheSharedFormat()
    {
        using devdash::DisplayTime;
        DisplayTime::setNowForTesting(QDateTime::fromSecsSinceEpoch(TestRepo::BaseTime + 3600 + 60, Qt::UTC));
        QLocale::setDefault(QLocale(QStringLiteral("en_GB")));
        const auto restore = qScopeGuard([] {
            DisplayTime::setNowForTesting({});
            QLocale::setDefault(QLocale::system());
        });
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("root"), {}, TestRepo::BaseTime); // 2023-11-14 22:13:20 UTC
        HistoryModel model;
        QSignalSpy opened(&model, &HistoryModel::opened);
        model.open(repo.path(), HistoryScope::head());
        QVERIFY(opened.wait(20000));
        const QModelIndex date = model.index(0, HistoryModel::DateColumn);
        QTRY_VERIFY(date.data(HistoryModel::MetaLoadedRole).toBool());
        QCOMPARE(date.data().toString(), QStringLiteral("1 h ago"));
        QVERIFY2(date.data(Qt::ToolTipRole)
                     .toString()
                     .endsWith(QStringLiteral("\nTuesday, 14 November 2023 22:13:20 UTC")),
            qPrintable(date.data(Qt::ToolTipRole).toString()));
        QCOMPARE(date.data(HistoryModel::AuthoredAtRole).toDateTime().toSecsSinceEpoch(), TestRepo::BaseTime);

        CommitSearchModel search;
        QSignalSpy finished(&search, &CommitSearchModel::finished);
        search.start(repo.path(), HistoryScope::all(), SearchQuery::parse(QStringLiteral("message:root")));
        QVERIFY(finished.wait(20000));
        QCOMPARE(search.rowCount(), 1);
        const QModelIndex found = search.index(0, HistoryModel::DateColumn);
        QCOMPARE(found.data().toString(), QStringLiteral("1 h ago"));
        QCOMPARE(found.data(Qt::ToolTipRole), date.data(Qt::ToolTipRole));

        DisplayTime::setNowForTesting(
            QDateTime::fromSecsSinceEpoch(TestRepo::BaseTime + 30 * 86400, Qt::UTC));
        QCOMPARE(date.data().toString(), QStringLiteral("14/11/2023 22:13"));
    }

    void failsWithMessage()
    {
        HistoryModel model;
        QSignalSpy failed(&model, &HistoryModel::failed);
        model.open(QStringLiteral("/nonexistent/repo"), HistoryScope::head());
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(u"/nonexistent/repo"));
        QCOMPARE(model.rowCount(), 0);
    }

    void emptyRepository()
    {
        TestRepo repo;
        const Scenario sc = Scenarios::build(QStringLiteral("empty"), repo);
        HistoryModel model;
        QSignalSpy opened(&model, &HistoryModel::opened);
        model.open(sc.path, HistoryScope::head());
        QVERIFY(opened.wait(10000));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({}));
    }

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("gitArgs");
        QTest::newRow("message") << QStringLiteral("message:Merge")
                                 << QStringList { QStringLiteral("--grep=Merge"), QStringLiteral("-i") };
        QTest::newRow("author") << QStringLiteral("author:DevDash")
                                << QStringList { QStringLiteral("--author=DevDash"), QStringLiteral("-i") };
        QTest::newRow("path") << QStringLiteral("path:a.txt")
                              << QStringList { QStringLiteral("--"), QStringLiteral("a.txt") };
    }
    void search()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, gitArgs);
        TestRepo repo;
        const Scenario sc = Scenarios::build(QStringLiteral("merges"), repo);
        CommitSearchModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&model, &CommitSearchModel::finished);
        model.start(sc.path, HistoryScope::all(), SearchQuery::parse(query));
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.first().at(1).toString().isEmpty());
        TestRepo at = repo.at(sc.path);
        QStringList args { QStringLiteral("log"), QStringLiteral("--all"), QStringLiteral("--format=%H") };
        QStringList expected;
        if (gitArgs.contains(QStringLiteral("--"))) {
            // Path: commits that change it, plus merges that differ from every parent there.
            const QString path = gitArgs.last();
            expected = at.gitLines(args
                + QStringList { QStringLiteral("--full-history"), QStringLiteral("--no-merges"),
                    QStringLiteral("--"), path });
            for (const QString &merge : at.gitLines(args + QStringList { QStringLiteral("--merges") })) {
                bool differsFromAll = true;
                for (const QString &parent : at.git({ QStringLiteral("log"), QStringLiteral("-1"),
                                                        QStringLiteral("--format=%P"), merge })
                                                 .trimmed()
                                                 .split(QLatin1Char(' ')))
                    differsFromAll &= at.tryGit({ QStringLiteral("diff"), QStringLiteral("--quiet"), parent,
                                          merge, QStringLiteral("--"), path })
                        != 0;
                if (differsFromAll)
                    expected << merge;
            }
        } else {
            expected = at.gitLines(args + gitArgs);
        }
        QStringList found;
        for (int r = 0; r < model.rowCount(); ++r)
            found << model.data(model.index(r, 0), HistoryModel::CommitIdRole).toString();
        found.sort();
        expected.sort();
        QCOMPARE(found, expected);
    }

    void searchQueryParsing()
    {
        const SearchQuery spaced = SearchQuery::parse(QStringLiteral("author: ann"));
        QCOMPARE(spaced.terms.size(), 1);
        QCOMPARE(int(spaced.terms.at(0).field), int(SearchTerm::Field::Author));
        QCOMPARE(spaced.terms.at(0).text, QStringLiteral("ann"));
        QCOMPARE(int(SearchQuery::parse(QStringLiteral("PATH:src/")).terms.at(0).field),
            int(SearchTerm::Field::Path));
        const SearchQuery words = SearchQuery::parse(QStringLiteral("fix crash"));
        QCOMPARE(words.terms.size(), 2);
        QCOMPARE(int(words.terms.at(1).field), int(SearchTerm::Field::Any));
        const SearchQuery phrase = SearchQuery::parse(QStringLiteral("\"fix crash\" author:\"Carla M\""));
        QCOMPARE(phrase.terms.size(), 2);
        QCOMPARE(phrase.terms.at(0).text, QStringLiteral("fix crash"));
        QCOMPARE(phrase.terms.at(1).text, QStringLiteral("Carla M"));
        const SearchQuery combined = SearchQuery::parse(QStringLiteral("path:db/ author:carla"));
        QCOMPARE(combined.terms.size(), 2);
        QCOMPARE(int(combined.terms.at(0).field), int(SearchTerm::Field::Path));
        QCOMPARE(combined.terms.at(0).text, QStringLiteral("db/"));
        QCOMPARE(int(combined.terms.at(1).field), int(SearchTerm::Field::Author));
        QVERIFY(combined.hasPath());
        QVERIFY(SearchQuery::parse(QStringLiteral("   ")).isEmpty());
    }

    // Terms combine with AND: two terms find what each finds, intersected.
    void searchCombinesTerms()
    {
        TestRepo repo;
        const Scenario sc = Scenarios::build(QStringLiteral("merges"), repo);
        auto ids = [&](const QString &query) {
            CommitSearchModel model;
            QSignalSpy finished(&model, &CommitSearchModel::finished);
            model.start(sc.path, HistoryScope::all(), SearchQuery::parse(query));
            if (!finished.wait(20000))
                return QStringList { QStringLiteral("timeout") };
            QStringList found;
            for (int r = 0; r < model.rowCount(); ++r)
                found << model.data(model.index(r, 0), HistoryModel::CommitIdRole).toString();
            found.sort();
            return found;
        };
        // path:f.txt is f1 and f2; message:2 is f2, c2 and "Merge feature2": only f2 has both.
        const QStringList path = ids(QStringLiteral("path:f.txt"));
        const QStringList message = ids(QStringLiteral("message:2"));
        QVERIFY(!path.isEmpty());
        QVERIFY(!message.isEmpty());
        QStringList both;
        for (const QString &id : path)
            if (message.contains(id))
                both << id;
        QCOMPARE(both.size(), 1);
        QVERIFY(path.size() > 1 && message.size() > 1);
        QCOMPARE(ids(QStringLiteral("path:f.txt message:2")), both);
        QCOMPARE(ids(QStringLiteral("message:2 path:f.txt")), both);
        QCOMPARE(ids(QStringLiteral("path:f.txt message:no-such-text-anywhere")), QStringList());
    }
};

QTEST_GUILESS_MAIN(HistoryModelTest)
#include "tst_historymodel.moc"
