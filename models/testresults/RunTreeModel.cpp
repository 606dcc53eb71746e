#include "RunTreeModel.h"

#include "RunListModel.h"

namespace devdash::testresults {

namespace {
// internalId: 0 for a suite, suite row + 1 for its cases: the tree is two levels
// deep, so the parent's row is all an index needs.
constexpr quintptr SuiteId = 0;

QString retriesText(const CaseResult &result)
{
    QStringList lines;
    for (size_t i = 0; i < result.retries.size(); ++i) {
        const TestAttempt &attempt = result.retries.at(i);
        lines << QStringLiteral("%1. %2 %3 %4")
                     .arg(i + 1)
                     .arg(statusName(attempt.status), formatDuration(attempt.durationS), attempt.message);
    }
    return lines.join(QLatin1Char('\n'));
}
} // namespace

RunTreeModel::RunTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void RunTreeModel::setRun(const RunDetails &run)
{
    beginResetModel();
    m_run = run;
    m_stats.clear();
    m_stats.reserve(m_run.suites.size());
    for (const SuiteResult &suite : std::as_const(m_run.suites)) {
        SuiteStats stats;
        bool anyDuration = false;
        for (const CaseResult &result : suite.cases) {
            stats.status = worse(stats.status, result.status);
            stats.failing += isFailing(result.status) ? 1 : 0;
            stats.skipped += result.status == TestStatus::Skipped ? 1 : 0;
            if (!std::isnan(result.durationS)) {
                stats.durationS += result.durationS;
                anyDuration = true;
            }
        }
        // A suite of only skipped cases reads as skipped, not passed.
        if (!suite.cases.isEmpty() && stats.skipped == suite.cases.size())
            stats.status = TestStatus::Skipped;
        else if (stats.status == TestStatus::Skipped)
            stats.status = TestStatus::Passed;
        if (!std::isnan(suite.durationS))
            stats.durationS = suite.durationS;
        else if (!anyDuration)
            stats.durationS = NAN;
        m_stats << stats;
    }
    endResetModel();
}

void RunTreeModel::clear()
{
    setRun({});
}

const CaseResult *RunTreeModel::caseAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == SuiteId)
        return nullptr;
    const SuiteResult &suite = m_run.suites.at(int(index.internalId() - 1));
    return index.row() < suite.cases.size() ? &suite.cases.at(index.row()) : nullptr;
}

const SuiteResult *RunTreeModel::suiteAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const int row = index.internalId() == SuiteId ? index.row() : int(index.internalId() - 1);
    return &m_run.suites.at(row);
}

QModelIndex RunTreeModel::indexOfCase(const QString &testKey) const
{
    for (int s = 0; s < m_run.suites.size(); ++s) {
        const QList<CaseResult> &cases = m_run.suites.at(s).cases;
        for (int c = 0; c < cases.size(); ++c) {
            if (cases.at(c).key == testKey)
                return createIndex(c, 0, quintptr(s + 1));
        }
    }
    return {};
}

QModelIndex RunTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, SuiteId);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex RunTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == SuiteId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, SuiteId);
}

int RunTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_run.suites.size());
    if (parent.column() != 0 || parent.internalId() != SuiteId)
        return 0;
    return int(m_run.suites.at(parent.row()).cases.size());
}

int RunTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant RunTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == SuiteId)
        return suiteData(index.row(), index.column(), role);
    const CaseResult *result = caseAt(index);
    return result ? caseData(*result, index.column(), role) : QVariant();
}

QVariant RunTreeModel::suiteData(int row, int column, int role) const
{
    const SuiteResult &suite = m_run.suites.at(row);
    const SuiteStats &stats = m_stats.at(row);
    switch (role) {
    case KindRole:
        return int(Kind::Suite);
    case StatusRole:
        return int(stats.status);
    case FailingCountRole:
        return stats.failing;
    case DurationRole:
        return stats.durationS;
    case FileRole:
        return suite.file;
    case SortRole:
        if (column == StatusColumn)
            return stats.failing;
        if (column == DurationColumn)
            return std::isnan(stats.durationS) ? -1.0 : stats.durationS;
        return suite.path;
    case Qt::ToolTipRole:
        return tr("%1\n%2 tests, %3 failing, %4 skipped\nfrom %5")
            .arg(suite.path)
            .arg(suite.cases.size())
            .arg(stats.failing)
            .arg(stats.skipped)
            .arg(suite.file);
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return suite.path.isEmpty() ? suite.name : suite.path;
        case StatusColumn:
            if (stats.failing > 0)
                return tr("%1 of %2 failing").arg(stats.failing).arg(suite.cases.size());
            return tr("%n test(s)", nullptr, int(suite.cases.size()));
        case DurationColumn:
            return formatDuration(stats.durationS);
        }
        return {};
    }
    return {};
}

QVariant RunTreeModel::caseData(const CaseResult &result, int column, int role) const
{
    switch (role) {
    case KindRole:
        return int(Kind::Case);
    case StatusRole:
        return int(result.status);
    case TestKeyRole:
        return result.key;
    case MessageRole:
        return result.message;
    case DetailsRole:
        return result.details;
    case SystemOutRole:
        return result.systemOut;
    case SystemErrRole:
        return result.systemErr;
    case AttemptsRole:
        return result.attempts;
    case FlakyRole:
        return result.flaky;
    case FailingCountRole:
        return isFailing(result.status) ? 1 : 0;
    case DurationRole:
        return result.durationS;
    case FileRole:
        return result.line > 0 ? QStringLiteral("%1:%2").arg(result.file).arg(result.line) : result.file;
    case SortRole:
        if (column == StatusColumn)
            return isFailing(result.status) ? 1 : 0;
        if (column == DurationColumn)
            return std::isnan(result.durationS) ? -1.0 : result.durationS;
        return result.name;
    case Qt::ToolTipRole:
        if (!result.retries.empty())
            return tr("%1\nEarlier attempts:\n%2").arg(result.key, retriesText(result));
        return result.message.isEmpty() ? result.key : result.key + QLatin1Char('\n') + result.message;
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return result.name;
        case StatusColumn:
            if (result.flaky)
                return tr("passed on retry %1").arg(result.attempts);
            return statusName(result.status);
        case DurationColumn:
            return formatDuration(result.durationS);
        }
        return {};
    }
    return {};
}

QVariant RunTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Suite / test");
    case StatusColumn:
        return tr("Result");
    case DurationColumn:
        return tr("Duration");
    }
    return {};
}

QHash<int, QByteArray> RunTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(StatusRole, "status");
    names.insert(TestKeyRole, "testKey");
    names.insert(MessageRole, "message");
    names.insert(DetailsRole, "details");
    return names;
}

} // namespace devdash::testresults
