#include "ci/HttpErrorText.h"

#include "ci/HttpResponse.h"
#include "common/InputLimits.h"

#include <QDateTime>
#include <QJsonObject>
#include <QUrlQuery>

namespace devdash::ci {

namespace {

bool looksSecret(const QString &key)
{
    const QString k = key.toLower();
    return k.contains(QLatin1String("token")) || k.contains(QLatin1String("password"))
        || k.contains(QLatin1String("secret")) || k == QLatin1String("key")
        || k.contains(QLatin1String("api_key"));
}

// The server's own explanation, short, when it gives one.
QString serverMessage(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QString m = o.value(QStringLiteral("message")).toString();
    if (m.isEmpty())
        m = o.value(QStringLiteral("error")).toString();
    if (m.isEmpty() && o.value(QStringLiteral("message")).isObject())
        m = QString::fromUtf8(
            QJsonDocument(o.value(QStringLiteral("message")).toObject()).toJson(QJsonDocument::Compact));
    return m.left(200);
}

} // namespace

QString HttpErrorText::displayUrl(const QUrl &url)
{
    QUrl u = url.adjusted(QUrl::RemoveUserInfo);
    QUrlQuery query(u);
    bool changed = false;
    auto items = query.queryItems(QUrl::FullyEncoded);
    for (auto &item : items)
        if (looksSecret(item.first)) {
            item.second = QStringLiteral("***");
            changed = true;
        }
    if (changed) {
        query.setQueryItems(items);
        u.setQuery(query);
    }
    return u.toDisplayString();
}

QString HttpErrorText::forStatus(int status, const QString &service, const QUrl &url,
    const QString &credentialHint, const QByteArray &body)
{
    const QString where = displayUrl(url);
    const QString said = serverMessage(body);
    const QString saidText = said.isEmpty() ? QString() : QStringLiteral(" (server: \"%1\")").arg(said);
    const QString name = service.isEmpty() ? url.host() : service;
    const QString hint
        = credentialHint.isEmpty() ? QStringLiteral("the credentials for %1").arg(name) : credentialHint;
    if (status == 401)
        return QStringLiteral("%1 refused the credentials (HTTP 401) for %2%3; check %4")
            .arg(name, where, saidText, hint);
    if (status == 403)
        return QStringLiteral(
            "%1 denied access (HTTP 403) to %2%3; the token may lack a scope or the project access — "
            "check %4")
            .arg(name, where, saidText, hint);
    if (status == 404)
        return QStringLiteral(
            "%1 has no %2 (HTTP 404)%3: the project was not found or the token has no access to it; "
            "check the project in .devdash.json (or --project) and %4")
            .arg(name, where, saidText, hint);
    if (status >= 500)
        return QStringLiteral(
            "%1 had a server error (HTTP %2) on %3%4; the server is failing, try again later")
            .arg(name)
            .arg(status)
            .arg(where, saidText);
    return QStringLiteral("%1 answered HTTP %2 on %3%4").arg(name).arg(status).arg(where, saidText);
}

QString HttpErrorText::forTimeout(const QUrl &url, int timeoutMs)
{
    return QStringLiteral(
        "timed out after %1 s waiting for %2; the server is slow or unreachable — try again later")
        .arg(timeoutMs / 1000.0)
        .arg(displayUrl(url));
}

QString HttpErrorText::forNetwork(const QUrl &url, const QString &qtError, bool tls)
{
    if (tls)
        return QStringLiteral("TLS verification failed for %1 (%2); if the server uses a private certificate "
                              "authority, set \"ca_bundle\" in .devdash.json to its PEM file")
            .arg(displayUrl(url), qtError);
    return QStringLiteral("could not reach %1 (%2); check the network, the proxy and the api_url")
        .arg(displayUrl(url), qtError);
}

QString HttpErrorText::forRateLimit(const QUrl &url, const QDateTime &until, const QString &credentialHint)
{
    return QStringLiteral("rate limited by %1 until %2 on %3; DevDash waits until then%4")
        .arg(url.host(), until.toLocalTime().toString(QStringLiteral("HH:mm")), displayUrl(url),
            credentialHint.isEmpty() ? QString()
                                     : QStringLiteral(" (a token raises the limit: %1)").arg(credentialHint));
}

Result<QJsonDocument> HttpErrorText::parseJson(const QByteArray &body, const QUrl &url)
{
    // Size and depth first (InputLimits): a server's answer is untrusted input.
    auto doc = InputLimits::parseJson(body, InputLimits::CiJsonBytes);
    if (!doc)
        return Error { QStringLiteral("%1 from %2; is the api_url really the API of this server?")
                           .arg(doc.errorMessage(), displayUrl(url)),
            HttpMalformed };
    return std::move(doc).value();
}

} // namespace devdash::ci
