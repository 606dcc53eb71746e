#pragma once

// Renders one page of the window, with a repository's real content, to a PNG: for
// documentation (`devdash screenshot`) and for tests that check what users see.

#include "common/Result.h"

#include <QImage>
#include <QSize>
#include <QString>

namespace devdash::ui {

// Opens `repoPath` in a fresh window of `size`, shows `page` ("branches", "history", "tests",
// "compare"), waits until the page has loaded (no job running and the page ready,
// e.g. a commit selected with its files), and saves the window as PNG to `outFile`.
// Errors: unknown page, a repository that cannot be opened, a timeout, a blank image.
// DEVDASH_THEME=light|dark chooses the theme (light by default).
Result<void> renderScreenshot(const QString &repoPath, const QString &page, const QSize &size,
    const QString &outFile, int timeoutMs = 20000);

// The same, returning the image instead of writing it.
Result<QImage> renderPage(
    const QString &repoPath, const QString &page, const QSize &size, int timeoutMs = 20000);

// How many distinct colours an image has (a blank one has one or two).
int distinctColours(const QImage &image, int limit = 4096);

} // namespace devdash::ui
