#pragma once

// The pipeline status dot on History rows: the combined status of each commit's
// runs (the newest run of each pipeline, the worst winning), looked up in the
// store on a worker for the rows on screen, and remembered: a commit is asked
// for once until the repository changes or refresh() says runs were recorded.
// Commits without stored runs are then asked of the CI servers (check runs,
// commit statuses, pipelines by sha), once.

#include "ci/CiProvider.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <functional>
#include <optional>

class QPainter;
class QRect;

namespace devdash::ui {

class CommitPipelineBadges final : public QObject
{
    Q_OBJECT
public:
    explicit CommitPipelineBadges(QObject *parent = nullptr);

    // Forgets what it knew: a new repository, or runs were recorded.
    void setRepository(const QString &path);
    // Looks up the commits not asked for yet (one worker query per call).
    void request(const QStringList &commits);
    std::optional<ci::CommitStatus> statusOf(const QString &commitId) const;
    // Asks the CI servers about commits the store knows nothing of (set by the window:
    // the Pipelines page's providers); without it, only stored runs give dots.
    using RemoteLookup = std::function<void(
        const QStringList &commits, std::function<void(QHash<QString, ci::CommitStatus>)> done)>;
    void setRemoteLookup(RemoteLookup lookup) { m_remote = std::move(lookup); }
    // How many lookups went to the store (for tests: caching works).
    int queries() const { return m_queries; }

    // Paints the dot of `status` centred vertically at the left of `rect`;
    // returns the width it took (0 when there is nothing to paint).
    static int paintDot(QPainter *painter, const QRect &rect, const ci::CommitStatus &status);
    // "Pipeline failed (3 checks)".
    static QString toolTip(const ci::CommitStatus &status);

Q_SIGNALS:
    void changed();

private:
    QString m_path;
    quint64 m_generation = 0;
    int m_queries = 0;
    QSet<QString> m_asked;
    QHash<QString, ci::CommitStatus> m_statuses;
    RemoteLookup m_remote;
};

} // namespace devdash::ui
