#include "DemoDatabases.h"

#include "config/TrustStore.h"

#include "git/LibGit2.h"
#include "schema/migrations/MigrationChecksum.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimeZone>

#include <git2.h>
#include <sqlite3.h>

namespace devdash::schema {

namespace {

const char *const CreateCatalog = R"(CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,
    name TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL
);

CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
    sku TEXT NOT NULL,
    name TEXT NOT NULL,
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_products_sku UNIQUE (sku)
);

CREATE INDEX idx_products_category ON products (category_id);
)";

const char *const CreateCustomers = R"(CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    full_name TEXT NOT NULL,
    country TEXT NOT NULL DEFAULT 'DE',
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT ck_customers_email CHECK (email LIKE '%_@_%')
);

-- One account per address, whatever its case.
CREATE UNIQUE INDEX idx_customers_email ON customers (lower(email));
)";

const char *const CreateOrders = R"(CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'shipped', 'cancelled')),
    total_cents INTEGER NOT NULL DEFAULT 0,
    placed_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TEXT
);

CREATE TABLE order_items (
    order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products (id) ON UPDATE CASCADE ON DELETE RESTRICT,
    quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
    unit_price_cents INTEGER NOT NULL,
    line_total_cents INTEGER GENERATED ALWAYS AS (quantity * unit_price_cents) STORED,
    PRIMARY KEY (order_id, product_id)
);

CREATE INDEX idx_orders_customer ON orders (customer_id, placed_at);
-- The dispatch screen only ever looks at open orders.
CREATE INDEX idx_orders_open ON orders (placed_at) WHERE status = 'open';
)";

const char *const OrderTotalsView = R"(CREATE VIEW order_totals AS
SELECT o.id AS order_id, c.email, o.status, SUM(i.line_total_cents) AS total_cents, COUNT(*) AS items
FROM orders o
JOIN customers c ON c.id = o.customer_id
JOIN order_items i ON i.order_id = o.id
GROUP BY o.id;

CREATE TRIGGER orders_touch_updated_at AFTER UPDATE OF status ON orders
BEGIN
    UPDATE orders SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;
)";

const char *const LoyaltyAndReviews
    = R"(ALTER TABLE customers ADD COLUMN loyalty_points INTEGER NOT NULL DEFAULT 0;

CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    customer_id INTEGER REFERENCES customers (id) ON DELETE SET NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body TEXT,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_reviews_product ON reviews (product_id, rating);
)";

const char *const CreateShipments = R"(CREATE TABLE shipments (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL UNIQUE REFERENCES orders (id) ON DELETE CASCADE,
    carrier TEXT NOT NULL,
    tracking_code TEXT,
    shipped_at TEXT
);
)";

// Rows every environment has (after V3), deterministic.
const char *const SampleRows = R"(
INSERT INTO categories (id, parent_id, name, slug) VALUES
    (1, NULL, 'Coffee', 'coffee'), (2, 1, 'Beans', 'beans'), (3, 1, 'Grinders', 'grinders'),
    (4, NULL, 'Tea', 'tea'), (5, 4, 'Loose leaf', 'loose-leaf'), (6, NULL, 'Accessories', 'accessories');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 24)
INSERT INTO products (id, category_id, sku, name, price_cents, active, created_at)
SELECT i, (i % 5) + 2, printf('SKU-%04d', i * 17),
    printf('%s %s',
        CASE i % 6 WHEN 0 THEN 'Ethiopia' WHEN 1 THEN 'Colombia' WHEN 2 THEN 'Darjeeling'
                   WHEN 3 THEN 'Kenya' WHEN 4 THEN 'Sencha' ELSE 'Guatemala' END,
        CASE i % 4 WHEN 0 THEN 'Single Origin' WHEN 1 THEN 'House Blend' WHEN 2 THEN 'Reserve' ELSE 'Classic' END),
    450 + (i * 379) % 4200, CASE WHEN i % 9 = 0 THEN 0 ELSE 1 END,
    datetime('2026-03-01', printf('+%d days', i * 5))
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 48)
INSERT INTO customers (id, email, full_name, country, created_at)
SELECT i,
    printf('%s.%s%d@example.com',
        lower(CASE i % 8 WHEN 0 THEN 'Ana' WHEN 1 THEN 'Ben' WHEN 2 THEN 'Chloe' WHEN 3 THEN 'Dmitri'
                         WHEN 4 THEN 'Elif' WHEN 5 THEN 'Femi' WHEN 6 THEN 'Grace' ELSE 'Hiro' END),
        lower(CASE i % 5 WHEN 0 THEN 'Novak' WHEN 1 THEN 'Okoro' WHEN 2 THEN 'Park' WHEN 3 THEN 'Quinn' ELSE 'Rossi' END), i),
    printf('%s %s',
        CASE i % 8 WHEN 0 THEN 'Ana' WHEN 1 THEN 'Ben' WHEN 2 THEN 'Chloe' WHEN 3 THEN 'Dmitri'
                   WHEN 4 THEN 'Elif' WHEN 5 THEN 'Femi' WHEN 6 THEN 'Grace' ELSE 'Hiro' END,
        CASE i % 5 WHEN 0 THEN 'Novak' WHEN 1 THEN 'Okoro' WHEN 2 THEN 'Park' WHEN 3 THEN 'Quinn' ELSE 'Rossi' END),
    CASE i % 4 WHEN 0 THEN 'DE' WHEN 1 THEN 'FR' WHEN 2 THEN 'NL' ELSE 'IT' END,
    datetime('2026-04-01', printf('+%d hours', i * 31))
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
INSERT INTO orders (id, customer_id, status, placed_at)
SELECT i, ((i * 7) % 48) + 1,
    CASE WHEN i > 108 THEN 'open' WHEN i % 11 = 0 THEN 'cancelled' WHEN i > 96 THEN 'paid' ELSE 'shipped' END,
    datetime('2026-06-01', printf('+%d hours', i * 17))
FROM n;
INSERT OR IGNORE INTO order_items (order_id, product_id, quantity, unit_price_cents)
SELECT o.id, p.id, 1 + (o.id + k.k) % 3, p.price_cents
FROM orders o
JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) k ON k.k <= 1 + o.id % 3
JOIN products p ON p.id = ((o.id * 5 + k.k * 7) % 24) + 1;
UPDATE orders SET total_cents = (SELECT SUM(line_total_cents) FROM order_items WHERE order_id = orders.id);
)";

// What only staging has (V5 applied there).
const char *const StagingRows = R"(
UPDATE customers SET loyalty_points = (id * 37) % 500;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 36)
INSERT INTO reviews (id, product_id, customer_id, rating, body, created_at)
SELECT i, ((i * 5) % 24) + 1, ((i * 11) % 48) + 1, 1 + (i * 3) % 5,
    CASE i % 4 WHEN 0 THEN 'Great with milk.' WHEN 1 THEN 'A bit too acidic for me.'
               WHEN 2 THEN NULL ELSE 'Arrived quickly, well packed.' END,
    datetime('2026-10-01', printf('+%d hours', i * 19))
FROM n;
)";

const char *const FlywayHistory = R"(CREATE TABLE flyway_schema_history (
    installed_rank INT NOT NULL PRIMARY KEY,
    version VARCHAR(50),
    description VARCHAR(200) NOT NULL,
    type VARCHAR(20) NOT NULL,
    script VARCHAR(1000) NOT NULL,
    checksum INT,
    installed_by VARCHAR(100) NOT NULL,
    installed_on TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    execution_time INT NOT NULL,
    success BOOLEAN NOT NULL
);
CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (success);
)";

struct Sqlite
{
    sqlite3 *db = nullptr;
    ~Sqlite() { sqlite3_close(db); }
};

Result<void> exec(sqlite3 *db, const QByteArray &sql, const QString &what)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message) == SQLITE_OK)
        return {};
    const QString text = QString::fromUtf8(message ? message : "unknown error");
    sqlite3_free(message);
    return Error { QStringLiteral("Cannot build the demo database (%1): %2").arg(what, text) };
}

QByteArray quoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\''), QStringLiteral("''"));
    return "'" + escaped.toUtf8() + "'";
}

// One environment: its migrations applied in order, the rows, and Flyway's history.
Result<void> buildDatabase(const QString &path, int applied, const QDateTime &lastApplied, int spacingDays)
{
    QFile::remove(path);
    Sqlite s;
    if (sqlite3_open_v2(path.toUtf8().constData(), &s.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
        != SQLITE_OK)
        return Error { QStringLiteral("Cannot create the demo database %1: %2")
                           .arg(path, QString::fromUtf8(sqlite3_errmsg(s.db))) };
    if (auto r = exec(s.db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;", path); !r)
        return r;
    if (auto r = exec(s.db, FlywayHistory, QStringLiteral("flyway_schema_history")); !r)
        return r;
    const QList<DemoDatabases::Migration> all = DemoDatabases::migrations();
    QByteArray history;
    for (int i = 0; i < applied; ++i) {
        const DemoDatabases::Migration &m = all.at(i);
        if (auto r = exec(s.db, m.sql, m.script); !r)
            return r;
        if (i == 2) // the rows arrive once orders exist
            if (auto r = exec(s.db, SampleRows, QStringLiteral("sample rows")); !r)
                return r;
        const QDateTime at
            = lastApplied.addDays(-qint64(applied - 1 - i) * spacingDays).addSecs(-(i * 1337) % 3600);
        history += QStringLiteral(
            "INSERT INTO flyway_schema_history VALUES (%1, %2, %3, 'SQL', %4, %5, 'deploy', %6, %7, 1);\n")
                       .arg(i + 1)
                       .arg(QString::fromUtf8(quoted(m.version)), QString::fromUtf8(quoted(m.description)),
                           QString::fromUtf8(quoted(m.script)))
                       .arg(migrations::MigrationChecksum::flyway(m.sql))
                       .arg(QString::fromUtf8(quoted(at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")))))
                       .arg(14 + (i * 29) % 90)
                       .toUtf8();
    }
    if (applied >= 5)
        if (auto r = exec(s.db, StagingRows, QStringLiteral("staging rows")); !r)
            return r;
    if (auto r = exec(s.db, history, QStringLiteral("flyway_schema_history rows")); !r)
        return r;
    return exec(s.db, "COMMIT; ANALYZE;", path);
}

Result<void> writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
        return Error { QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()) };
    return {};
}

// .devdash.json with the two databases; what other capabilities put there stays.
QByteArray devdashJson(const QString &workTree)
{
    QJsonObject root;
    QFile existing(workTree + QStringLiteral("/.devdash.json"));
    if (existing.open(QIODevice::ReadOnly))
        root = QJsonDocument::fromJson(existing.readAll()).object();
    QJsonArray databases;
    for (const char *name : { "staging", "production" }) {
        databases.append(QJsonObject {
            { QStringLiteral("name"), QString::fromLatin1(name) },
            { QStringLiteral("url"),
                QStringLiteral("sqlite://db/%1.sqlite3").arg(QString::fromLatin1(name)) },
            { QStringLiteral("migrations"),
                QJsonObject { { QStringLiteral("framework"), QStringLiteral("flyway") },
                    { QStringLiteral("path"), QStringLiteral("db/migration") } } },
        });
    }
    root.insert(QStringLiteral("databases"), databases);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

struct GitCommitter
{
    git_repository *repo;
    Error error;

    bool check(int rc, const char *what)
    {
        if (rc < 0 && error.message.isEmpty())
            error = git::lastError(
                QStringLiteral("Cannot commit the demo's migrations (%1)").arg(QLatin1String(what)), rc);
        return rc >= 0;
    }

    // Commits `tree` on `ref` with `parent`, by the demo's database person.
    bool commit(git_oid *out, const char *ref, const git_oid &tree, git_commit *parent, qint64 when,
        const char *message)
    {
        git_signature *sig = nullptr;
        git_tree *treeObject = nullptr;
        if (!check(
                git_signature_new(&sig, "Carla Rossi", "carla.rossi@harbor.example", when, 120), "signature")
            || !check(git_tree_lookup(&treeObject, repo, &tree), "tree")) {
            git_signature_free(sig);
            return false;
        }
        const git_commit *parents[] = { parent };
        const bool ok = check(
            git_commit_create(out, repo, ref, sig, sig, nullptr, message, treeObject, 1, parents), "commit");
        git_tree_free(treeObject);
        git_signature_free(sig);
        return ok;
    }
};

} // namespace

QList<DemoDatabases::Migration> DemoDatabases::migrations()
{
    return {
        { QStringLiteral("1"), QStringLiteral("create catalog"), QStringLiteral("V1__create_catalog.sql"),
            CreateCatalog },
        { QStringLiteral("2"), QStringLiteral("create customers"), QStringLiteral("V2__create_customers.sql"),
            CreateCustomers },
        { QStringLiteral("3"), QStringLiteral("create orders"), QStringLiteral("V3__create_orders.sql"),
            CreateOrders },
        { QStringLiteral("4"), QStringLiteral("order totals view"),
            QStringLiteral("V4__order_totals_view.sql"), OrderTotalsView },
        { QStringLiteral("5"), QStringLiteral("add loyalty and reviews"),
            QStringLiteral("V5__add_loyalty_and_reviews.sql"), LoyaltyAndReviews },
        { QStringLiteral("6"), QStringLiteral("create shipments"), QStringLiteral("V6__create_shipments.sql"),
            CreateShipments },
    };
}

Result<DemoDatabases::Created> DemoDatabases::create(const QString &workTree)
{
    git::ensureLibGit2();
    git_repository *rawRepo = nullptr;
    if (git_repository_open(&rawRepo, workTree.toUtf8().constData()) < 0)
        return git::lastError(QStringLiteral("Cannot open the demo repository %1").arg(workTree));
    git::RepositoryPtr repo(rawRepo);
    GitCommitter git { repo.get(), {} };

    git_object *headObject = nullptr;
    if (!git.check(git_revparse_single(&headObject, repo.get(), "HEAD^{commit}"), "HEAD"))
        return git.error;
    git::CommitPtr head(reinterpret_cast<git_commit *>(headObject));
    const qint64 headTime = git_commit_time(head.get());

    // The files of the commit, in the work tree and in the index.
    const QList<Migration> all = migrations();
    QStringList paths;
    for (int i = 0; i < OnMain; ++i) {
        const QString path = QStringLiteral("db/migration/") + all.at(i).script;
        if (auto r = writeFile(workTree + QLatin1Char('/') + path, all.at(i).sql); !r)
            return r.error();
        paths << path;
    }
    if (auto r = writeFile(workTree + QStringLiteral("/.devdash.json"), devdashJson(workTree)); !r)
        return r.error();
    // DevDash wrote these settings itself: the demo's databases are its own.
    if (auto trusted = config::TrustStore().trustCurrentFile(workTree); !trusted)
        return trusted.error();
    paths << QStringLiteral(".devdash.json");
    QFile ignore(workTree + QStringLiteral("/.gitignore"));
    QByteArray ignored;
    if (ignore.open(QIODevice::ReadOnly))
        ignored = ignore.readAll();
    ignore.close();
    if (!ignored.contains("db/*.sqlite3")) {
        if (!ignored.isEmpty() && !ignored.endsWith('\n'))
            ignored += '\n';
        if (auto r = writeFile(ignore.fileName(), ignored + "db/*.sqlite3\n"); !r)
            return r.error();
        paths << QStringLiteral(".gitignore");
    }

    git_index *rawIndex = nullptr;
    if (!git.check(git_repository_index(&rawIndex, repo.get()), "index"))
        return git.error;
    git::IndexPtr index(rawIndex);
    for (const QString &path : std::as_const(paths))
        if (!git.check(git_index_add_bypath(index.get(), path.toUtf8().constData()), "add"))
            return git.error;
    git_oid tree, mainCommit, branchCommit, branchTree;
    if (!git.check(git_index_write(index.get()), "write index")
        || !git.check(git_index_write_tree(&tree, index.get()), "write tree")
        || !git.commit(&mainCommit, "HEAD", tree, head.get(), headTime + 60,
            "Add the shop's Flyway migrations and the staging and production databases\n\n"
            "db/migration holds V1..V5; .devdash.json lists the two environments."))
        return git.error;

    // feature/shipments: one more migration on top, never checked out.
    git_commit *rawMain = nullptr;
    if (!git.check(git_commit_lookup(&rawMain, repo.get(), &mainCommit), "lookup"))
        return git.error;
    git::CommitPtr mainHead(rawMain);
    git_index *rawBranchIndex = nullptr;
    if (!git.check(git_index_new(&rawBranchIndex), "in-memory index"))
        return git.error;
    git::IndexPtr branchIndex(rawBranchIndex);
    git_tree *mainTree = nullptr;
    if (!git.check(git_commit_tree(&mainTree, mainHead.get()), "tree of main"))
        return git.error;
    git::TreePtr mainTreePtr(mainTree);
    const Migration &shipments = all.at(OnMain);
    const QByteArray shipmentsPath = ("db/migration/" + shipments.script).toUtf8();
    git_index_entry entry {};
    entry.mode = GIT_FILEMODE_BLOB;
    entry.path = shipmentsPath.constData();
    entry.file_size = uint32_t(shipments.sql.size());
    const QString branch = QStringLiteral("feature/shipments");
    if (!git.check(git_index_read_tree(branchIndex.get(), mainTree), "read tree")
        || !git.check(git_blob_create_from_buffer(
                          &entry.id, repo.get(), shipments.sql.constData(), size_t(shipments.sql.size())),
            "blob of V6")
        || !git.check(git_index_add(branchIndex.get(), &entry), "add V6")
        || !git.check(git_index_write_tree_to(&branchTree, branchIndex.get(), repo.get()), "write tree")
        || !git.commit(&branchCommit, "refs/heads/feature/shipments", branchTree, mainHead.get(),
            headTime + 120, "Add shipments (V6__create_shipments.sql)"))
        return git.error;

    // The two environments: staging is up to date with main, production two behind.
    Created created;
    created.staging = QDir(workTree).absoluteFilePath(QStringLiteral("db/staging.sqlite3"));
    created.production = QDir(workTree).absoluteFilePath(QStringLiteral("db/production.sqlite3"));
    created.branch = branch;
    const QDateTime last = QDateTime::fromSecsSinceEpoch(headTime, QTimeZone::utc());
    created.head = last;
    if (auto r
        = build(created.staging, AppliedOnStaging, last.addDays(-StagingDaysBeforeHead), StagingSpacingDays);
        !r)
        return r.error();
    if (auto r = build(created.production, AppliedOnProduction, last.addDays(-ProductionDaysBeforeHead),
            ProductionSpacingDays);
        !r)
        return r.error();
    return created;
}

Result<void> DemoDatabases::build(
    const QString &path, int applied, const QDateTime &lastApplied, int spacingDays)
{
    return buildDatabase(path, applied, lastApplied, spacingDays);
}

} // namespace devdash::schema
