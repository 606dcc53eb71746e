#include "config/CredentialHosts.h"

#include <QRegularExpression>
#include <QUrl>

namespace devdash::config {

ProviderCredentials CredentialHosts::of(const QString &provider)
{
    if (provider == QLatin1String("github"))
        return { { QStringLiteral("GITHUB_TOKEN"), QStringLiteral("GH_TOKEN") }, {},
            QStringLiteral("api.github.com"), QStringLiteral("GH_HOST") };
    if (provider == QLatin1String("gitlab"))
        return { { QStringLiteral("GITLAB_TOKEN") }, {}, QStringLiteral("gitlab.com"),
            QStringLiteral("GITLAB_HOST") };
    if (provider == QLatin1String("jenkins"))
        return { { QStringLiteral("JENKINS_TOKEN") }, QStringLiteral("JENKINS_USER"), {}, {} };
    if (provider == QLatin1String("cctray"))
        return { { QStringLiteral("DEVDASH_CCTRAY_PASSWORD") }, QStringLiteral("DEVDASH_CCTRAY_USER"), {},
            {} };
    return {};
}

QString CredentialHosts::variablesText(const QString &provider)
{
    const ProviderCredentials names = of(provider);
    if (names.tokenVariables.isEmpty())
        return {};
    if (!names.userVariable.isEmpty())
        return names.userVariable + QStringLiteral(" and ") + names.tokenVariables.first();
    if (names.tokenVariables.size() > 1)
        return names.tokenVariables.first() + QStringLiteral(" (or ")
            + names.tokenVariables.mid(1).join(QStringLiteral(", ")) + QLatin1Char(')');
    return names.tokenVariables.first();
}

QString CredentialHosts::credentialsText(const QString &provider, const QString &host)
{
    const QString variables = variablesText(provider);
    const QString keychain = QStringLiteral("the keychain entry %1@%2").arg(provider, host);
    return variables.isEmpty() ? keychain : QStringLiteral("%1 or %2").arg(variables, keychain);
}

namespace {

// "github.example.com", "https://gitlab.example.com:8443/" → host[:port], lower case.
QString hostOfSetting(const QString &value)
{
    QString v = value.trimmed().toLower();
    if (v.isEmpty())
        return {};
    if (!v.contains(QLatin1String("://")))
        v.prepend(QLatin1String("https://"));
    const QUrl url(v);
    if (url.host().isEmpty())
        return {};
    return url.port() > 0 ? url.host() + QLatin1Char(':') + QString::number(url.port()) : url.host();
}

} // namespace

bool CredentialHosts::isUserHost(const QString &provider, const QString &apiUrl)
{
    const QUrl url(apiUrl);
    if (url.scheme() != QLatin1String("https") || url.host().isEmpty() || !url.userName().isEmpty())
        return false;
    const QString host = url.port() > 0 && url.port() != 443
        ? url.host().toLower() + QLatin1Char(':') + QString::number(url.port())
        : url.host().toLower();
    const ProviderCredentials names = of(provider);
    if (!names.defaultHost.isEmpty() && host == names.defaultHost)
        return true;
    if (names.hostVariable.isEmpty())
        return false;
    const QString named = hostOfSetting(qEnvironmentVariable(names.hostVariable.toLatin1().constData()));
    // gh's GH_HOST names the web host; its API is the same host (/api/v3) or api.<host>.
    return !named.isEmpty() && (host == named || host == QLatin1String("api.") + named);
}

bool CredentialHosts::isLoopback(const QString &host)
{
    QString h = host.toLower();
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    if (h == QLatin1String("localhost") || h.endsWith(QLatin1String(".localhost")))
        return true;
    // Qt Core only (no QHostAddress): 127.0.0.0/8 written as four numbers, and ::1 in its usual spellings.
    static const QRegularExpression v4(
        QStringLiteral(R"(^(?:::ffff:)?127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$)"));
    if (const auto m = v4.match(h); m.hasMatch())
        return m.captured(1).toInt() < 256 && m.captured(2).toInt() < 256 && m.captured(3).toInt() < 256;
    return h == QLatin1String("::1") || h == QLatin1String("0:0:0:0:0:0:0:1");
}

} // namespace devdash::config
