#include "MigrationsView.h"

#include "DatabaseWork.h"
#include "MigrationStateDelegate.h"

#include "common/BackgroundJob.h"
#include "common/TableLook.h"
#include "common/Workspace.h"
#include "schema/migrations/MigrationListModel.h"
#include "schema/migrations/MigrationMatrix.h"
#include "schema/migrations/MigrationMatrixModel.h"
#include "schema/migrations/MigrationStatus.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace devdash::ui {

using namespace migrations;

namespace {

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // names databases and their errors
    label->setText(text);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    label->setContentsMargins(8, 6, 8, 2);
    label->setWordWrap(true);
    return label;
}

} // namespace

MigrationsView::MigrationsView(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_refBox(new QComboBox(this))
    , m_listTitle(sectionTitle({}, this))
    , m_summary(new QLabel(this))
    , m_list(new MigrationListModel(this))
    , m_matrix(new MigrationMatrixModel(this))
    , m_listView(new QTableView(this))
    , m_matrixView(new QTableView(this))
{
    m_refBox->setObjectName(QStringLiteral("migrationRef"));
    m_refBox->setEditable(true);
    m_refBox->setInsertPolicy(QComboBox::NoInsert);
    m_refBox->setMinimumContentsLength(20);
    m_refBox->setToolTip(tr("The branch, tag or commit whose migration files are compared (read from git, "
                            "no checkout)"));
    auto *reload = new QPushButton(tr("Reload"), this);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 6, 8, 4);
    bar->setSpacing(8);
    bar->addWidget(new QLabel(tr("Files at:"), this));
    bar->addWidget(m_refBox);
    bar->addWidget(reload);
    bar->addStretch(1);

    m_listView->setModel(m_list);
    TableLook::apply(m_listView, TableLook::AlternatingRows | TableLook::SingleSelection);
    m_listView->setItemDelegate(new MigrationStateDelegate(
        MigrationListModel::StateRole, { MigrationListModel::StateColumn }, m_listView));
    QHeaderView *header = m_listView->horizontalHeader();
    header->setStretchLastSection(true);
    header->resizeSection(MigrationListModel::VersionColumn, 80);
    header->resizeSection(MigrationListModel::DescriptionColumn, 220);
    header->resizeSection(MigrationListModel::StateColumn, 150);
    header->resizeSection(MigrationListModel::AppliedAtColumn, 150);
    header->resizeSection(MigrationListModel::AppliedByColumn, 90);
    header->resizeSection(MigrationListModel::DurationColumn, 70);

    m_matrixView->setModel(m_matrix);
    TableLook::apply(m_matrixView, TableLook::AlternatingRows | TableLook::SingleSelection);
    m_matrixView->setItemDelegate(
        new MigrationStateDelegate(MigrationMatrixModel::StateRole, {}, m_matrixView));
    m_matrixView->horizontalHeader()->setStretchLastSection(true);
    m_matrixView->horizontalHeader()->setDefaultSectionSize(130);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setContentsMargins(8, 0, 8, 4);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *listPane = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(0);
    listLayout->addWidget(m_listTitle);
    listLayout->addWidget(m_listView, 1);
    auto *matrixPane = new QWidget(this);
    auto *matrixLayout = new QVBoxLayout(matrixPane);
    matrixLayout->setContentsMargins(0, 0, 0, 0);
    matrixLayout->setSpacing(0);
    matrixLayout->addWidget(sectionTitle(tr("Migrations × branches and environments"), this));
    matrixLayout->addWidget(m_summary);
    matrixLayout->addWidget(m_matrixView, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(listPane);
    split->addWidget(matrixPane);
    split->setChildrenCollapsible(false);
    split->setSizes({ 320, 260 });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(reload, &QPushButton::clicked, this, &MigrationsView::refresh);
    connect(m_refBox, &QComboBox::activated, this, &MigrationsView::refresh);
    connect(m_refBox->lineEdit(), &QLineEdit::returnPressed, this, &MigrationsView::refresh);
    connect(m_workspace, &Workspace::refsLoaded, this, &MigrationsView::fillRefs);
    fillRefs();
}

void MigrationsView::fillRefs()
{
    const QString current = m_refBox->currentText();
    const QSignalBlocker block(m_refBox);
    m_refBox->clear();
    QStringList refs = m_workspace->refNames();
    const QString branch = m_workspace->info().currentBranch;
    if (!branch.isEmpty()) {
        refs.removeAll(branch);
        refs.prepend(branch);
    }
    m_refBox->addItems(refs);
    m_refBox->setCurrentText(
        current.isEmpty() ? (branch.isEmpty() ? QStringLiteral("HEAD") : branch) : current);
}

void MigrationsView::setConnections(const QList<DatabaseConnection> &connections, const QString &repoRoot)
{
    ++m_generation;
    m_pending = 0;
    m_connections = connections;
    if (repoRoot != m_repoRoot)
        m_refBox->setCurrentText({});
    m_repoRoot = repoRoot;
    m_list->setEntries({});
    m_matrix->setMatrix({});
    m_summary->clear();
    m_listTitle->setText(tr("Migrations"));
    fillRefs();
    m_stale = true;
    if (isVisible())
        refresh();
}

void MigrationsView::setCurrentDatabase(const QString &name)
{
    if (m_current == name)
        return;
    m_current = name;
    m_stale = true;
    if (isVisible())
        loadList();
}

void MigrationsView::setRef(const QString &ref)
{
    m_refBox->setCurrentText(ref);
    refresh();
}

QString MigrationsView::ref() const
{
    const QString text = m_refBox->currentText().trimmed();
    return text == QLatin1String("HEAD") ? QString() : text;
}

void MigrationsView::selectMigration(const QString &file, const QString &ref)
{
    m_wantedFile = file;
    if (!ref.isEmpty() && ref != this->ref()) {
        m_refBox->setCurrentText(ref);
        m_stale = true;
    }
    if (m_pending == 0 && !m_stale && trySelectWanted())
        return;
    if (isVisible() && m_stale)
        refresh();
}

bool MigrationsView::trySelectWanted()
{
    if (m_wantedFile.isEmpty())
        return false;
    const QString name = m_wantedFile.section(QLatin1Char('/'), -1);
    int found = -1;
    for (int row = 0; row < m_list->rowCount() && found < 0; ++row) {
        const QString path = m_list->index(row, 0).data(MigrationListModel::PathRole).toString();
        if (path == m_wantedFile || path.endsWith(QLatin1Char('/') + m_wantedFile))
            found = row;
    }
    for (int row = 0; row < m_list->rowCount() && found < 0; ++row)
        if (m_list->index(row, 0).data(MigrationListModel::PathRole).toString().section(QLatin1Char('/'), -1)
            == name)
            found = row;
    if (found < 0)
        return false;
    m_wantedFile.clear();
    const QModelIndex index = m_list->index(found, MigrationListModel::VersionColumn);
    m_listView->setCurrentIndex(index);
    m_listView->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

QString MigrationsView::selectedMigrationPath() const
{
    const QModelIndex current = m_listView->currentIndex();
    return current.isValid() ? current.data(MigrationListModel::PathRole).toString() : QString();
}

QString MigrationsView::summary() const
{
    return m_summary->text();
}

void MigrationsView::refresh()
{
    m_stale = false;
    loadList();
    loadMatrix();
}

void MigrationsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void MigrationsView::loadList()
{
    const DatabaseConnection *found = nullptr;
    for (const DatabaseConnection &c : std::as_const(m_connections))
        if (c.name == m_current)
            found = &c;
    if (!found || m_repoRoot.isEmpty())
        return;
    const DatabaseConnection target = *found;
    const QString repo = m_repoRoot, wantedRef = ref();
    const quint64 generation = m_generation;
    ++m_pending;
    m_listTitle->setText(tr("Migrations of %1 — reading…").arg(target.name));
    runJob(
        m_workspace->jobs(), tr("Reading the migrations of %1").arg(target.name), this,
        [target, repo, wantedRef](
            const JobContext &job) { return DatabaseWork::migrations(target, repo, wantedRef, job.token); },
        [this, generation, name = target.name, wantedRef](Result<MigrationReport> result) {
            if (generation != m_generation)
                return;
            --m_pending;
            if (!result) {
                m_listError = result.errorMessage();
                m_list->setEntries({});
                m_listTitle->setText(tr("Migrations of %1 — %2").arg(name, m_listError));
                m_listTitle->setToolTip({});
                return;
            }
            m_listError.clear();
            m_list->setEntries(result->entries);
            if (!m_wantedFile.isEmpty() && !trySelectWanted()) {
                Q_EMIT statusMessage(tr("%1 is not among the migrations of %2 at %3")
                                         .arg(m_wantedFile.section(QLatin1Char('/'), -1), name,
                                             wantedRef.isEmpty() ? QStringLiteral("HEAD") : wantedRef));
                m_wantedFile.clear();
            }
            const MigrationStatus::Counts counts = MigrationStatus::count(result->entries);
            const QString framework = frameworkName(result->history.framework);
            m_listTitle->setText(
                tr("Migrations of %1 (%2, %3 at %4): %5 applied · %6 pending · %7 with problems")
                    .arg(name, framework.isEmpty() ? tr("no history table") : framework,
                        result->files.directory.isEmpty() ? tr("files") : result->files.directory,
                        wantedRef.isEmpty() ? QStringLiteral("HEAD") : wantedRef)
                    .arg(counts.applied)
                    .arg(counts.pending)
                    .arg(counts.problems)
                + (result->files.notes.isEmpty()
                        ? QString()
                        : tr(" · %n note(s) (hover to read)", nullptr, int(result->files.notes.size()))));
            // What was skipped or not verified (a Liquibase changeset whose checksum
            // cannot be computed exactly, an unparsable file name…).
            m_listTitle->setToolTip(result->files.notes.join(QLatin1Char('\n')));
        });
}

void MigrationsView::loadMatrix()
{
    if (m_connections.isEmpty() || m_repoRoot.isEmpty())
        return;
    const QList<DatabaseConnection> connections = m_connections;
    const QString repo = m_repoRoot, wantedRef = ref();
    // The local branch of the default one when there is one: unpushed migrations count.
    QString base = m_workspace->baseRef();
    const QString local = base.section(QLatin1Char('/'), 1);
    if (!local.isEmpty() && m_workspace->kindOf(local) == git::RefKind::Local)
        base = local;
    const quint64 generation = m_generation;
    ++m_pending;
    struct MatrixResult
    {
        MigrationMatrix matrix;
        int ref = 0;
        int base = 0;
    };
    runJob(
        m_workspace->jobs(), tr("Comparing migrations across environments"), this,
        [connections, repo, wantedRef, base](const JobContext &job) -> MatrixResult {
            // The files: from the first database that says where they are.
            DatabaseConnection layout = connections.constFirst();
            for (const DatabaseConnection &c : connections)
                if (!c.migrationsPath.isEmpty()) {
                    layout = c;
                    break;
                }
            QStringList refs;
            if (!base.isEmpty())
                refs << base;
            const QString shown = wantedRef.isEmpty() ? QStringLiteral("HEAD") : wantedRef;
            if (!refs.contains(shown))
                refs << shown;
            QList<RefMigrations> refFiles;
            for (const QString &r : std::as_const(refs)) {
                MigrationInspector::Request request;
                request.repoPath = repo;
                request.ref = r == QLatin1String("HEAD") ? QString() : r;
                request.folder = layout.migrationsPath;
                request.framework = frameworkFromName(layout.framework);
                request.cancel = job.token;
                auto files = MigrationInspector::files(request);
                refFiles << RefMigrations { r, files ? files.value() : MigrationFileSet {} };
            }
            QList<EnvironmentMigrations> environments;
            for (int i = 0; i < connections.size(); ++i) {
                if (job.isCancelled())
                    break;
                job.progress(i, connections.size());
                auto report = DatabaseWork::migrations(connections.at(i), repo, wantedRef, job.token);
                EnvironmentMigrations env;
                env.name = connections.at(i).name;
                if (report)
                    env.entries = report->entries;
                else
                    env.error = report.errorMessage();
                environments << env;
            }
            MatrixResult result;
            result.matrix = MigrationMatrix::build(refFiles, environments);
            result.ref = int(refs.indexOf(shown));
            result.base = 0;
            return result;
        },
        [this, generation](MatrixResult result) {
            if (generation != m_generation)
                return;
            --m_pending;
            m_matrix->setMatrix(result.matrix);
            m_summary->setText(result.ref != result.base ? result.matrix.summary(result.ref, result.base)
                                                         : tr("%n migration(s) across %1 environment(s)",
                                                             nullptr, int(result.matrix.rows().size()))
                                                               .arg(result.matrix.environmentNames().size()));
            m_matrixView->resizeColumnToContents(0);
        });
}

} // namespace devdash::ui
