#include "Theme.h"

#include <QApplication>
#include <QFile>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

static void initDevDashResources()
{
    // Outside any namespace, as Q_INIT_RESOURCE requires.
    Q_INIT_RESOURCE(devdash);
}

namespace devdash::ui {

namespace {

ThemeMode g_mode = ThemeMode::System;
bool g_dark = false;
bool g_systemPaletteKnown = false;
QPalette g_systemPalette;

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf3, 0xf4, 0xf6));
    p.setColor(QPalette::WindowText, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf6, 0xf8, 0xfa));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf0));
    p.setColor(QPalette::ToolTipText, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x91, 0x99));
    p.setColor(QPalette::Text, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::Button, QColor(0xf6, 0xf8, 0xfa));
    p.setColor(QPalette::ButtonText, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xe4, 0xe7, 0xeb));
    p.setColor(QPalette::Mid, QColor(0xd0, 0xd7, 0xde));
    p.setColor(QPalette::Dark, QColor(0xa0, 0xa7, 0xae));
    p.setColor(QPalette::Shadow, QColor(0x60, 0x66, 0x6c));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x0a, 0x5c, 0xc2));
    p.setColor(QPalette::LinkVisited, QColor(0x6a, 0x3d, 0xb8));
    for (auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, QColor(0x9a, 0xa0, 0xa6));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x1e, 0x21, 0x26));
    p.setColor(QPalette::WindowText, QColor(0xd8, 0xdc, 0xe1));
    p.setColor(QPalette::Base, QColor(0x16, 0x18, 0x1c));
    p.setColor(QPalette::AlternateBase, QColor(0x24, 0x28, 0x2e));
    p.setColor(QPalette::ToolTipBase, QColor(0x2b, 0x30, 0x37));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe9, 0xec));
    p.setColor(QPalette::PlaceholderText, QColor(0x7d, 0x85, 0x90));
    p.setColor(QPalette::Text, QColor(0xd8, 0xdc, 0xe1));
    p.setColor(QPalette::Button, QColor(0x2a, 0x2e, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xd8, 0xdc, 0xe1));
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x3a, 0x3f, 0x47));
    p.setColor(QPalette::Midlight, QColor(0x32, 0x37, 0x3e));
    p.setColor(QPalette::Mid, QColor(0x3a, 0x3f, 0x47));
    p.setColor(QPalette::Dark, QColor(0x12, 0x14, 0x17));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x5f, 0xb3));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb0, 0x8c, 0xf0));
    for (auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, QColor(0x6a, 0x70, 0x78));
    return p;
}

QString readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

bool paletteIsDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

} // namespace

void Theme::initResources()
{
    static bool done = false;
    if (!done) {
        initDevDashResources();
        done = true;
    }
}

void Theme::apply(ThemeMode mode)
{
    initResources();
    auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
    if (!app)
        return;
    if (!g_systemPaletteKnown) {
        // Remember what the platform gave before we override it, for "System".
        g_systemPalette = QApplication::palette();
        g_systemPaletteKnown = true;
    }
    g_mode = mode;
    if (!app->style() || app->style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));

    QPalette palette;
    switch (mode) {
    case ThemeMode::Light:
        palette = lightPalette();
        break;
    case ThemeMode::Dark:
        palette = darkPalette();
        break;
    case ThemeMode::System:
        // Qt 6.4 does not report the platform's colour scheme; follow its palette.
        palette = paletteIsDark(g_systemPalette) ? darkPalette() : lightPalette();
        break;
    }
    g_dark = paletteIsDark(palette);
    QApplication::setPalette(palette);
    app->setStyleSheet(readResource(QStringLiteral(":/styles/common.qss"))
        + readResource(g_dark ? QStringLiteral(":/styles/dark.qss") : QStringLiteral(":/styles/light.qss")));
}

ThemeMode Theme::mode()
{
    return g_mode;
}
bool Theme::isDark()
{
    return g_dark;
}

QString Theme::modeName(ThemeMode mode)
{
    switch (mode) {
    case ThemeMode::Light:
        return QStringLiteral("light");
    case ThemeMode::Dark:
        return QStringLiteral("dark");
    case ThemeMode::System:
        break;
    }
    return QStringLiteral("system");
}

ThemeMode Theme::modeFromName(const QString &name)
{
    if (name == QLatin1String("light"))
        return ThemeMode::Light;
    if (name == QLatin1String("dark"))
        return ThemeMode::Dark;
    return ThemeMode::System;
}

QColor Theme::laneColor(int lane)
{
    // Distinct hues that read on white and on near-black.
    static const QColor light[] = { QColor(0x1f, 0x77, 0xd0), QColor(0xd6, 0x4d, 0x1a),
        QColor(0x2a, 0x9d, 0x3f), QColor(0x9b, 0x3f, 0xc4), QColor(0xc2, 0x8a, 0x00),
        QColor(0x00, 0x96, 0x9b), QColor(0xd0, 0x32, 0x7a), QColor(0x5b, 0x6b, 0x7c) };
    static const QColor dark[] = { QColor(0x5a, 0xa7, 0xff), QColor(0xff, 0x8a, 0x4c),
        QColor(0x5f, 0xd0, 0x6e), QColor(0xc0, 0x8a, 0xff), QColor(0xf0, 0xc0, 0x40),
        QColor(0x3f, 0xd0, 0xd0), QColor(0xff, 0x70, 0xae), QColor(0xa0, 0xae, 0xbc) };
    const int i = (lane < 0 ? -lane : lane) % 8;
    return g_dark ? dark[i] : light[i];
}

QColor Theme::addedBackground()
{
    return g_dark ? QColor(0x1d, 0x3b, 0x26) : QColor(0xe6, 0xff, 0xec);
}
QColor Theme::deletedBackground()
{
    return g_dark ? QColor(0x4a, 0x22, 0x25) : QColor(0xff, 0xeb, 0xe9);
}
QColor Theme::addedText()
{
    return g_dark ? QColor(0x6f, 0xdd, 0x8b) : QColor(0x1a, 0x7f, 0x37);
}
QColor Theme::deletedText()
{
    return g_dark ? QColor(0xff, 0x8b, 0x85) : QColor(0xcf, 0x22, 0x2e);
}
QColor Theme::hunkBackground()
{
    return g_dark ? QColor(0x1f, 0x2c, 0x40) : QColor(0xdd, 0xf4, 0xff);
}
QColor Theme::hunkText()
{
    return g_dark ? QColor(0x9c, 0xc4, 0xf0) : QColor(0x3b, 0x5b, 0x7f);
}
QColor Theme::gutterBackground()
{
    return g_dark ? QColor(0x1c, 0x1f, 0x24) : QColor(0xf6, 0xf8, 0xfa);
}
QColor Theme::noteBackground()
{
    return g_dark ? QColor(0x3a, 0x33, 0x1c) : QColor(0xff, 0xf8, 0xc5);
}
QColor Theme::branchBadge()
{
    return g_dark ? QColor(0x2e, 0x7d, 0x4a) : QColor(0x2d, 0xa4, 0x4e);
}
QColor Theme::remoteBadge()
{
    return g_dark ? QColor(0x3a, 0x5f, 0xa8) : QColor(0x4a, 0x78, 0xc8);
}
QColor Theme::tagBadge()
{
    return g_dark ? QColor(0x9a, 0x74, 0x12) : QColor(0xc9, 0x8a, 0x00);
}
QColor Theme::headBadge()
{
    return g_dark ? QColor(0xd0, 0x4f, 0x2c) : QColor(0xe0, 0x5d, 0x2c);
}
QColor Theme::mutedText()
{
    return g_dark ? QColor(0x8b, 0x94, 0x9e) : QColor(0x6e, 0x77, 0x81);
}
QColor Theme::linkColor()
{
    return g_dark ? QColor(0x6c, 0xb6, 0xff) : QColor(0x0a, 0x5c, 0xc2);
}

} // namespace devdash::ui
