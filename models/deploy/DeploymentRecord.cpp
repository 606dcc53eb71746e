#include "DeploymentRecord.h"

#include "git/Repository.h"

namespace devdash::deploy {

Result<QDateTime> DeploymentRecord::parseTime(const QString &text)
{
    const QString t = text.trimmed();
    QDateTime time = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!time.isValid()) {
        const QDate day = QDate::fromString(t, Qt::ISODate);
        if (day.isValid())
            time = QDateTime(day, QTime(0, 0), Qt::UTC);
    }
    if (!time.isValid())
        return Error { QStringLiteral("'%1' is not a time: give ISO 8601, e.g. 2026-01-05T14:30:00Z or "
                                      "2026-01-05T15:30:00+01:00 (without an offset it is UTC).")
                           .arg(text) };
    if (time.timeSpec() == Qt::LocalTime) // no offset given: UTC, not this machine's zone
        time = QDateTime(time.date(), time.time(), Qt::UTC);
    return time.toUTC();
}

Result<Deployment> DeploymentRecord::make(const git::Repository &repository, const RecordRequest &request)
{
    Deployment d;
    d.environment = request.environment.trimmed();
    if (d.environment.isEmpty())
        return Error { QStringLiteral("No environment given: say where it was deployed with --env NAME.") };
    const auto status = statusFromName(request.status);
    if (!status || *status == DeploymentStatus::InProgress)
        return Error { QStringLiteral("--status must be success or failure, not '%1'.").arg(request.status) };
    d.status = *status;
    if (request.commit.trimmed().isEmpty())
        return Error { QStringLiteral("No commit given: say what was deployed with --commit SHA.") };
    const auto id = repository.resolveCommit(request.commit.trimmed());
    if (!id)
        return Error { QStringLiteral(
            "%1. Give a commit of %2 (a full or short id, a branch or a tag); fetch "
            "first if it was made elsewhere.")
                           .arg(id.errorMessage(), repository.displayName()) };
    d.commit = git::toHex(*id);
    if (request.at.trimmed().isEmpty()) {
        d.at = QDateTime::currentDateTimeUtc();
    } else {
        auto at = parseTime(request.at);
        if (!at)
            return at.error();
        d.at = *at;
    }
    d.url = request.url;
    d.by = request.by;
    d.version = request.version;
    d.source = QStringLiteral("record");
    return d;
}

} // namespace devdash::deploy
