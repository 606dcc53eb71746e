#include "schema/DatabaseUrl.h"

#include <QDir>
#include <QUrl>
#include <QUrlQuery>

namespace devdash::schema {

namespace {

Error urlError(const QString &text, const QString &why)
{
    return Error { QStringLiteral(
        "Cannot use the database URL \"%1\": %2. Write it as sqlite:///path/app.db, "
        "postgresql://user@host:port/db, mysql://user@host:port/db, "
        "mariadb://user@host:port/db or odbc://DSN.")
                       .arg(text, why) };
}

// Removes user:password@ before the text goes into a message.
QString withoutPassword(const QString &text)
{
    const int schemeEnd = text.indexOf(QLatin1String("://"));
    const int at = text.indexOf(QLatin1Char('@'));
    if (schemeEnd < 0 || at < 0)
        return text;
    const int colon = text.indexOf(QLatin1Char(':'), schemeEnd + 3);
    if (colon < 0 || colon > at)
        return text;
    return text.left(colon) + text.mid(at);
}

// What a value of an ODBC connection string must not hold to stay one value.
bool isPlainOdbcValue(const QString &value)
{
    for (const QChar c : value) {
        if (c == QLatin1Char('=') || c == QLatin1Char(';') || c == QLatin1Char('{') || c == QLatin1Char('}')
            || c.category() == QChar::Other_Control)
            return false;
    }
    return !value.contains(QLatin1String(".dsn"), Qt::CaseInsensitive);
}

Error repositoryOdbcError(const QString &text)
{
    return Error { QStringLiteral(
        "Cannot use the database URL \"%1\" from the repository's settings: a repository may only "
        "name an ODBC data source (odbc://DSN or odbc://user@DSN, a DSN defined in ~/.odbc.ini or "
        "/etc/odbc.ini), never a connection string, a driver library (DRIVER=) or a file DSN "
        "(.dsn), since the driver manager would load and run that library as you. Define a DSN "
        "and name it, or type the full connection string yourself (devdash schema \"odbc://…\" or "
        "Add Connection).")
                       .arg(text) };
}

} // namespace

bool DatabaseUrl::isPlainDsn(const QString &dsn)
{
    return !dsn.isEmpty() && isPlainOdbcValue(dsn) && !dsn.contains(QLatin1Char('/'))
        && !dsn.contains(QLatin1Char('\\'));
}

Result<DatabaseUrl> DatabaseUrl::parse(const QString &rawText, Origin origin)
{
    const QString text = rawText.trimmed();
    const QString safeText = withoutPassword(text);
    const int schemeEnd = text.indexOf(QLatin1String("://"));
    if (schemeEnd <= 0)
        return urlError(safeText, QStringLiteral("it has no scheme"));

    DatabaseUrl url;
    url.m_origin = origin;
    url.m_scheme = text.left(schemeEnd).toLower();
    const QString rest = text.mid(schemeEnd + 3);

    if (url.m_scheme == QLatin1String("sqlite") || url.m_scheme == QLatin1String("sqlite3")) {
        url.m_engine = Engine::Sqlite;
        // sqlite:///abs/path.db → "/abs/path.db"; sqlite://rel.db → "rel.db".
        QString path = rest;
        const int query = path.indexOf(QLatin1Char('?'));
        if (query >= 0) {
            const QUrlQuery params(path.mid(query + 1));
            for (const auto &[key, value] : params.queryItems(QUrl::FullyDecoded))
                url.m_parameters.insert(key, value);
            path.truncate(query);
        }
        path = QUrl::fromPercentEncoding(path.toUtf8());
        if (path.isEmpty())
            return urlError(safeText, QStringLiteral("it names no file"));
        url.m_database = path;
        return url;
    }

    if (url.m_scheme == QLatin1String("postgresql") || url.m_scheme == QLatin1String("postgres"))
        url.m_engine = Engine::Postgres;
    else if (url.m_scheme == QLatin1String("mysql"))
        url.m_engine = Engine::MySql;
    else if (url.m_scheme == QLatin1String("mariadb"))
        url.m_engine = Engine::MariaDb;
    else if (url.m_scheme == QLatin1String("odbc"))
        url.m_engine = Engine::Odbc;
    else
        return urlError(safeText, QStringLiteral("the scheme \"%1\" is not supported").arg(url.m_scheme));

    if (url.m_engine == Engine::Odbc) {
        // odbc://DSN or odbc://user@DSN
        QString dsn = rest;
        const int query = dsn.indexOf(QLatin1Char('?'));
        if (query >= 0)
            dsn.truncate(query);
        const int at = dsn.lastIndexOf(QLatin1Char('@'));
        if (at >= 0) {
            const QString credentials = dsn.left(at);
            const int colon = credentials.indexOf(QLatin1Char(':'));
            url.m_user = QUrl::fromPercentEncoding(credentials.left(colon).toUtf8());
            if (colon >= 0)
                url.m_password = QUrl::fromPercentEncoding(credentials.mid(colon + 1).toUtf8());
            dsn = dsn.mid(at + 1);
        }
        // odbc:///DSN and odbc://DSN/ name the same DSN (no DSN has a slash in its name).
        while (dsn.startsWith(QLatin1Char('/')))
            dsn.remove(0, 1);
        while (dsn.endsWith(QLatin1Char('/')))
            dsn.chop(1);
        url.m_database = QUrl::fromPercentEncoding(dsn.toUtf8());
        if (url.m_database.isEmpty())
            return urlError(safeText, QStringLiteral("it names no DSN"));
        // The user and password go into the connection string after the DSN (";UID=…").
        if (origin == Origin::Repository
            && (!isPlainDsn(url.m_database) || !isPlainOdbcValue(url.m_user)
                || !isPlainOdbcValue(url.m_password)))
            return repositoryOdbcError(safeText);
        return url;
    }

    const QUrl parsed(text, QUrl::StrictMode);
    if (!parsed.isValid())
        return urlError(safeText, QStringLiteral("it is not a valid URL"));
    url.m_user = parsed.userName(QUrl::FullyDecoded);
    url.m_password = parsed.password(QUrl::FullyDecoded);
    url.m_host = parsed.host(QUrl::FullyDecoded);
    url.m_port = parsed.port(-1);
    QString path = parsed.path(QUrl::FullyDecoded);
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    url.m_database = path;
    const QUrlQuery query(parsed);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        url.m_parameters.insert(key, value);
    if (url.m_host.isEmpty() && !url.m_parameters.contains(QStringLiteral("host")))
        url.m_host = QStringLiteral("localhost");
    if (url.m_database.isEmpty())
        return urlError(safeText, QStringLiteral("it names no database (add /DATABASE after the host)"));
    for (auto it = url.m_parameters.cbegin(); it != url.m_parameters.cend(); ++it) {
        // QMYSQL's connect options are one string split at ';': a value holding one would add options.
        if ((url.m_engine == Engine::MySql || url.m_engine == Engine::MariaDb)
            && it.value().contains(QLatin1Char(';')))
            return urlError(safeText, QStringLiteral("the value of \"%1\" holds a ';'").arg(it.key()));
        // libpq reads sslkey=ENGINE:KEY as an OpenSSL engine to load.
        if (origin == Origin::Repository && url.m_engine == Engine::Postgres
            && it.key() == QLatin1String("sslkey") && it.value().contains(QLatin1Char(':')))
            return urlError(safeText,
                QStringLiteral("a repository's settings may not name an OpenSSL engine (sslkey=ENGINE:KEY); "
                               "type the URL yourself to use one"));
    }
    return url;
}

QString DatabaseUrl::driverName() const
{
    switch (m_engine) {
    case Engine::Sqlite:
        return QStringLiteral("QSQLITE");
    case Engine::Postgres:
        return QStringLiteral("QPSQL");
    case Engine::MySql:
        return QStringLiteral("QMYSQL");
    case Engine::MariaDb:
        return QStringLiteral("QMARIADB");
    case Engine::Odbc:
        return QStringLiteral("QODBC");
    }
    return {};
}

QString DatabaseUrl::displayUrl() const
{
    if (m_engine == Engine::Sqlite) {
        // sqlite:// + "/abs/app.db" gives the three slashes of an absolute path.
        return QStringLiteral("sqlite://") + m_database;
    }
    QString out = m_scheme + QLatin1String("://");
    if (!m_user.isEmpty())
        out += QString::fromUtf8(QUrl::toPercentEncoding(m_user)) + QLatin1Char('@');
    if (m_engine == Engine::Odbc)
        return out + m_database;
    out += m_host.contains(QLatin1Char(':')) ? QLatin1Char('[') + m_host + QLatin1Char(']') : m_host;
    if (m_port > 0)
        out += QLatin1Char(':') + QString::number(m_port);
    out += QLatin1Char('/') + QString::fromUtf8(QUrl::toPercentEncoding(m_database));
    if (!m_parameters.isEmpty()) {
        QStringList pairs;
        for (auto it = m_parameters.cbegin(); it != m_parameters.cend(); ++it)
            pairs << it.key() + QLatin1Char('=') + QString::fromUtf8(QUrl::toPercentEncoding(it.value()));
        out += QLatin1Char('?') + pairs.join(QLatin1Char('&'));
    }
    return out;
}

QString DatabaseUrl::compose(const QString &scheme, const QString &user, const QString &host, int port,
    const QString &database, const QMap<QString, QString> &parameters)
{
    DatabaseUrl url;
    url.m_scheme = scheme.trimmed().toLower();
    url.m_engine = url.m_scheme == QLatin1String("mysql") ? Engine::MySql
        : url.m_scheme == QLatin1String("mariadb")        ? Engine::MariaDb
                                                          : Engine::Postgres;
    url.m_user = user.trimmed();
    url.m_host = host.trimmed();
    url.m_port = port > 0 ? port : -1;
    url.m_database = database.trimmed();
    url.m_parameters = parameters;
    return url.displayUrl();
}

QString DatabaseUrl::resolvedAgainst(const QString &url, const QString &root)
{
    auto parsed = parse(url);
    if (!parsed || parsed->engine() != Engine::Sqlite || root.isEmpty() || QDir::isAbsolutePath(parsed->database()))
        return url;
    const int pathStart = int(url.indexOf(QLatin1String("://"))) + 3;
    const int query = int(url.indexOf(QLatin1Char('?'), pathStart));
    const QString absolute = QDir::cleanPath(QDir(root).absoluteFilePath(parsed->database()));
    return url.left(pathStart) + absolute + (query >= 0 ? url.mid(query) : QString());
}

} // namespace devdash::schema
