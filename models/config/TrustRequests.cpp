#include "config/TrustRequests.h"

#include "config/CredentialHosts.h"
#include "config/ProjectConfig.h"

#include <QJsonArray>
#include <QUrl>

namespace devdash::config {

namespace {

// One value or a list of them, as strings.
QStringList strings(const QJsonValue &value)
{
    QStringList out;
    if (value.isString())
        out << value.toString();
    for (const QJsonValue &v : value.toArray())
        if (v.isString())
            out << v.toString();
    return out;
}

QJsonArray entries(const QJsonValue &value)
{
    if (value.isArray())
        return value.toArray();
    if (value.isObject())
        return QJsonArray { value };
    return {};
}

void outsidePaths(QList<TrustRequest> &out, const QStringList &paths, const QString &what)
{
    for (const QString &path : paths)
        if (!path.trimmed().isEmpty() && !ProjectConfig::staysInside(path.trimmed()))
            out.append({ TrustRequest::Kind::OutsidePath, path, what });
}

// The URL as shown: never a password, even one written into the file.
QString withoutPassword(const QString &url)
{
    QUrl parsed(url);
    if (!parsed.isValid() || parsed.scheme().isEmpty())
        return url;
    parsed.setPassword({});
    return parsed.toString();
}

QString passwordSources(const QString &environment, const QString &url)
{
    QStringList ways;
    if (!environment.isEmpty()) {
        QString suffix;
        for (const QChar c : environment.toUpper())
            suffix += (c.isLetterOrNumber() && c.unicode() < 128) ? c : QLatin1Char('_');
        ways << QStringLiteral("DEVDASH_DB_PASSWORD_") + suffix;
    }
    if (url.startsWith(QLatin1String("postgres")))
        ways << QStringLiteral("PGPASSWORD");
    else if (url.startsWith(QLatin1String("mysql")) || url.startsWith(QLatin1String("mariadb")))
        ways << QStringLiteral("MYSQL_PWD");
    ways << QStringLiteral("the keychain");
    return QStringLiteral("%1: connected with %2")
        .arg(environment.isEmpty() ? QStringLiteral("database") : environment,
            ways.join(QStringLiteral(", ")));
}

} // namespace

QList<TrustRequest> TrustRequests::of(const ProjectConfig &config)
{
    return of(config.root());
}

QList<TrustRequest> TrustRequests::of(const QJsonObject &root)
{
    QList<TrustRequest> out;
    for (const QJsonValue &v : entries(root.value(QStringLiteral("ci")))) {
        const QJsonObject ci = v.toObject();
        const QString provider = ci.value(QStringLiteral("provider")).toString();
        const QString apiUrl = ci.value(QStringLiteral("api_url")).toString().trimmed();
        if (!apiUrl.isEmpty() && !CredentialHosts::isUserHost(provider, apiUrl)) {
            const QUrl url(apiUrl);
            const QString host
                = url.port() > 0 ? url.host() + QLatin1Char(':') + QString::number(url.port()) : url.host();
            out.append({ TrustRequest::Kind::Host, apiUrl,
                QStringLiteral("%1: %2").arg(provider, CredentialHosts::credentialsText(provider, host)) });
        }
        outsidePaths(out, strings(ci.value(QStringLiteral("ca_bundle"))),
            QStringLiteral("%1: CA certificates to accept").arg(provider));
    }
    for (const QJsonValue &v : root.value(QStringLiteral("databases")).toArray()) {
        const QJsonObject db = v.toObject();
        const QString url = db.value(QStringLiteral("url")).toString();
        if (!url.isEmpty())
            out.append({ TrustRequest::Kind::Database, withoutPassword(url),
                passwordSources(db.value(QStringLiteral("name")).toString(), url) });
        outsidePaths(out,
            strings(db.value(QStringLiteral("migrations")).toObject().value(QStringLiteral("path"))),
            QStringLiteral("migrations folder"));
    }
    const QJsonObject pipeline = root.value(QStringLiteral("pipeline")).toObject();
    for (const QJsonValue &stage : pipeline.value(QStringLiteral("stages")).toArray())
        for (const QJsonValue &step : stage.toObject().value(QStringLiteral("steps")).toArray()) {
            const QString run = step.toObject().value(QStringLiteral("run")).toString();
            if (!run.isEmpty())
                out.append({ TrustRequest::Kind::Command, run,
                    QStringLiteral("pipeline stage %1")
                        .arg(stage.toObject().value(QStringLiteral("name")).toString()) });
        }
    outsidePaths(out, strings(pipeline.value(QStringLiteral("reports"))), QStringLiteral("pipeline reports"));
    outsidePaths(out,
        strings(root.value(QStringLiteral("tests")).toObject().value(QStringLiteral("reports"))),
        QStringLiteral("test reports"));
    const QJsonValue migrations = root.value(QStringLiteral("migrations"));
    outsidePaths(out,
        strings(migrations.isObject() ? migrations.toObject().value(QStringLiteral("path")) : migrations),
        QStringLiteral("migrations folder"));
    return out;
}

QString TrustRequests::kindName(TrustRequest::Kind kind)
{
    switch (kind) {
    case TrustRequest::Kind::Host:
        return QStringLiteral("host");
    case TrustRequest::Kind::Database:
        return QStringLiteral("database");
    case TrustRequest::Kind::Command:
        return QStringLiteral("command");
    case TrustRequest::Kind::OutsidePath:
        return QStringLiteral("path");
    }
    return {};
}

QString TrustRequests::describe(const TrustRequest &request)
{
    return QStringLiteral("%1 %2 (%3)").arg(kindName(request.kind), request.subject, request.detail);
}

} // namespace devdash::config
