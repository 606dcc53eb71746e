#include "Screenshot.h"

#include "MainWindow.h"
#include "MessagePanel.h"
#include "common/Page.h"

#include "common/JobTracker.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QSet>
#include <QTimer>

namespace devdash::ui {

int distinctColours(const QImage &image, int limit)
{
    QSet<QRgb> colours;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    // Every other pixel is plenty to tell content from a blank window.
    for (int y = 0; y < rgb.height(); y += 2) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); x += 2) {
            colours.insert(line[x]);
            if (colours.size() >= limit)
                return limit;
        }
    }
    return int(colours.size());
}

Result<QImage> renderPage(const QString &repoPath, const QString &pagePath, const QSize &size, int timeoutMs)
{
    // "database/er": a page and one of its views (the page's Q_INVOKABLE showSubView()).
    const QString pageName = pagePath.section(QLatin1Char('/'), 0, 0);
    const QString subView = pagePath.section(QLatin1Char('/'), 1);
    if (!qobject_cast<QApplication *>(QCoreApplication::instance()))
        return Error { QStringLiteral(
            "Cannot render a screenshot: no QApplication (run with a GUI platform, e.g. "
            "QT_QPA_PLATFORM=offscreen)") };
    MainWindow window(MainWindow::StatePolicy::Ephemeral);
    if (!window.pageNames().contains(pageName)) {
        return Error { QStringLiteral("Unknown page '%1': choose one of %2")
                           .arg(pageName, window.pageNames().join(QStringLiteral(", "))) };
    }
    window.setAttribute(Qt::WA_DontShowOnScreen, true);
    window.resize(size);
    window.showPage(pageName);
    if (!subView.isEmpty()) {
        bool shown = false;
        if (!QMetaObject::invokeMethod(window.page(pageName), "showSubView", Q_RETURN_ARG(bool, shown),
                Q_ARG(QString, subView))
            || !shown)
            return Error { QStringLiteral("The %1 page has no view '%2'").arg(pageName, subView) };
    }
    window.show();
    window.openRepository(repoPath);

    // Wait for the page to say it is ready while nothing runs any more, then a few
    // more event loop turns so that queued paints and late batches settle.
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    QString failure;
    int settledTicks = 0;
    QTimer poll;
    poll.setInterval(25);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (clock.elapsed() > timeoutMs) {
            QStringList running;
            for (const JobTracker::Job &job : window.jobs()->jobs())
                running << job.title;
            failure = QStringLiteral("Timed out after %1 ms waiting for the %2 page of %3 to load (%4)")
                          .arg(timeoutMs)
                          .arg(pageName, repoPath,
                              running.isEmpty()
                                  ? QStringLiteral("the page has not finished loading")
                                  : QStringLiteral("still running: ") + running.join(QStringLiteral("; ")));
            loop.quit();
            return;
        }
        if (window.messagePanel()->isVisible()
            && window.messagePanel()->kind() == MessagePanel::Kind::Error) {
            failure
                = window.messagePanel()->title() + QStringLiteral(": ") + window.messagePanel()->message();
            loop.quit();
            return;
        }
        const bool ready = window.isPageShown() && window.jobs()->isIdle() && window.currentPage()->isReady();
        // An empty repository shows its panel: that is the page's content too.
        const bool empty = window.messagePanel()->isVisible()
            && window.messagePanel()->kind() == MessagePanel::Kind::Empty && window.jobs()->isIdle();
        settledTicks = ready || empty ? settledTicks + 1 : 0;
        if (settledTicks >= 4)
            loop.quit();
    });
    poll.start();
    loop.exec();
    poll.stop();
    if (!failure.isEmpty())
        return Error { failure };

    const QImage image = window.grab().toImage();
    if (image.isNull() || distinctColours(image, 64) < 8)
        return Error { QStringLiteral("The %1 page of %2 rendered blank").arg(pageName, repoPath) };
    return image;
}

Result<void> renderScreenshot(
    const QString &repoPath, const QString &page, const QSize &size, const QString &outFile, int timeoutMs)
{
    if (outFile.isEmpty())
        return Error { QStringLiteral("No output file given for the screenshot") };
    auto image = renderPage(repoPath, page, size, timeoutMs);
    if (!image)
        return image.error();
    const QFileInfo info(outFile);
    if (!QDir().mkpath(info.absolutePath()))
        return Error { QStringLiteral("Cannot create the folder %1").arg(info.absolutePath()) };
    if (!image->save(outFile, "PNG"))
        return Error {
            QStringLiteral("Cannot write %1 (check the folder's permissions and free space)").arg(outFile)
        };
    return {};
}

} // namespace devdash::ui
