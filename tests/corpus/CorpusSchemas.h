#pragma once

// The conformance checks of the schema capability on the public corpus
// (DEVDASH_CORPUS_DIR/db): the sakila, chinook and northwind schemas compared with
// SQLite's, PostgreSQL's and MariaDB's own catalogs, and the hawkbit (Flyway), CTFd
// (Alembic) and gophish (goose) migration folders read from git with their known
// figures. What tests/schema checks on the project's own samples, on real projects'
// files.

#include "MariaDbServer.h"
#include "PostgresServer.h"

#include <QObject>
#include <QTemporaryDir>

class CorpusSchemas : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    devdash::test::PostgresServer m_postgres;
    devdash::test::MariaDbServer m_mariadb;
    bool m_postgresLoaded = false;
    bool m_mariadbLoaded = false;

    void loadPostgres();
    void loadMariaDb();

private slots:
    void initTestCase();
    void sqliteSchemas_data();
    void sqliteSchemas();
    void postgresSchemas_data();
    void postgresSchemas();
    void postgresSakila();
    void mariadbSchemas_data();
    void mariadbSchemas();
    void mariadbSakila();
    void hawkbitFlywayFiles();
    void hawkbitFlywayStatus();
    void ctfdAlembic();
    void gophishGoose();
};
