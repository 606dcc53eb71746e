// The credential trap through the window: the Overview, Databases, Pipelines and
// Deployments pages of a cloned repository whose `.devdash.json` names loopback
// servers as its CI hosts and production database, with the user's tokens and
// DEVDASH_DB_PASSWORD_PRODUCTION in the environment. Before trust: the bar says so,
// 0 credentials arrive and nothing is connected; after "Trust" they flow; after an
// edit of the file the bar is back and 0 arrive again.

#include "CredentialTrap.h"
#include "common/JobTracker.h"
#include "common/Page.h"
#include "shell/MainWindow.h"
#include "shell/TrustBar.h"
#include "shell/TrustDialog.h"
#include "store/StoreLocation.h"
#include "tests/TestStoreAccess.h"

#include <QFile>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace devdash;
using namespace devdash::test;

class TestCredentialTrapWindow : public QObject
{
    Q_OBJECT

    CredentialTrap m_trap;
    QTemporaryDir m_dir;

    // Every page that could use what the file names, each until it settles.
    static void visitPages(ui::MainWindow &window)
    {
        for (const char *name : { "overview", "database", "pipelines", "deployments" }) {
            QVERIFY(window.showPage(QLatin1String(name)));
            ui::Page *page = window.page(QLatin1String(name));
            QVERIFY(page);
            // A page that never settles is still checked: the trap counts what it sent meanwhile.
            (void)QTest::qWaitFor([&] { return page->isReady() && window.jobs()->isIdle(); }, 20000);
            QTest::qWait(300);
        }
        // Pollers and background fetches: give them time to ask (they would, within this).
        QTest::qWait(2500);
        (void)QTest::qWaitFor([&] { return window.jobs()->isIdle(); }, 20000);
    }

    void expectNothingLeaked()
    {
        QVERIFY2(m_trap.secretHeaders() == 0, qPrintable(m_trap.secretHeaderKinds().join(u',')));
        QCOMPARE(m_trap.databaseConnections(), 0);
        QCOMPARE(m_trap.passwords().size(), 0);
        QVERIFY(!QFile::exists(m_trap.mark()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        CredentialTrap::setEnvironment();
        QString why;
        QVERIFY2(m_trap.start(&why), qPrintable(why));
        auto location = store::StoreLocation::parse(m_dir.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(location);
        ui::TestStoreAccess::setLocation(*location);
    }
    void cleanupTestCase() { ui::TestStoreAccess::setLocation(std::nullopt); }

    void pagesBeforeAndAfterTrust()
    {
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        window.resize(1280, 800);
        window.show();
        window.openRepository(m_trap.repository());
        QVERIFY(QTest::qWaitFor([&] { return window.isPageShown(); }, 20000));
        QVERIFY(window.trustBar()->isVisible());
        auto *text = window.trustBar()->findChild<QLabel *>(QStringLiteral("trustBarText"));
        QVERIFY(
            text && text->text().startsWith(QStringLiteral("This repository's settings are not trusted")));
        QCOMPARE(text->textFormat(), Qt::PlainText);

        m_trap.clear();
        visitPages(window);
        QVERIFY2(m_trap.httpRequests() > 0, "the public CI status is asked for anonymously");
        expectNothingLeaked();

        // "Review…": exactly what the file asks for, then Trust.
        {
            ui::TrustDialog dialog(m_trap.repository());
            QTreeWidget *list = dialog.requestList();
            QCOMPARE(list->topLevelItemCount(), 3); // hosts, databases, commands
            QCOMPARE(list->topLevelItem(0)->childCount(), 3);
            QVERIFY(list->topLevelItem(0)->child(0)->text(0).startsWith(m_trap.httpBase()));
            QCOMPARE(list->topLevelItem(1)->childCount(), 1);
            QCOMPARE(list->topLevelItem(2)->child(0)->text(0), QStringLiteral("touch pipeline-ran"));
            QVERIFY(dialog.decide(true));
        }
        m_trap.clear();
        window.reloadRepositorySettings();
        QVERIFY(!window.trustBar()->isVisible());
        visitPages(window);
        QVERIFY2(m_trap.secretHeaderKinds()
                == QStringList(
                    { QStringLiteral("github"), QStringLiteral("gitlab"), QStringLiteral("jenkins") }),
            qPrintable(m_trap.secretHeaderKinds().join(u',')));
        QVERIFY(m_trap.passwords().contains(CredentialTrap::DbPassword));

        // The file changes: untrusted again, the bar is back, nothing flows.
        m_trap.writeConfig("\n");
        window.reloadRepositorySettings();
        QVERIFY(window.trustBar()->isVisible());
        QTest::qWait(500);
        (void)QTest::qWaitFor([&] { return window.jobs()->isIdle(); }, 20000);
        m_trap.clear();
        visitPages(window);
        expectNothingLeaked();
    }
};

QTEST_MAIN(TestCredentialTrapWindow)
#include "tst_credentialtrap_window.moc"
