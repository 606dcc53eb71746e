#pragma once

// The test badge on History rows: the newest run of each source (local import, CI
// job, local pipeline) of each commit that has runs, looked up in the store on a
// worker for the rows as they load. One source never hides another's failure.

#include "testresults/TestRun.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <optional>

namespace devdash::ui {

class CommitTestBadges final : public QObject
{
    Q_OBJECT
public:
    explicit CommitTestBadges(QObject *parent = nullptr);

    // Forgets what it knew: a new repository, or runs were imported.
    void setRepository(const QString &path);
    // Looks up the commits not asked for yet (one worker query per call).
    void request(const QStringList &commits);
    // Newest first, one per source; empty when the commit has no runs.
    QList<testresults::RunSummary> runsOf(const QString &commitId) const;

    // The badge text: "✓ 23", "2 failed", or each source's: "1 failed · ✓ 4".
    static QString text(const testresults::RunSummary &run);
    static QString text(const QList<testresults::RunSummary> &runs);

Q_SIGNALS:
    void changed();

private:
    QString m_path;
    quint64 m_generation = 0;
    QSet<QString> m_asked;
    QHash<QString, QList<testresults::RunSummary>> m_runs;
};

} // namespace devdash::ui
