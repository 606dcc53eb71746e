#include "CommitPipelineBadges.h"

#include "PipelineStatusStyle.h"

#include "ci/PipelineRunStore.h"
#include "common/Background.h"
#include "tests/TestStoreAccess.h"

#include <QPainter>
#include <QPointer>

namespace devdash::ui {

CommitPipelineBadges::CommitPipelineBadges(QObject *parent)
    : QObject(parent)
{
}

void CommitPipelineBadges::setRepository(const QString &path)
{
    m_path = path;
    ++m_generation;
    m_asked.clear();
    m_statuses.clear();
    Q_EMIT changed();
}

void CommitPipelineBadges::request(const QStringList &commits)
{
    if (m_path.isEmpty())
        return;
    QStringList wanted;
    for (const QString &c : commits) {
        if (!c.isEmpty() && !m_asked.contains(c)) {
            m_asked.insert(c);
            wanted << c;
        }
    }
    if (wanted.isEmpty())
        return;
    auto location = TestStoreAccess::location();
    if (!location)
        return; // no store: no dots (the Pipelines page says why)
    ++m_queries;
    const quint64 generation = m_generation;
    runInBackground(
        this,
        [location = location.value(), path = m_path, wanted]() -> Result<QHash<QString, ci::CommitStatus>> {
            auto db = TestStoreAccess::open(location);
            if (!db)
                return db.error();
            return ci::PipelineRunStore(db.value())
                .commitStatuses(TestStoreAccess::repositoryKey(path), wanted);
        },
        [this, generation, wanted](Result<QHash<QString, ci::CommitStatus>> result) {
            if (generation != m_generation)
                return;
            if (result && !result->isEmpty()) {
                m_statuses.insert(result.value());
                Q_EMIT changed();
            }
            QStringList unknown;
            for (const QString &commit : wanted)
                if (!m_statuses.contains(commit))
                    unknown << commit;
            if (unknown.isEmpty() || !m_remote)
                return;
            QPointer<CommitPipelineBadges> self(this);
            m_remote(unknown, [self, generation](QHash<QString, ci::CommitStatus> statuses) {
                if (!self || generation != self->m_generation || statuses.isEmpty())
                    return;
                self->m_statuses.insert(statuses);
                Q_EMIT self->changed();
            });
        });
}

std::optional<ci::CommitStatus> CommitPipelineBadges::statusOf(const QString &commitId) const
{
    const auto it = m_statuses.constFind(commitId);
    return it == m_statuses.constEnd() ? std::nullopt : std::optional(*it);
}

int CommitPipelineBadges::paintDot(QPainter *painter, const QRect &rect, const ci::CommitStatus &status)
{
    const int side = qMin(12, rect.height() - 6);
    if (side <= 0)
        return 0;
    PipelineStatusStyle::paintIcon(painter,
        QRectF(rect.left() + 1, rect.top() + (rect.height() - side) / 2.0, side, side), status.status);
    return side + 6;
}

QString CommitPipelineBadges::toolTip(const ci::CommitStatus &status)
{
    return tr("Pipeline: %1 (%n check(s))", nullptr, status.checks)
        .arg(PipelineStatusStyle::label(status.status).toLower());
}

} // namespace devdash::ui
