#include "ExternalUrl.h"

#include <QDesktopServices>
#include <QString>
#include <QUrl>

namespace devdash::ui {

bool ExternalUrl::isAllowed(const QUrl &url)
{
    if (!url.isValid() || url.isRelative())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return false;
    return !url.host().isEmpty();
}

bool ExternalUrl::open(const QUrl &url)
{
    if (!isAllowed(url))
        return false;
    return QDesktopServices::openUrl(url);
}

bool ExternalUrl::open(const QString &url)
{
    return open(QUrl(url.trimmed(), QUrl::StrictMode));
}

} // namespace devdash::ui
