// BranchModel: flat and grouped trees, merged/stale flags, in-place updates, the date
// in the shared format (DisplayTime).

#include "Scenarios.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "common/DisplayTime.h"
#include "common/VersionOrder.h"
#include "git/BranchModel.h"

#include <QAbstractItemModelTester>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace devdash::git;
using devdash::VersionOrder;
using namespace devdash::test;

class BranchModelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(TestEnvironment::setUp()); }

    void grouping_data()
    {
        QTest::addColumn<QString>("shape");
        for (const QString &name : { QStringLiteral("remote"), QStringLiteral("tags"),
                 QStringLiteral("many_refs"), QStringLiteral("unicode_refs"), QStringLiteral("empty") })
            QTest::newRow(name.toUtf8().constData()) << name;
    }
    void grouping()
    {
        QFETCH(QString, shape);
        TestRepo repo;
        const Scenario sc = Scenarios::build(shape, repo);
        BranchModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &BranchModel::loaded);
        model.load(sc.path);
        QVERIFY(loaded.wait(20000));
        const int refs = int(model.listing().refs.size());
        int expected = 0;
        TestRepo at = repo.at(sc.path);
        for (const QString &line : at.gitLines({ QStringLiteral("for-each-ref"),
                 QStringLiteral("--format=%(symref)|%(refname)"), QStringLiteral("refs/heads"),
                 QStringLiteral("refs/remotes"), QStringLiteral("refs/tags") })) {
            const QStringList f = line.split(QLatin1Char('|'));
            // Tags of tags peel further than for-each-ref's %(*objecttype) looks.
            expected += f[0].isEmpty()
                && at.tryGit({ QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("-q"),
                       f[1] + QStringLiteral("^{commit}") })
                    == 0;
        }
        QCOMPARE(refs, expected);

        // Grouped: every ref sits under exactly one group.
        model.setGrouping(BranchModel::Grouping::Prefix);
        int children = 0;
        for (int g = 0; g < model.rowCount(); ++g) {
            const QModelIndex group = model.index(g, 0);
            QVERIFY(model.data(group, BranchModel::IsGroupRole).toBool());
            children += model.rowCount(group);
        }
        QCOMPARE(children, refs);
        model.setGrouping(BranchModel::Grouping::None);
        QCOMPARE(model.rowCount(), refs);

        // Sorting and recursive filtering through a proxy, as the page does.
        QSortFilterProxyModel proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setSortRole(BranchModel::SortRole);
        proxy.setRecursiveFilteringEnabled(true);
        proxy.sort(BranchModel::DateColumn);
        model.setGrouping(BranchModel::Grouping::Prefix);
        proxy.setFilterFixedString(QStringLiteral("main"));
    }

    // Tags in version order; the plain "Local" group says how many locals sit elsewhere.
    void tagsInVersionOrderAndLocalCount()
    {
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("root"), {}, TestRepo::BaseTime);
        for (const char *tag : { "gitgui-0.10", "gitgui-0.6", "gitgui-0.9.1", "gitgui-0.10.1" })
            repo.git({ QStringLiteral("tag"), QString::fromLatin1(tag) });
        for (const char *branch : { "feature/a", "feature/b", "release/1.0" })
            repo.git({ QStringLiteral("branch"), QString::fromLatin1(branch) });
        BranchModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(BranchModel::Grouping::Prefix);
        QSignalSpy loaded(&model, &BranchModel::loaded);
        model.load(repo.path());
        QVERIFY(loaded.wait(20000));
        QStringList tags, titles;
        for (int g = 0; g < model.rowCount(); ++g) {
            const QModelIndex group = model.index(g, 0);
            titles << group.data().toString();
            if (group.data(BranchModel::RefNameRole).toString() == QStringLiteral("Tags"))
                for (int r = 0; r < model.rowCount(group); ++r)
                    tags << model.index(r, 0, group).data(BranchModel::RefNameRole).toString();
        }
        QCOMPARE(tags,
            QStringList({ QStringLiteral("gitgui-0.6"), QStringLiteral("gitgui-0.9.1"), QStringLiteral("gitgui-0.10"),
                QStringLiteral("gitgui-0.10.1") }));
        QVERIFY2(titles.contains(QStringLiteral("Local (1 of 4)")), qPrintable(titles.join(u',')));
        QVERIFY(titles.contains(QStringLiteral("feature/ (2)")));
        // Sorting by name through a proxy uses the same order.
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(BranchModel::SortRole);
        proxy.sort(BranchModel::NameColumn);
        QVERIFY(VersionOrder::lessThan(QStringLiteral("gitgui-0.6"), QStringLiteral("gitgui-0.10")));
    }

    void flags()
    {
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("root"), {}, TestRepo::BaseTime);
        repo.checkoutNew(QStringLiteral("feature/done"));
        repo.commit(QStringLiteral("done"), {}, TestRepo::BaseTime + 60);
        repo.checkout(QStringLiteral("main"));
        repo.merge(
            { QStringLiteral("feature/done") }, QStringLiteral("Merge done"), TestRepo::BaseTime + 120);
        repo.checkoutNew(QStringLiteral("feature/open"));
        repo.commit(QStringLiteral("open"), {}, TestRepo::BaseTime + 180);
        repo.checkout(QStringLiteral("main"));

        BranchModel model;
        model.setGrouping(BranchModel::Grouping::None);
        model.setNow(QDateTime::fromSecsSinceEpoch(TestRepo::BaseTime + 40 * 86400));
        QSignalSpy loaded(&model, &BranchModel::loaded);
        model.load(repo.path());
        QVERIFY(loaded.wait(20000));
        auto row
            = [&](const QString &name) { return model.indexOfRef(QStringLiteral("refs/heads/") + name); };
        QVERIFY(model.data(row(QStringLiteral("feature/done")), BranchModel::IsMergedRole).toBool());
        QVERIFY(!model.data(row(QStringLiteral("feature/open")), BranchModel::IsMergedRole).toBool());
        QVERIFY(!model.data(row(QStringLiteral("main")), BranchModel::IsMergedRole).toBool());
        QVERIFY(model.data(row(QStringLiteral("main")), BranchModel::IsHeadRole).toBool());
        QVERIFY(model.data(row(QStringLiteral("feature/open")), BranchModel::IsStaleRole).toBool());
        model.setStaleDays(60);
        QVERIFY(!model.data(row(QStringLiteral("feature/open")), BranchModel::IsStaleRole).toBool());
        QCOMPARE(model.data(row(QStringLiteral("feature/open")).siblingAtColumn(BranchModel::BaseDeltaColumn))
                     .toString(),
            QStringLiteral("↑1 ↓0"));

        // Same refs again: updated in place, no reset (selection survives).
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.reload();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(reset.size(), 0);
        QVERIFY(changed.size() > 0);
    }

    // The Date column reads as the other pages do ("yesterday 22:13", not the locale's
    // long form), the tooltip has the exact time, and sorting uses the time itself.
    void dateInTheSharedFormat()
    {
        QLocale::setDefault(QLocale(QStringLiteral("en_GB")));
        const auto restore = qScopeGuard([] { QLocale::setDefault(QLocale::system()); });
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("root"), {}, TestRepo::BaseTime); // 2023-11-14 22:13:20 UTC
        BranchModel model;
        model.setGrouping(BranchModel::Grouping::None);
        // The clock's zone is the one shown: UTC here, whatever the machine's.
        model.setNow(QDateTime::fromSecsSinceEpoch(TestRepo::BaseTime + 86400 + 3600, Qt::UTC));
        QSignalSpy loaded(&model, &BranchModel::loaded);
        model.load(repo.path());
        QVERIFY(loaded.wait(20000));
        const QModelIndex date
            = model.indexOfRef(QStringLiteral("refs/heads/main")).siblingAtColumn(BranchModel::DateColumn);
        QCOMPARE(date.data().toString(), QStringLiteral("yesterday 22:13"));
        const QString tip = date.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Tuesday, 14 November 2023 22:13:20 UTC")), qPrintable(tip));
        QCOMPARE(date.data(BranchModel::SortRole).toLongLong(), TestRepo::BaseTime);
        model.setNow(QDateTime::fromSecsSinceEpoch(TestRepo::BaseTime + 40 * 86400, Qt::UTC));
        QCOMPARE(date.data().toString(), QStringLiteral("14/11/2023 22:13"));
    }
};

QTEST_GUILESS_MAIN(BranchModelTest)
#include "tst_branchmodel.moc"
