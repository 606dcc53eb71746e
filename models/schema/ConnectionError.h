#pragma once

// Turns what a driver says about a failed connection into what a user reads:
// what failed (wrong password, server down, host unreachable, database
// missing…), on which database (the URL without its password), and what to do.

#include "schema/DatabaseUrl.h"

#include <QSqlError>
#include <QString>

namespace devdash::schema {

class ConnectionError
{
public:
    enum class Kind {
        WrongPassword,
        ServerDown,
        HostUnreachable,
        UnknownHost,
        DatabaseMissing,
        MissingPrivileges,
        Other
    };

    static Kind classify(const DatabaseUrl &url, const QSqlError &error);
    // `passwordHint`: how to give a password (DatabasePassword::howToProvide).
    static QString describe(const DatabaseUrl &url, const QSqlError &error, int connectTimeoutSeconds,
        const QString &passwordHint);
    // Removes `secret` from driver text before it reaches a message.
    static QString scrub(QString text, const QString &secret);
};

} // namespace devdash::schema
