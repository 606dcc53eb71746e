#include "MigrationMatrix.h"

#include "MigrationVersion.h"

#include <QHash>

#include <algorithm>

namespace devdash::migrations {

MigrationMatrix MigrationMatrix::build(
    const QList<RefMigrations> &refs, const QList<EnvironmentMigrations> &environments)
{
    MigrationMatrix m;
    QHash<QString, qsizetype> index;
    auto rowFor = [&](const QString &key, const QString &version, const QString &description) -> Row & {
        auto it = index.find(key);
        if (it == index.end()) {
            Row row;
            row.key = key;
            row.version = version;
            row.description = description;
            row.inRef = QList<bool>(refs.size(), false);
            row.states = QList<std::optional<MigrationState>>(environments.size(), std::nullopt);
            it = index.insert(key, m.m_rows.size());
            m.m_rows.append(row);
        }
        Row &row = m.m_rows[*it];
        if (row.description.isEmpty())
            row.description = description;
        return row;
    };
    for (qsizetype r = 0; r < refs.size(); ++r) {
        m.m_refNames.append(refs.at(r).name);
        for (const MigrationFile &f : refs.at(r).files.files) {
            if (f.kind != MigrationKind::Undo)
                rowFor(f.key, f.version, f.description).inRef[r] = true;
        }
    }
    for (qsizetype e = 0; e < environments.size(); ++e) {
        m.m_environmentNames.append(environments.at(e).name);
        m.m_environmentErrors.append(environments.at(e).error);
        for (const MigrationEntry &entry : environments.at(e).entries)
            rowFor(entry.key, entry.version, entry.description).states[e] = entry.state;
    }
    // Readable environments that do not mention a migration do not have it.
    for (Row &row : m.m_rows) {
        for (qsizetype e = 0; e < environments.size(); ++e) {
            if (!row.states.at(e) && environments.at(e).error.isEmpty())
                row.states[e] = MigrationState::Pending;
        }
    }
    std::stable_sort(m.m_rows.begin(), m.m_rows.end(),
        [](const Row &a, const Row &b) { return MigrationVersion::less(a.version, b.version); });
    return m;
}

int MigrationMatrix::rowOf(const QString &key) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).key == key)
            return int(i);
    }
    return -1;
}

QStringList MigrationMatrix::addedBy(int ref, int baseRef) const
{
    QStringList keys;
    if (ref < 0 || ref >= m_refNames.size() || baseRef < 0 || baseRef >= m_refNames.size())
        return keys;
    for (const Row &row : m_rows) {
        if (row.inRef.at(ref) && !row.inRef.at(baseRef))
            keys.append(row.key);
    }
    return keys;
}

int MigrationMatrix::appliedCount(const QStringList &keys, int environment) const
{
    int n = 0;
    for (const QString &key : keys) {
        const int r = rowOf(key);
        if (r >= 0 && environment >= 0 && environment < m_environmentNames.size()) {
            const auto state = m_rows.at(r).states.at(environment);
            n += state && isInDatabase(*state) ? 1 : 0;
        }
    }
    return n;
}

QString MigrationMatrix::summary(int ref, int baseRef) const
{
    if (ref < 0 || ref >= m_refNames.size() || baseRef < 0 || baseRef >= m_refNames.size())
        return {};
    const QStringList added = addedBy(ref, baseRef);
    QStringList parts;
    parts.append(added.size() == 1
            ? QStringLiteral("%1 adds 1 migration").arg(m_refNames.at(ref))
            : QStringLiteral("%1 adds %2 migrations").arg(m_refNames.at(ref)).arg(added.size()));
    if (added.isEmpty())
        return parts.first();
    for (int e = 0; e < m_environmentNames.size(); ++e) {
        const QString &name = m_environmentNames.at(e);
        if (!m_environmentErrors.at(e).isEmpty()) {
            parts.append(QStringLiteral("%1 unknown (%2)").arg(name, m_environmentErrors.at(e)));
            continue;
        }
        const int n = appliedCount(added, e);
        if (n == 0)
            parts.append(QStringLiteral("%1 none").arg(name));
        else if (n == added.size())
            parts.append(added.size() == 1 ? QStringLiteral("%1 has it").arg(name)
                                           : QStringLiteral("%1 has all of them").arg(name));
        else
            parts.append(QStringLiteral("%1 has %2 of them").arg(name).arg(n));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace devdash::migrations
