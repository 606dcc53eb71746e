#pragma once

// The window's look: Fusion with a light or dark palette (or the platform's own),
// plus the few colours the custom painting needs (graph lanes, ref badges, diff
// backgrounds) so that both palettes look right.

#include <QColor>
#include <QString>

namespace devdash::ui {

enum class ThemeMode { System, Light, Dark };

class Theme
{
public:
    // Loads the icons and stylesheets of the resource library (safe to call repeatedly).
    static void initResources();

    static void apply(ThemeMode mode);
    static ThemeMode mode();
    static bool isDark();

    static QString modeName(ThemeMode mode); // "system", "light", "dark"
    static ThemeMode modeFromName(const QString &name);

    static QColor laneColor(int lane);
    static QColor addedBackground();
    static QColor deletedBackground();
    static QColor addedText();
    static QColor deletedText();
    static QColor hunkBackground();
    static QColor hunkText();
    static QColor gutterBackground();
    static QColor noteBackground();
    static QColor branchBadge();
    static QColor remoteBadge();
    static QColor tagBadge();
    static QColor headBadge();
    static QColor mutedText();
    static QColor linkColor();
};

} // namespace devdash::ui
