// locateCommit against git: a commit is in a scope exactly when
// `git merge-base --is-ancestor <commit> <tip>` says so for one of its tips, and in
// some ref when `git branch -a --contains` / `git tag --contains` list one.

#include "TestEnvironment.h"
#include "TestRepo.h"
#include "git/CommitLocator.h"

#include <QTest>

using namespace devdash;
using namespace devdash::git;
using devdash::test::TestRepo;

class TestCommitLocator : public QObject
{
    Q_OBJECT

    // main: a - b - c ; topic (from a): t1 - t2 ; a dangling commit d on no ref.
    TestRepo m_repo;
    QString m_a, m_c, m_t2, m_dangling;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(test::TestEnvironment::setUp());
        m_repo.init();
        m_a = m_repo.commit(QStringLiteral("a"), { { QStringLiteral("f"), "a\n" } });
        m_repo.commit(QStringLiteral("b"), { { QStringLiteral("f"), "b\n" } });
        m_c = m_repo.commit(QStringLiteral("c"), { { QStringLiteral("f"), "c\n" } });
        m_repo.checkoutNew(QStringLiteral("topic"), m_a);
        m_repo.commit(QStringLiteral("t1"), { { QStringLiteral("t"), "1\n" } });
        m_t2 = m_repo.commit(QStringLiteral("t2"), { { QStringLiteral("t"), "2\n" } });
        m_dangling = m_repo.commit(QStringLiteral("d"), { { QStringLiteral("t"), "3\n" } });
        m_repo.git({ QStringLiteral("reset"), QStringLiteral("--hard"), m_t2 });
        m_repo.checkout(QStringLiteral("main"));
        QVERIFY2(m_repo.ok(), qPrintable(m_repo.errors()));
    }

    void placements_data()
    {
        QTest::addColumn<int>("scopeKind");
        QTest::addColumn<QString>("scopeRef");
        QTest::addColumn<QString>("revisionName");
        QTest::addColumn<bool>("inScope");
        QTest::addColumn<bool>("inAnyRef");
        using K = HistoryScope::Kind;
        QTest::newRow("tip of HEAD") << int(K::Head) << QString() << QStringLiteral("c") << true << true;
        QTest::newRow("ancestor in HEAD") << int(K::Head) << QString() << QStringLiteral("a") << true << true;
        QTest::newRow("other branch only")
            << int(K::Head) << QString() << QStringLiteral("t2") << false << true;
        QTest::newRow("in that branch")
            << int(K::Ref) << QStringLiteral("topic") << QStringLiteral("t2") << true << true;
        QTest::newRow("not in that branch")
            << int(K::Ref) << QStringLiteral("topic") << QStringLiteral("c") << false << true;
        QTest::newRow("all refs") << int(K::All) << QString() << QStringLiteral("t2") << true << true;
        QTest::newRow("on no ref") << int(K::All) << QString() << QStringLiteral("d") << false << false;
        QTest::newRow("on no ref from HEAD")
            << int(K::Head) << QString() << QStringLiteral("d") << false << false;
    }
    void placements()
    {
        QFETCH(int, scopeKind);
        QFETCH(QString, scopeRef);
        QFETCH(QString, revisionName);
        QFETCH(bool, inScope);
        QFETCH(bool, inAnyRef);
        const QHash<QString, QString> ids { { QStringLiteral("a"), m_a }, { QStringLiteral("c"), m_c },
            { QStringLiteral("t2"), m_t2 }, { QStringLiteral("d"), m_dangling } };
        const QString id = ids.value(revisionName);
        const HistoryScope scope { HistoryScope::Kind(scopeKind), scopeRef };
        // A full id and an abbreviated one say the same.
        for (const QString &revision : { id, id.left(9) }) {
            auto placement = locateCommit(m_repo.path(), scope, revision);
            QVERIFY2(placement, qPrintable(placement.errorMessage()));
            QCOMPARE(placement->commit, id);
            QCOMPARE(placement->inScope, inScope);
            QCOMPARE(placement->inAnyRef, inAnyRef);
        }
        // The oracle: git's own answer for the scope's tip.
        if (scopeKind != int(HistoryScope::Kind::All)) {
            const QString tip = scopeRef.isEmpty() ? QStringLiteral("HEAD") : scopeRef;
            const int rc
                = m_repo.tryGit({ QStringLiteral("merge-base"), QStringLiteral("--is-ancestor"), id, tip });
            QCOMPARE(rc == 0, inScope);
        }
    }

    void unknownRevision()
    {
        auto placement = locateCommit(m_repo.path(), HistoryScope::head(), QString(40, QLatin1Char('0')));
        QVERIFY(!placement);
        QVERIFY(!placement.errorMessage().isEmpty());
    }
};

QTEST_MAIN(TestCommitLocator)
#include "tst_commitlocator.moc"
