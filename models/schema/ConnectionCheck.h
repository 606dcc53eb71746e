#pragma once

// Add Connection's "Test Connection": opens the database read-only, as the page
// would, and asks for the server's version. Runs on a worker (connecting may take
// up to the connect timeout); the error is the one the page would show.

#include "schema/ReadOnlyConnection.h"

namespace devdash::schema {

class ConnectionCheck
{
public:
    // "SQLite 3.40.1", "PostgreSQL 15.4", "MariaDB 10.11.6", "MySQL 8.0.36", or the
    // DBMS behind an ODBC data source.
    static Result<QString> serverVersion(const DatabaseUrl &url, const ConnectionOptions &options = {});
};

} // namespace devdash::schema
