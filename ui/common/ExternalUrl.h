#pragma once

// The one way DevDash opens a link in the user's browser. Links come from CI
// servers (a run's page, a deployment's log), from a repository's settings (an
// issue tracker's URL pattern) and from databases: none of them may make the
// desktop open a local file, run a `javascript:` or a custom-scheme handler.
// Only http and https URLs with a host are opened; anything else is refused.

class QUrl;
class QString;

namespace devdash::ui {

class ExternalUrl
{
public:
    // http or https, with a host, and nothing that would reach the local machine through the desktop.
    static bool isAllowed(const QUrl &url);
    // Opens `url` when isAllowed (true when handed to the desktop); otherwise opens nothing.
    static bool open(const QUrl &url);
    // The same for a URL given as text (as a CI server sends it): parsed strictly.
    static bool open(const QString &url);
};

} // namespace devdash::ui
