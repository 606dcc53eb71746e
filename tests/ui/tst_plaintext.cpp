// Text from repositories, CI servers and databases is shown as text, never as
// markup: a branch named `<h1>BIG<` and a repository folder named `<b>repo<`
// in the toolbar and the pages, tool tips of widgets and item models, the release
// diff's browser (no external links), and the one way a link is opened (http and
// https only).

#include "TestEnvironment.h"
#include "TestRepo.h"
#include "common/ExternalUrl.h"
#include "common/Page.h"
#include "common/PlainToolTips.h"
#include "shell/MainWindow.h"

#include <QApplication>
#include <QDesktopServices>
#include <QHelpEvent>
#include <QLabel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QToolTip>
#include <QUrl>

using namespace devdash;
using devdash::test::TestRepo;

namespace {

constexpr int LoadTimeout = 20000;
const QString Branch = QStringLiteral("<h1>BIG<");
const QString Folder = QStringLiteral("<b>repo<"); // no slash: it is a folder name

QLabel *tipLabel()
{
    for (QWidget *w : QApplication::topLevelWidgets())
        if (w->inherits("QTipLabel") && w->isVisible())
            return static_cast<QLabel *>(w);
    return nullptr;
}

} // namespace

// Records the URLs the desktop was asked to open (QDesktopServices::setUrlHandler).
class UrlRecorder : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void open(const QUrl &url) { opened << url; }
};

class TstPlainText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(test::TestEnvironment::setUp()); }

    void toolbarAndPagesShowNamesAsText()
    {
        TestRepo repo(Folder);
        repo.init();
        repo.commit(QStringLiteral("<i>first</i>"), { { QStringLiteral("a.txt"), "a\n" } });
        repo.checkoutNew(Branch);
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));

        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        window.resize(1200, 800);
        window.show();
        window.openRepository(repo.path());
        QTRY_VERIFY_WITH_TIMEOUT(window.isPageShown() && window.jobs()->isIdle(), LoadTimeout);

        auto *badge = window.findChild<QLabel *>(QStringLiteral("branchBadge"));
        QVERIFY(badge);
        QTRY_VERIFY_WITH_TIMEOUT(badge->text().contains(Branch), LoadTimeout);
        QCOMPARE(badge->textFormat(), Qt::PlainText);
        // Drawn as one line of the toolbar's font (plus the badge's padding), not as a
        // heading: a label left to guess the format is far taller.
        QLabel reference(QStringLiteral("⎇ main"));
        reference.setFont(badge->font());
        QLabel guessing(badge->text());
        guessing.setFont(badge->font());
        QVERIFY(Qt::mightBeRichText(badge->text()));
        const int height = badge->sizeHint().height();
        QVERIFY2(height < reference.sizeHint().height() * 3 / 2 && height < guessing.sizeHint().height(),
            qPrintable(QStringLiteral("%1 vs %2 (one line) and %3 (as a heading)")
                           .arg(height)
                           .arg(reference.sizeHint().height())
                           .arg(guessing.sizeHint().height())));
        auto *name = window.findChild<QLabel *>(QStringLiteral("repoName"));
        QVERIFY(name);
        QCOMPARE(name->text(), Folder);
        QCOMPARE(name->textFormat(), Qt::PlainText);

        // Every page: a label holding the names raw shows them as plain text; a rich
        // one (composed on purpose) holds them escaped.
        for (const QString &page : { QStringLiteral("overview"), QStringLiteral("branches"),
                 QStringLiteral("history"), QStringLiteral("compare") }) {
            QVERIFY(window.showPage(page));
            QTRY_VERIFY_WITH_TIMEOUT(window.jobs()->isIdle(), LoadTimeout);
            QTest::qWait(50);
            for (QLabel *label : window.findChildren<QLabel *>()) {
                const bool raw = label->text().contains(Branch) || label->text().contains(Folder)
                    || label->text().contains(QLatin1String("<i>first</i>"));
                if (raw)
                    QVERIFY2(label->textFormat() == Qt::PlainText
                            || (label->textFormat() == Qt::AutoText && !Qt::mightBeRichText(label->text())),
                        qPrintable(page + QStringLiteral(": ") + label->text()));
            }
        }
    }

    void toolTipsArePlainText()
    {
        ui::PlainToolTips::install();
        QWidget host;
        host.resize(300, 200);
        auto *label = new QLabel(QStringLiteral("hover"), &host);
        label->setToolTip(QStringLiteral("<h1>BIG<</h1><img src=\"/etc/passwd\">"));
        host.show();
        QVERIFY(QTest::qWaitForWindowExposed(&host));

        QHelpEvent help(QEvent::ToolTip, QPoint(5, 5), label->mapToGlobal(QPoint(5, 5)));
        QApplication::sendEvent(label, &help);
        QTRY_VERIFY(tipLabel());
        QCOMPARE(tipLabel()->textFormat(), Qt::PlainText);
        QCOMPARE(tipLabel()->text(), label->toolTip());
        QToolTip::hideText();

        // An item model's tool tip (a test's, a table's, a cell's name) goes the same way.
        QStandardItemModel model(1, 1);
        auto *item = new QStandardItem(QStringLiteral("<b>x</b>"));
        item->setToolTip(QStringLiteral("<b>x</b>"));
        model.setItem(0, 0, item);
        auto *view = new QTableView(&host);
        view->setModel(&model);
        view->resize(280, 150);
        view->show();
        QTest::qWait(20);
        const QPoint at = view->visualRect(model.index(0, 0)).center();
        QHelpEvent itemHelp(QEvent::ToolTip, at, view->viewport()->mapToGlobal(at));
        QApplication::sendEvent(view->viewport(), &itemHelp);
        QTRY_VERIFY(tipLabel() && tipLabel()->text() == QLatin1String("<b>x</b>"));
        QCOMPARE(tipLabel()->textFormat(), Qt::PlainText);
        QToolTip::hideText();
    }

    void onlyWebLinksAreOpened_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("https") << "https://github.com/o/r/actions/runs/1" << true;
        QTest::newRow("http") << "http://jenkins.example.com/job/x/1/" << true;
        QTest::newRow("upper case") << "HTTPS://gitlab.com/g/p/-/pipelines/2" << true;
        QTest::newRow("javascript") << "javascript:alert(document.cookie)" << false;
        QTest::newRow("file") << "file:///etc/passwd" << false;
        QTest::newRow("data") << "data:text/html,<script>x</script>" << false;
        QTest::newRow("custom scheme") << "vscode://file/etc/passwd" << false;
        QTest::newRow("smb") << "smb://host/share" << false;
        QTest::newRow("no host") << "http:///etc/passwd" << false;
        QTest::newRow("relative") << "/etc/passwd" << false;
        QTest::newRow("empty") << "" << false;
    }
    void onlyWebLinksAreOpened()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        UrlRecorder recorder;
        const QStringList schemes { "http", "https", "javascript", "file", "data", "vscode", "smb" };
        for (const QString &scheme : schemes)
            QDesktopServices::setUrlHandler(scheme, &recorder, "open");
        QCOMPARE(ui::ExternalUrl::isAllowed(QUrl(url)), allowed);
        QCOMPARE(ui::ExternalUrl::open(url), allowed);
        QCOMPARE(recorder.opened.size(), allowed ? 1 : 0);
        for (const QString &scheme : schemes)
            QDesktopServices::unsetUrlHandler(scheme);
    }

    void releaseDiffOpensNoLinkItself()
    {
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        QWidget *page = window.page(QStringLiteral("deployments"));
        QVERIFY(page);
        const auto browsers = page->findChildren<QTextBrowser *>();
        QVERIFY(!browsers.isEmpty());
        for (QTextBrowser *browser : browsers) {
            QVERIFY(!browser->openExternalLinks());
            QVERIFY(!browser->openLinks());
        }
    }
};

QTEST_MAIN(TstPlainText)
#include "tst_plaintext.moc"
