// `devdash schema …` run as a process: the JSON shape of the shop sample (tests/data/schemas)
// checked against SQLite's own catalog, diff of two files and of a database
// with a snapshot, snapshot dedupe and history in a temporary store, and the
// errors a user meets (never echoing a password).

#include "CliProcess.h"
#include "SchemaFixtures.h"
#include "TestRepo.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace devdash::test;

namespace {

const QString kShop = QStringLiteral("shop.sqlite.sql");

} // namespace

class TestSchemaCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_a;
    QString m_b;

    CliRun devdash(const QStringList &args) { return runCli(QStringLiteral(DEVDASH_BINARY), args); }

private slots:
    void initTestCase()
    {
        // The store of this test only.
        qputenv("DEVDASH_STORE", m_dir.filePath(QStringLiteral("store.sqlite")).toUtf8());
        qputenv("DEVDASH_NO_KEYCHAIN", "1");
        m_a = m_dir.filePath(QStringLiteral("a.db"));
        m_b = m_dir.filePath(QStringLiteral("b.db"));
        QString error;
        QVERIFY2(SchemaFixtures::loadSqliteFile(m_a, SchemaFixtures::path(kShop), &error), qPrintable(error));
        QVERIFY2(SchemaFixtures::loadSqliteFile(m_b, SchemaFixtures::path(kShop), &error), qPrintable(error));
        QVERIFY(SchemaFixtures::execSqlite(m_b,
            QStringLiteral("ALTER TABLE product ADD COLUMN launched INTEGER; "
                           "CREATE INDEX IX_product_launched ON product (launched) WHERE launched > 1900;"),
            &error));
    }

    void schemaJsonMatchesSqlite()
    {
        const CliRun run = devdash(
            { QStringLiteral("schema"), QStringLiteral("sqlite://") + m_a, QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject catalog = run.object();
        QCOMPARE(catalog.value(QStringLiteral("driver")).toString(), QStringLiteral("QSQLITE"));
        QVERIFY(catalog.value(QStringLiteral("database")).toString().endsWith(QLatin1String("a.db")));
        QVERIFY(catalog.value(QStringLiteral("sequences")).isArray());
        QVERIFY(catalog.value(QStringLiteral("types")).isArray());
        QVERIFY(QRegularExpression(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]00:00)$)"))
                    .match(catalog.value(QStringLiteral("inspected_at")).toString())
                    .hasMatch());
        const QJsonArray tables = catalog.value(QStringLiteral("tables")).toArray();
        // The oracle: SQLite's own catalog, read here.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("oracle"));
        db.setDatabaseName(m_a);
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral(
                "SELECT m.name, p.name, p.type, p.\"notnull\", p.pk, m.type FROM sqlite_master m "
                "JOIN pragma_table_info(m.name) p WHERE m.type IN ('table', 'view') "
                "AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid")));
            QMap<QString, QList<QStringList>> expected;
            QMap<QString, QString> kinds;
            while (q.next()) {
                expected[q.value(0).toString()] << QStringList { q.value(1).toString(), q.value(2).toString(),
                    q.value(3).toBool() ? "false" : "true" };
                kinds[q.value(0).toString()] = q.value(5).toString();
            }
            QCOMPARE(kinds.values().count(QStringLiteral("view")), 1);
            QCOMPARE(tables.size(), expected.size());
            for (const QJsonValue &value : tables) {
                const QJsonObject table = value.toObject();
                QCOMPARE(table.value(QStringLiteral("schema")).toString(), QStringLiteral("main"));
                const QString name = table.value(QStringLiteral("name")).toString();
                QCOMPARE(table.value(QStringLiteral("kind")).toString(), kinds.value(name));
                const QJsonArray columns = table.value(QStringLiteral("columns")).toArray();
                QCOMPARE(columns.size(), expected.value(name).size());
                for (int i = 0; i < columns.size(); ++i) {
                    const QJsonObject c = columns.at(i).toObject();
                    QCOMPARE(c.value(QStringLiteral("name")).toString(), expected.value(name).at(i).at(0));
                    QCOMPARE(c.value(QStringLiteral("type")).toString(), expected.value(name).at(i).at(1));
                    QCOMPARE(c.value(QStringLiteral("nullable")).toBool() ? QStringLiteral("true")
                                                                          : QStringLiteral("false"),
                        expected.value(name).at(i).at(2));
                    QVERIFY(c.contains(QStringLiteral("default")) && c.contains(QStringLiteral("comment")));
                }
                for (const char *key : { "primary_key", "unique", "checks", "foreign_keys", "indexes" })
                    QVERIFY2(table.value(QLatin1String(key)).isArray(), key);
                if (name == QLatin1String("order_line")) {
                    const QJsonArray fks = table.value(QStringLiteral("foreign_keys")).toArray();
                    QCOMPARE(fks.size(), 3);
                    // The rules as the shop sample declares them, per referenced table.
                    const QMap<QString, QString> onDelete { { QStringLiteral("order"),
                                                                QStringLiteral("cascade") },
                        { QStringLiteral("product"), QStringLiteral("no action") },
                        { QStringLiteral("employee"), QStringLiteral("set null") } };
                    for (const QJsonValue &fk : fks) {
                        const QJsonObject o = fk.toObject();
                        for (const char *key :
                            { "name", "columns", "ref_schema", "ref_table", "ref_columns" })
                            QVERIFY2(o.contains(QLatin1String(key)), key);
                        QCOMPARE(o.value(QStringLiteral("on_delete")).toString(),
                            onDelete.value(o.value(QStringLiteral("ref_table")).toString()));
                    }
                    QCOMPARE(table.value(QStringLiteral("primary_key")).toArray().at(0).toString(),
                        QStringLiteral("order_line_id"));
                }
            }
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("oracle"));
        QFile file(m_dir.filePath(QStringLiteral("a.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(run.out);
        // Readable text without --json.
        const CliRun text = devdash({ QStringLiteral("schema"), QStringLiteral("sqlite://") + m_a });
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("main.order_line (table"));
    }

    void diffOfAFileAndADatabase()
    {
        const CliRun run = devdash(
            { QStringLiteral("schema"), QStringLiteral("diff"), m_dir.filePath(QStringLiteral("a.json")),
                QStringLiteral("sqlite://") + m_b, QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject diff = run.object();
        QCOMPARE(diff.value(QStringLiteral("identical")).toBool(), false);
        const QJsonArray tables = diff.value(QStringLiteral("tables")).toArray();
        QCOMPARE(tables.size(), 1);
        const QJsonObject product = tables.at(0).toObject();
        QCOMPARE(product.value(QStringLiteral("name")).toString(), QStringLiteral("product"));
        QCOMPARE(product.value(QStringLiteral("change")).toString(), QStringLiteral("changed"));
        QStringList changes;
        for (const QJsonValue &c : product.value(QStringLiteral("changes")).toArray())
            changes << c.toObject().value(QStringLiteral("object")).toString() + QLatin1Char(' ')
                    + c.toObject().value(QStringLiteral("name")).toString() + QLatin1Char(' ')
                    + c.toObject().value(QStringLiteral("change")).toString();
        QCOMPARE(changes, (QStringList { "column launched added", "index IX_product_launched added" }));
        QVERIFY(!diff.value(QStringLiteral("after")).toString().isEmpty());
        const CliRun markdown = devdash({ QStringLiteral("schema"), QStringLiteral("diff"),
            QStringLiteral("sqlite://") + m_a, QStringLiteral("sqlite://") + m_b,
            QStringLiteral("--markdown"), QStringLiteral("--exclude-table"), QStringLiteral("prod*") });
        QCOMPARE(markdown.exitCode, 0);
        QVERIFY2(markdown.out.contains("No differences."), markdown.out.constData());
    }

    void snapshotsAndHistory()
    {
        const QString url = QStringLiteral("sqlite://") + m_a;
        const CliRun first = devdash({ QStringLiteral("schema"), QStringLiteral("snapshot"), url,
            QStringLiteral("--name"), QStringLiteral("staging"), QStringLiteral("--json") });
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QCOMPARE(first.object().value(QStringLiteral("added")).toBool(), true);
        const qint64 firstId = first.object().value(QStringLiteral("id")).toInteger();
        const CliRun again = devdash({ QStringLiteral("schema"), QStringLiteral("snapshot"), url,
            QStringLiteral("--name"), QStringLiteral("staging"), QStringLiteral("--json") });
        QCOMPARE(again.object().value(QStringLiteral("added")).toBool(), false);
        QCOMPARE(again.object().value(QStringLiteral("id")).toInteger(), firstId);
        const CliRun changed = devdash(
            { QStringLiteral("schema"), QStringLiteral("snapshot"), QStringLiteral("sqlite://") + m_b,
                QStringLiteral("--name"), QStringLiteral("staging"), QStringLiteral("--json") });
        QCOMPARE(changed.object().value(QStringLiteral("added")).toBool(), true);
        const CliRun history = devdash({ QStringLiteral("schema"), QStringLiteral("history"),
            QStringLiteral("staging"), QStringLiteral("--json") });
        QVERIFY2(history.exitCode == 0, history.err.constData());
        const QJsonArray snapshots = history.object().value(QStringLiteral("snapshots")).toArray();
        QCOMPARE(snapshots.size(), 2);
        QVERIFY(snapshots.at(0).toObject().value(QStringLiteral("changes")).isNull());
        const QJsonObject changes = snapshots.at(1).toObject().value(QStringLiteral("changes")).toObject();
        QCOMPARE(changes.value(QStringLiteral("summary"))
                     .toObject()
                     .value(QStringLiteral("tables_changed"))
                     .toInt(),
            1);
        // A snapshot is a side of a diff.
        const CliRun fromSnapshot = devdash(
            { QStringLiteral("schema"), QStringLiteral("diff"), QStringLiteral("snapshot:%1").arg(firstId),
                QStringLiteral("sqlite://") + m_b, QStringLiteral("--json") });
        QVERIFY2(fromSnapshot.exitCode == 0, fromSnapshot.err.constData());
        QCOMPARE(fromSnapshot.object().value(QStringLiteral("tables")).toArray().size(), 1);
        const CliRun text
            = devdash({ QStringLiteral("schema"), QStringLiteral("history"), QStringLiteral("staging") });
        QVERIFY(text.out.contains("column launched"));

        // Two repositories with a "qa" environment: two timelines; the name alone is ambiguous.
        QStringList repos;
        std::vector<devdash::test::TestRepo> keep;
        for (const QString &name : { QStringLiteral("repo-one"), QStringLiteral("repo-two") }) {
            devdash::test::TestRepo &repo = keep.emplace_back(name);
            repo.init();
            repo.commit(QStringLiteral("init"), { { QStringLiteral("README"), QByteArray("x\n") } });
            repos << repo.path();
        }
        for (int i = 0; i < 2; ++i) {
            const CliRun saved = devdash({ QStringLiteral("schema"), QStringLiteral("snapshot"),
                QStringLiteral("sqlite://") + (i == 0 ? m_a : m_b), QStringLiteral("--name"),
                QStringLiteral("qa"), QStringLiteral("--repo"), repos.at(i), QStringLiteral("--json") });
            QVERIFY2(saved.exitCode == 0, saved.err.constData());
            QCOMPARE(saved.object().value(QStringLiteral("added")).toBool(), true);
        }
        const CliRun ambiguous
            = devdash({ QStringLiteral("schema"), QStringLiteral("history"), QStringLiteral("qa") });
        QCOMPARE(ambiguous.exitCode, 2);
        QVERIFY2(ambiguous.err.contains("--repo"), ambiguous.err.constData());
        const CliRun one = devdash({ QStringLiteral("schema"), QStringLiteral("history"),
            QStringLiteral("qa"), QStringLiteral("--repo"), repos.at(1), QStringLiteral("--json") });
        QVERIFY2(one.exitCode == 0, one.err.constData());
        const QJsonArray ofTwo = one.object().value(QStringLiteral("snapshots")).toArray();
        QCOMPARE(ofTwo.size(), 1);
        QCOMPARE(ofTwo.at(0).toObject().value(QStringLiteral("table_count")).toInt(),
            history.object()
                .value(QStringLiteral("snapshots"))
                .toArray()
                .at(1)
                .toObject()
                .value(QStringLiteral("table_count"))
                .toInt());
    }

    void errors()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        const CliRun down = devdash({ QStringLiteral("schema"),
            QStringLiteral("postgresql://app:TopSecret1@127.0.0.1:%1/shop").arg(port),
            QStringLiteral("--json") });
        QCOMPARE(down.exitCode, 1);
        QVERIFY(down.out.isEmpty());
        QVERIFY2(down.err.contains("is the server running"), down.err.constData());
        QVERIFY(down.err.contains("postgresql://app@127.0.0.1"));
        QVERIFY(!down.err.contains("TopSecret1"));
        const CliRun missing
            = devdash({ QStringLiteral("schema"), QStringLiteral("sqlite:///no/such/file.db") });
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("does not exist"));
        const CliRun badScheme = devdash({ QStringLiteral("schema"), QStringLiteral("oracle://x/y") });
        QCOMPARE(badScheme.exitCode, 1);
        const CliRun usage
            = devdash({ QStringLiteral("schema"), QStringLiteral("diff"), QStringLiteral("only-one") });
        QCOMPARE(usage.exitCode, 2);
        const CliRun noSnapshot = devdash({ QStringLiteral("schema"), QStringLiteral("diff"),
            QStringLiteral("snapshot:999"), QStringLiteral("sqlite://") + m_a });
        QCOMPARE(noSnapshot.exitCode, 1);
        QVERIFY(noSnapshot.err.contains("no schema snapshot 999"));
    }
};

QTEST_GUILESS_MAIN(TestSchemaCli)
#include "tst_schemacli.moc"
