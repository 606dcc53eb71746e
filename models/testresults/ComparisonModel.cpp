#include "ComparisonModel.h"

#include "RunListModel.h"

namespace devdash::testresults {

namespace {
// internalId: 0 for a section, section + 1 for its tests.
constexpr quintptr SectionId = 0;

QString durationChange(double base, double head)
{
    if (std::isnan(head))
        return formatDuration(base);
    if (std::isnan(base))
        return formatDuration(head);
    const double delta = head - base;
    if (std::abs(delta) < 0.0005)
        return formatDuration(head);
    return QStringLiteral("%1 (%2%3)")
        .arg(formatDuration(head), delta > 0 ? QStringLiteral("+") : QStringLiteral("−"),
            formatDuration(std::abs(delta)));
}
} // namespace

ComparisonModel::ComparisonModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void ComparisonModel::setComparison(const RunComparison &comparison)
{
    beginResetModel();
    m_comparison = comparison;
    endResetModel();
}

void ComparisonModel::clear()
{
    setComparison({});
}

const QList<ComparedTest> &ComparisonModel::tests(Section section) const
{
    switch (section) {
    case Section::NewFailures:
        return m_comparison.newFailures;
    case Section::Fixed:
        return m_comparison.fixed;
    case Section::StillFailing:
        return m_comparison.stillFailing;
    case Section::NewTests:
        return m_comparison.newTests;
    case Section::RemovedTests:
        break;
    }
    return m_comparison.removedTests;
}

QString ComparisonModel::sectionTitle(Section section)
{
    switch (section) {
    case Section::NewFailures:
        return tr("New failures");
    case Section::Fixed:
        return tr("Fixed");
    case Section::StillFailing:
        return tr("Still failing");
    case Section::NewTests:
        return tr("New tests");
    case Section::RemovedTests:
        break;
    }
    return tr("Removed tests");
}

QModelIndex ComparisonModel::sectionIndex(Section section) const
{
    return index(int(section), 0);
}

const ComparedTest *ComparisonModel::testAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == SectionId)
        return nullptr;
    const QList<ComparedTest> &list = tests(Section(index.internalId() - 1));
    return index.row() < list.size() ? &list.at(index.row()) : nullptr;
}

QModelIndex ComparisonModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, SectionId);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ComparisonModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == SectionId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, SectionId);
}

int ComparisonModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return SectionCount;
    if (parent.column() != 0 || parent.internalId() != SectionId)
        return 0;
    return int(tests(Section(parent.row())).size());
}

int ComparisonModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ComparisonModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() != SectionId) {
        const ComparedTest *test = testAt(index);
        return test ? testData(Section(index.internalId() - 1), *test, index.column(), role) : QVariant();
    }
    const auto section = Section(index.row());
    const int count = int(tests(section).size());
    switch (role) {
    case SectionRole:
        return int(section);
    case IsSectionRole:
        return true;
    case CountRole:
        return count;
    case SortRole:
        return index.row(); // sections keep their order
    case Qt::DisplayRole:
        return index.column() == TestColumn ? QStringLiteral("%1 (%2)").arg(sectionTitle(section)).arg(count)
                                            : QVariant();
    }
    return {};
}

QVariant ComparisonModel::testData(Section section, const ComparedTest &test, int column, int role) const
{
    switch (role) {
    case SectionRole:
        return int(section);
    case IsSectionRole:
        return false;
    case TestKeyRole:
        return test.key;
    case StatusRole:
        if (column == BaseColumn)
            return test.base ? int(*test.base) : -1;
        if (column == HeadColumn)
            return test.head ? int(*test.head) : -1;
        return {};
    case SortRole:
        if (column == DurationColumn)
            return std::isnan(test.headDurationS) ? -1.0 : test.headDurationS;
        return testData(section, test, column, Qt::DisplayRole);
    case Qt::ToolTipRole:
        return test.message.isEmpty() ? test.key : test.key + QLatin1Char('\n') + test.message;
    case Qt::DisplayRole:
        switch (column) {
        case TestColumn:
            return test.className.isEmpty() ? test.name : test.className + QStringLiteral(" › ") + test.name;
        case BaseColumn:
            return test.base ? statusName(*test.base) : tr("absent");
        case HeadColumn:
            return test.head ? statusName(*test.head) : tr("absent");
        case DurationColumn:
            return durationChange(test.baseDurationS, test.headDurationS);
        case MessageColumn:
            return test.message.section(QLatin1Char('\n'), 0, 0);
        }
        return {};
    }
    return {};
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TestColumn:
        return tr("Test");
    case BaseColumn:
        return tr("Base");
    case HeadColumn:
        return tr("Head");
    case DurationColumn:
        return tr("Duration");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

QHash<int, QByteArray> ComparisonModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(SectionRole, "section");
    names.insert(TestKeyRole, "testKey");
    names.insert(StatusRole, "status");
    return names;
}

} // namespace devdash::testresults
