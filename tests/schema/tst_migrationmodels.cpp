// The migration matrix (refs x environments) over history tables built to
// golang-migrate's layout in real SQLite files and a real git repository with two
// branches, and the two item models (list and matrix) under QAbstractItemModelTester;
// the list's "Applied" time in the shared format (DisplayTime).

#include "MigrationHistoryDb.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "common/DisplayTime.h"
#include "schema/migrations/MigrationInspector.h"
#include "schema/migrations/MigrationListModel.h"
#include "schema/migrations/MigrationMatrix.h"
#include "schema/migrations/MigrationMatrixModel.h"

#include <QAbstractItemModelTester>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace devdash;
using namespace devdash::migrations;
using devdash::test::MigrationHistoryDb;
using devdash::test::TestRepo;

namespace {

Result<MigrationReport> inspect(const MigrationHistoryDb &db, const QString &repo, const QString &ref)
{
    MigrationInspector::Request request;
    request.repoPath = repo;
    request.ref = ref;
    return MigrationInspector::inspect(db.db(), request);
}

} // namespace

class TestMigrationModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(test::TestEnvironment::setUp()); }

    // feature/x adds two migrations; staging ran one of them, production neither.
    void matrix()
    {
        TestRepo repo;
        repo.init();
        auto file = [](int v) { return QStringLiteral("migrations/%1_m%1.up.sql").arg(v); };
        repo.commit(QStringLiteral("1..3"),
            { { file(1), "SELECT 1;" }, { file(2), "SELECT 2;" }, { file(3), "SELECT 3;" } });
        repo.checkoutNew(QStringLiteral("feature/x"));
        repo.commit(QStringLiteral("4, 5"), { { file(4), "SELECT 4;" }, { file(5), "SELECT 5;" } });
        repo.checkout(QStringLiteral("main"));
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));

        QList<RefMigrations> refs;
        for (const QString &ref : { QStringLiteral("main"), QStringLiteral("feature/x") }) {
            MigrationInspector::Request request;
            request.repoPath = repo.path();
            request.ref = ref;
            request.framework = Framework::GolangMigrate;
            const auto files = MigrationInspector::files(request);
            QVERIFY2(files.ok(), qPrintable(files.errorMessage()));
            refs.append({ ref, *files });
        }
        QList<EnvironmentMigrations> environments;
        std::vector<std::unique_ptr<MigrationHistoryDb>> dbs;
        for (const auto &[name, version] :
            { std::pair { QStringLiteral("staging"), 4 }, std::pair { QStringLiteral("production"), 3 } }) {
            dbs.push_back(std::make_unique<MigrationHistoryDb>());
            QCOMPARE(dbs.back()->exec(QStringLiteral(
                         "CREATE TABLE schema_migrations (version bigint primary key, dirty boolean)")),
                QString());
            QCOMPARE(
                dbs.back()->exec(QStringLiteral("INSERT INTO schema_migrations VALUES (?, 0)"), { version }),
                QString());
            const auto report = inspect(*dbs.back(), repo.path(), QStringLiteral("feature/x"));
            QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
            environments.append({ name, report->entries, {} });
        }
        environments.append({ QStringLiteral("qa"), {}, QStringLiteral("server down") });
        const MigrationMatrix matrix = MigrationMatrix::build(refs, environments);
        QCOMPARE(matrix.rows().size(), 5);
        QCOMPARE(matrix.addedBy(1, 0), QStringList({ "4", "5" }));
        QCOMPARE(matrix.appliedCount(matrix.addedBy(1, 0), 0), 1);
        QCOMPARE(matrix.summary(1, 0),
            QStringLiteral("feature/x adds 2 migrations; staging has 1 of them; production none; qa unknown "
                           "(server down)"));
        QCOMPARE(matrix.summary(0, 1), QStringLiteral("main adds 0 migrations"));
        const auto &row5 = matrix.rows().at(matrix.rowOf(QStringLiteral("5")));
        QCOMPARE(row5.inRef, QList<bool>({ false, true }));
        QCOMPARE(*row5.states.at(0), MigrationState::Pending);
        QVERIFY(!row5.states.at(2).has_value());

        MigrationMatrixModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMatrix(matrix);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), 1 + 2 + 3);
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("feature/x"));
        QCOMPARE(model.headerData(3, Qt::Horizontal).toString(), QStringLiteral("staging"));
        QCOMPARE(model.headerData(5, Qt::Horizontal, MigrationMatrixModel::ErrorRole).toString(),
            QStringLiteral("server down"));
        const int r4 = matrix.rowOf(QStringLiteral("4"));
        QCOMPARE(model.index(r4, 1).data(MigrationMatrixModel::InRefRole).toBool(), false);
        QCOMPARE(model.index(r4, 2).data(MigrationMatrixModel::InRefRole).toBool(), true);
        QCOMPARE(model.index(r4, 3).data(MigrationMatrixModel::StateNameRole).toString(),
            QStringLiteral("applied"));
        QCOMPARE(model.index(r4, 4).data(MigrationMatrixModel::StateNameRole).toString(),
            QStringLiteral("pending"));
        QVERIFY(!model.index(r4, 5).data(MigrationMatrixModel::StateRole).isValid());
        QCOMPARE(model.index(r4, 0).data(MigrationMatrixModel::ColumnKindRole).toInt(),
            int(MigrationMatrixModel::ColumnKind::Migration));

        // Production catches up: only the changed rows are announced, no reset.
        environments[1].entries = environments[0].entries;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setMatrix(MigrationMatrix::build(refs, environments));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), r4);
    }

    void listModel_data()
    {
        QTest::addColumn<QStringList>("before"); // key:state
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<int>("inserted");
        QTest::addColumn<int>("removed");
        QTest::addColumn<int>("changed");
        QTest::newRow("first load") << QStringList {} << QStringList { "1:applied", "2:pending" } << 2 << 0
                                    << 0;
        QTest::newRow("one applied") << QStringList { "1:applied", "2:pending" }
                                     << QStringList { "1:applied", "2:applied" } << 0 << 0 << 1;
        QTest::newRow("new file") << QStringList { "1:applied" } << QStringList { "1:applied", "2:pending" }
                                  << 1 << 0 << 0;
        QTest::newRow("file gone") << QStringList { "1:applied", "2:pending", "3:pending" }
                                   << QStringList { "1:applied", "3:pending" } << 0 << 1 << 0;
        QTest::newRow("unchanged") << QStringList { "1:applied" } << QStringList { "1:applied" } << 0 << 0
                                   << 0;
        QTest::newRow("inserted in the middle")
            << QStringList { "1:applied", "3:applied" }
            << QStringList { "1:applied", "2:out_of_order", "3:applied" } << 1 << 0 << 0;
    }
    void listModel()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        QFETCH(int, inserted);
        QFETCH(int, removed);
        QFETCH(int, changed);
        auto entries = [](const QStringList &spec) {
            QList<MigrationEntry> list;
            for (const QString &s : spec) {
                MigrationEntry e;
                e.key = e.version = s.section(QLatin1Char(':'), 0, 0);
                e.description = QStringLiteral("step ") + e.key;
                const QString state = s.section(QLatin1Char(':'), 1);
                for (int st = 0; st <= int(MigrationState::Outdated); ++st) {
                    if (migrationStateName(MigrationState(st)) == state)
                        e.state = MigrationState(st);
                }
                if (state != QLatin1String("pending")) {
                    AppliedMigration a;
                    a.key = e.key;
                    a.appliedAt = QDateTime(QDate(2024, 1, 1), QTime(0, 0), QTimeZone::utc());
                    a.durationMs = 5;
                    a.appliedBy = QStringLiteral("ci");
                    e.applied = a;
                }
                list.append(e);
            }
            return list;
        };
        MigrationListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries(entries(before));
        QSignalSpy insertedSpy(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removedSpy(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changedSpy(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy resetSpy(&model, &QAbstractItemModel::modelReset);
        const auto target = entries(after);
        model.setEntries(target);
        QCOMPARE(insertedSpy.count(), inserted);
        QCOMPARE(removedSpy.count(), removed);
        QCOMPARE(changedSpy.count(), changed);
        QCOMPARE(resetSpy.count(), 0);
        QCOMPARE(model.rowCount(), target.size());
        for (int i = 0; i < target.size(); ++i) {
            const QModelIndex idx = model.index(i, MigrationListModel::StateColumn);
            QCOMPARE(idx.data(MigrationListModel::KeyRole).toString(), target.at(i).key);
            QCOMPARE(idx.data(MigrationListModel::StateRole).toInt(), int(target.at(i).state));
            QCOMPARE(idx.data(MigrationListModel::StateNameRole).toString(),
                migrationStateName(target.at(i).state));
            QCOMPARE(idx.data().toString(),
                migrationStateName(target.at(i).state).replace(QLatin1Char('_'), QLatin1Char(' ')));
            QCOMPARE(model.index(i, MigrationListModel::AppliedAtColumn)
                         .data(MigrationListModel::AppliedAtRole)
                         .isValid(),
                target.at(i).applied.has_value());
        }
        QCOMPARE(model.headerData(MigrationListModel::AppliedByColumn, Qt::Horizontal).toString(),
            QStringLiteral("Applied by"));
    }

    // "yesterday 09:15" rather than "2024-01-01 09:15:00 UTC"; the exact time in the tooltip.
    void appliedInTheSharedFormat()
    {
        DisplayTime::setNowForTesting(QDateTime(QDate(2024, 1, 2), QTime(12, 0), QTimeZone::utc()));
        QLocale::setDefault(QLocale(QStringLiteral("en_GB")));
        const auto restore = qScopeGuard([] {
            DisplayTime::setNowForTesting({});
            QLocale::setDefault(QLocale::system());
        });
        MigrationEntry applied;
        applied.key = applied.version = QStringLiteral("1");
        applied.state = MigrationState::Applied;
        AppliedMigration a;
        a.key = applied.key;
        a.appliedAt = QDateTime(QDate(2024, 1, 1), QTime(9, 15, 30), QTimeZone::utc());
        applied.applied = a;
        MigrationEntry pending;
        pending.key = pending.version = QStringLiteral("2");
        pending.state = MigrationState::Pending;
        MigrationListModel model;
        model.setEntries({ applied, pending });
        const QModelIndex at = model.index(0, MigrationListModel::AppliedAtColumn);
        QCOMPARE(at.data().toString(), QStringLiteral("yesterday 09:15"));
        QCOMPARE(at.data(Qt::ToolTipRole).toString(), QStringLiteral("Monday, 1 January 2024 09:15:30 UTC"));
        QCOMPARE(at.data(MigrationListModel::AppliedAtRole).toDateTime(), *a.appliedAt);
        QCOMPARE(model.index(1, MigrationListModel::AppliedAtColumn).data().toString(), QString());
    }
};

QTEST_GUILESS_MAIN(TestMigrationModels)
#include "tst_migrationmodels.moc"
