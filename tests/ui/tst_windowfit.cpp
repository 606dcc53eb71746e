// The window on a laptop: every page of the demo workspace fits 1024×640 without
// widening the window, and the labels that name things are not cut; Tab goes round
// every page's panes, each showing its focus.
// When a page does not fit, the report names the widgets whose minimum width is
// too large (the tree of minimumSizeHint widths), which is where to look.

#include "common/FocusRing.h"
#include "common/JobTracker.h"
#include "common/Page.h"
#include "demo/DemoWorkspace.h"
#include "shell/MainWindow.h"
#include "shell/MessagePanel.h"
#include "tests/TestStoreAccess.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace devdash;

namespace {
constexpr QSize Laptop(1024, 640);

// The size a layout grants a widget at least: what it says, unless it says "ignore me".
QSize effectiveMinSize(const QWidget *widget)
{
    const QSize hint = widget->minimumSizeHint();
    const QSizePolicy policy = widget->sizePolicy();
    return QSize(policy.horizontalPolicy() == QSizePolicy::Ignored
            ? widget->minimumWidth()
            : qMax(widget->minimumWidth(), hint.width()),
        policy.verticalPolicy() == QSizePolicy::Ignored ? widget->minimumHeight()
                                                        : qMax(widget->minimumHeight(), hint.height()));
}

// Every widget at least `least` wide or high at minimum, indented by depth: the
// culprits are the deepest lines of a chain.
void collectLarge(const QWidget *widget, const QSize &least, int depth, QStringList &lines)
{
    const QSize size = effectiveMinSize(widget);
    if (size.width() < least.width() && size.height() < least.height())
        return;
    lines << QStringLiteral("%1%2 \"%3\" min %4×%5%6")
                 .arg(QString(depth * 2, QLatin1Char(' ')),
                     QString::fromLatin1(widget->metaObject()->className()), widget->objectName())
                 .arg(size.width())
                 .arg(size.height())
                 .arg(widget->isVisible() ? QString() : QStringLiteral(" (hidden)"));
    for (const QObject *child : widget->children())
        if (child->isWidgetType() && !static_cast<const QWidget *>(child)->isWindow())
            collectLarge(static_cast<const QWidget *>(child), least, depth + 1, lines);
}

QString wideWidgets(const QWidget *root, const QSize &least = QSize(600, 420))
{
    QStringList lines;
    collectLarge(root, least, 0, lines);
    return lines.join(QLatin1Char('\n'));
}

// Labels on screen whose one line of plain text is wider than the label, and that do
// not say the whole text in a tooltip; combo boxes and fields squeezed.
QStringList clippedLabels(const QWidget *page)
{
    QStringList clipped;
    for (const QLabel *label : page->findChildren<QLabel *>()) {
        if (!label->isVisibleTo(page) || !label->isVisible() || label->wordWrap() || label->text().isEmpty()
            || Qt::mightBeRichText(label->text()) || label->text().contains(QLatin1Char('\n')))
            continue;
        QString text = label->text();
        if (label->buddy()) // "&Show:" shows as "Show:"
            text.replace(QStringLiteral("&&"), QStringLiteral("\x01"))
                .remove(QLatin1Char('&'))
                .replace(QLatin1Char('\x01'), QLatin1Char('&'));
        const int needed = label->fontMetrics().horizontalAdvance(text);
        const int room = label->contentsRect().width() - 2 * label->margin() - label->indent();
        if (needed > room + 1 && label->toolTip().isEmpty())
            clipped << QStringLiteral("\"%1\" needs %2 px, has %3").arg(text).arg(needed).arg(room);
    }
    // Combo boxes that show their items in full, and fields squeezed too narrow to type in.
    for (const QComboBox *combo : page->findChildren<QComboBox *>())
        if (combo->isVisible() && combo->sizeAdjustPolicy() == QComboBox::AdjustToContents
            && combo->width() < combo->sizeHint().width())
            clipped << QStringLiteral("combo box \"%1\" is %2 px, needs %3")
                           .arg(combo->currentText())
                           .arg(combo->width())
                           .arg(combo->sizeHint().width());
    for (const QLineEdit *field : page->findChildren<QLineEdit *>())
        if (field->isVisible() && field->width() < qMin(100, field->maximumWidth())
            && !qobject_cast<const QComboBox *>(field->parentWidget())
            && !qobject_cast<const QAbstractSpinBox *>(field->parentWidget()))
            clipped << QStringLiteral("field \"%1\" is only %2 px wide")
                           .arg(field->placeholderText())
                           .arg(field->width());
    return clipped;
}
} // namespace

// The window is no larger than `size`, and could be made that small: the offscreen
// platform does not hold a window to its minimum size as a window manager does.
bool fits(const QWidget *window, const QSize &size)
{
    const QSize least = window->minimumSizeHint().expandedTo(window->minimumSize());
    return window->width() <= size.width() && window->height() <= size.height()
        && least.width() <= size.width() && least.height() <= size.height();
}

QString sizeReport(const QWidget *window, const QString &when)
{
    return QStringLiteral("%1×%2 %3, at least %4×%5; wide widgets:\n%6")
        .arg(window->width())
        .arg(window->height())
        .arg(when)
        .arg(window->minimumSizeHint().width())
        .arg(window->minimumSizeHint().height())
        .arg(wideWidgets(window));
}

class TestWindowFit : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    demo::DemoWorkspace m_demo;

    bool waitForPage(ui::MainWindow &window)
    {
        int settled = 0;
        return QTest::qWaitFor(
            [&] {
                const bool ready
                    = window.isPageShown() && window.jobs()->isIdle() && window.currentPage()->isReady();
                settled = ready ? settled + 1 : 0;
                return settled >= 4;
            },
            30000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto demo = demo::DemoWorkspace::create(m_dir.filePath(QStringLiteral("demo")));
        QVERIFY2(demo, qPrintable(demo.errorMessage()));
        m_demo = *demo;
        ui::TestStoreAccess::setLocation(m_demo.store);
    }
    void cleanupTestCase() { ui::TestStoreAccess::setLocation(std::nullopt); }

    void tabReachesEveryPane_data()
    {
        QTest::addColumn<QString>("page");
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        for (const QString &name : window.pageNames())
            QTest::newRow(qPrintable(name)) << name;
    }

    // Keyboard only: Tab from the sidebar goes round the page and back, through every
    // list, table and tree on screen, and each stop shows that it has the focus.
    void tabReachesEveryPane()
    {
        QFETCH(QString, page);
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        window.resize(Laptop);
        window.show();
        QVERIFY(window.showPage(page));
        window.openRepository(m_demo.repository);
        QVERIFY2(waitForPage(window), qPrintable(page));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *sidebar = window.findChild<QListWidget *>(QStringLiteral("pageList"));
        QVERIFY(sidebar);
        sidebar->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), sidebar);

        QList<QWidget *> stops;
        QStringList unseen;
        for (int i = 0; i < 300; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QWidget *focus = QApplication::focusWidget();
            QVERIFY(focus);
            if (focus == sidebar)
                break;
            if (stops.contains(focus))
                continue; // a text pane stepping through its links
            stops << focus;
            const ui::FocusRing *ring = ui::FocusRing::of(&window);
            const bool ringed = ring && ring->isVisible() && ring->target() == focus;
            const bool ownFocus = qobject_cast<QLineEdit *>(focus) || qobject_cast<QComboBox *>(focus)
                || qobject_cast<QAbstractSpinBox *>(focus) || qobject_cast<QTabBar *>(focus)
                || (qobject_cast<QAbstractButton *>(focus) && !qobject_cast<QToolButton *>(focus))
                || qobject_cast<QLabel *>(focus);
            if (!ringed && !ownFocus)
                unseen << QString::fromLatin1(focus->metaObject()->className()) + QLatin1Char(' ')
                        + focus->objectName();
        }
        QVERIFY2(QApplication::focusWidget() == sidebar,
            qPrintable(
                QStringLiteral("Tab did not come back to the sidebar; stuck in %1")
                    .arg(QString::fromLatin1(QApplication::focusWidget()->metaObject()->className()))));
        QVERIFY2(unseen.isEmpty(),
            qPrintable(QStringLiteral("no visible focus on: ") + unseen.join(QStringLiteral(", "))));
        // Every list, table and tree on screen that takes the focus is a stop.
        for (QAbstractItemView *view : window.currentPage()->findChildren<QAbstractItemView *>())
            if (view->isVisible() && (view->focusPolicy() & Qt::TabFocus) && view->isEnabled())
                QVERIFY2(stops.contains(view),
                    qPrintable(
                        QStringLiteral("Tab never reaches the %1 %2")
                            .arg(QString::fromLatin1(view->metaObject()->className()), view->objectName())));
    }

    void fitsLaptop_data()
    {
        QTest::addColumn<QString>("page");
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        for (const QString &name : window.pageNames())
            QTest::newRow(qPrintable(name)) << name;
        // The Databases page's views, each with toolbars of its own.
        for (const char *view : { "er", "diff", "history", "migrations" })
            QTest::newRow(qPrintable(QStringLiteral("database/") + QLatin1String(view)))
                << QStringLiteral("database/") + QLatin1String(view);
    }

    void fitsLaptop()
    {
        QFETCH(QString, page);
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        window.resize(Laptop);
        window.show();
        QVERIFY(window.showPage(page.section(QLatin1Char('/'), 0, 0)));
        if (page.contains(QLatin1Char('/'))) {
            bool shown = false;
            QVERIFY(QMetaObject::invokeMethod(window.currentPage(), "showSubView", Q_RETURN_ARG(bool, shown),
                Q_ARG(QString, page.section(QLatin1Char('/'), 1))));
            QVERIFY(shown);
        }
        window.openRepository(m_demo.repository);
        QVERIFY2(waitForPage(window), qPrintable(page));
        // Loaded content must not widen the window by itself…
        QVERIFY2(fits(&window, Laptop),
            qPrintable(page + QStringLiteral(": ") + sizeReport(&window, QStringLiteral("after loading"))));
        // …and a window made wider can be made narrow again.
        window.resize(1400, 900);
        QTest::qWait(20);
        window.resize(Laptop);
        QTest::qWait(20);
        QVERIFY2(fits(&window, Laptop),
            qPrintable(page + QStringLiteral(": ")
                + sizeReport(&window, QStringLiteral("after a resize to 1024×640"))));
        // DEVDASH_FIT_REPORT=WIDTH lists what holds the page that wide, passing or not.
        if (const int least = qEnvironmentVariableIntValue("DEVDASH_FIT_REPORT"))
            qInfo().noquote() << wideWidgets(window.currentPage(), QSize(least, 10000));
        const QStringList clipped = clippedLabels(window.currentPage());
        QVERIFY2(
            clipped.isEmpty(), qPrintable(page + QStringLiteral(": ") + clipped.join(QStringLiteral("; "))));

        const QString shots = qEnvironmentVariable("DEVDASH_UI_SHOTS");
        if (!shots.isEmpty()) {
            QDir().mkpath(shots);
            window.grab().save(QDir(shots).filePath(
                QStringLiteral("fit-%1.png").arg(QString(page).replace(QLatin1Char('/'), QLatin1Char('-')))));
        }
    }
};

QTEST_MAIN(TestWindowFit)
#include "tst_windowfit.moc"
