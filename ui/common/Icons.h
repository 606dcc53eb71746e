#pragma once

#include <QIcon>
#include <QString>

namespace devdash::ui {

// The app's line icons (resources/icons/*.svg), drawn in the palette's text colour so
// they suit the light and the dark theme. Cached per colour.
class Icons
{
public:
    static QIcon get(const QString &name);
    static QIcon get(const QString &name, const QColor &color);
};

} // namespace devdash::ui
