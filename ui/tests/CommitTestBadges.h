#pragma once

// The test badge on History rows: the newest run of each commit that has one,
// looked up in the store on a worker for the rows as they load.

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
    std::optional<testresults::RunSummary> runOf(const QString &commitId) const;

    // The badge text and whether it shows a failure: "✓ 23" or "2 failed".
    static QString text(const testresults::RunSummary &run);

Q_SIGNALS:
    void changed();

private:
    QString m_path;
    quint64 m_generation = 0;
    QSet<QString> m_asked;
    QHash<QString, testresults::RunSummary> m_runs;
};

} // namespace devdash::ui
