#pragma once

// A cctray feed (`<Projects><Project name activity lastBuildStatus lastBuildLabel
// lastBuildTime webUrl/></Projects>`) as served by Jenkins /cc.xml, GoCD,
// Concourse (via flight-sentinel), CircleCI, TeamCity and Buildkite, parsed
// without a network: CctrayProvider fetches, this reads.
//
// The feed comes from a server we do not control: a document declaring a DTD is
// refused outright, so no entity (internal or external, "billion laughs" or XXE)
// is ever expanded.

#include "PipelineRun.h"
#include "common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringView>

namespace devdash::ci {

struct CctrayProject
{
    QString name;
    QString activity; // "Sleeping", "Building", "CheckingModifications"…
    QString lastBuildStatus; // "Success", "Failure", "Exception", "Unknown"
    QString lastBuildLabel;
    QDateTime lastBuildTime; // UTC; invalid when missing or unreadable
    QString webUrl;
};

class CctrayFeed
{
public:
    // Every <Project> of the document; other elements are ignored. Fails on a
    // document that is not XML, has no <Projects> root, or declares a DTD.
    static Result<QList<CctrayProject>> parse(const QByteArray &xml, const QString &feedUrl = {});

    // The timestamps feeds really send: ISO 8601 with or without zone ("Z",
    // "+01:00", "+0100"), with or without fractional seconds (any number of
    // digits), with a space instead of "T". No zone means UTC. Anything else
    // gives an invalid QDateTime.
    static QDateTime parseTime(QStringView text);

    // activity Building → running; otherwise lastBuildStatus: Success → success,
    // Failure/Exception → failed, Unknown (never built) → skipped.
    static RunStatus status(const CctrayProject &project);

    // The project as a run of provider "cctray": its id and name are the
    // project's name (a feed shows only the latest build of each), the commit is
    // the 40-hex id some servers put in the label.
    static PipelineRun toRun(const CctrayProject &project, const QString &feedUrl);
};

} // namespace devdash::ci
