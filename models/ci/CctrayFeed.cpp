#include "CctrayFeed.h"

#include "common/BoundedXmlReader.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace devdash::ci {

namespace {

QString attribute(const QXmlStreamAttributes &attributes, QLatin1StringView name)
{
    return attributes.value(name).toString().trimmed();
}

QString feedName(const QString &feedUrl)
{
    return feedUrl.isEmpty() ? QStringLiteral("the cctray feed") : feedUrl;
}

} // namespace

QDateTime CctrayFeed::parseTime(QStringView text)
{
    // date, time, optional fraction (any digits), optional zone.
    static const QRegularExpression iso(
        QStringLiteral(
            R"(^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = iso.match(text);
    if (!match.hasMatch())
        return {};
    auto number = [&match](int group) { return match.capturedView(group).toInt(); };
    const QDate date(number(1), number(2), number(3));
    int msecs = 0;
    if (match.hasCaptured(7)) {
        // ".5" is 500 ms, ".1234567" (TeamCity, .NET) is 123 ms.
        const QString fraction = QString(match.captured(7) + QStringLiteral("00")).left(3);
        msecs = fraction.toInt();
    }
    const QTime time(number(4), number(5), match.hasCaptured(6) ? number(6) : 0, msecs);
    if (!date.isValid() || !time.isValid())
        return {};
    int offsetSeconds = 0;
    const QStringView zone = match.capturedView(8);
    if (!zone.isEmpty() && zone.compare(u"Z", Qt::CaseInsensitive) != 0) {
        const int sign = zone.front() == u'-' ? -1 : 1;
        const QString digits = zone.mid(1).toString().remove(QLatin1Char(':'));
        const int hours = digits.left(2).toInt();
        const int minutes = digits.size() >= 4 ? digits.mid(2, 2).toInt() : 0;
        if (hours > 14 || minutes > 59)
            return {};
        offsetSeconds = sign * (hours * 3600 + minutes * 60);
    }
    return QDateTime(date, time, Qt::OffsetFromUTC, offsetSeconds).toUTC();
}

RunStatus CctrayFeed::status(const CctrayProject &project)
{
    const QString activity = project.activity.toLower();
    if (activity == u"building")
        return RunStatus::Running;
    // Not in the cctray spec, but sent by some servers for a build waiting for an agent.
    if (activity == u"pending" || activity == u"queued" || activity == u"scheduled")
        return RunStatus::Queued;
    const QString status = project.lastBuildStatus.toLower();
    if (status == u"success")
        return RunStatus::Success;
    if (status == u"failure" || status == u"exception")
        return RunStatus::Failed;
    return RunStatus::Skipped; // "Unknown": never built, or the server cannot say
}

PipelineRun CctrayFeed::toRun(const CctrayProject &project, const QString &feedUrl)
{
    static const QRegularExpression sha(
        QStringLiteral("(?:^|[^0-9a-fA-F])([0-9a-fA-F]{40})(?:$|[^0-9a-fA-F])"));
    PipelineRun run;
    run.provider = QStringLiteral("cctray");
    run.project = feedUrl;
    run.id = project.name;
    run.name = project.name;
    run.status = status(project);
    // lastBuildTime is when the last build happened; a running build's start is not in the feed.
    if (!isActive(run.status))
        run.startedAt = project.lastBuildTime;
    run.url = project.webUrl;
    const auto match = sha.match(project.lastBuildLabel);
    if (match.hasMatch())
        run.commit = match.captured(1).toLower();
    return run;
}

Result<QList<CctrayProject>> CctrayFeed::parse(const QByteArray &xml, const QString &feedUrl)
{
    if (xml.trimmed().isEmpty())
        return Error {
            QStringLiteral("%1 is empty: no <Projects> element. Check the feed URL.").arg(feedName(feedUrl))
        };
    // Bounded (depth, tag and text sizes: InputLimits); no entity is ever resolved (a DTD is
    // refused below, and the reader expands none).
    BoundedXmlReader reader(xml);
    QList<CctrayProject> projects;
    bool sawRoot = false;
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::DTD)
            return Error { QStringLiteral("%1 declares a DTD (line %2); DevDash refuses feeds with DTDs or "
                                          "entities. Check that the URL points at a cctray XML feed.")
                               .arg(feedName(feedUrl))
                               .arg(reader.lineNumber()) };
        if (token == QXmlStreamReader::EntityReference)
            continue; // an undeclared entity: ignored, never resolved
        if (token != QXmlStreamReader::StartElement)
            continue;
        if (!sawRoot) {
            if (reader.name() != u"Projects")
                return Error { QStringLiteral("%1 is not a cctray feed: its root element is <%2>, not "
                                              "<Projects>. Check the feed URL (Jenkins: /cc.xml).")
                                   .arg(feedName(feedUrl), reader.name().toString()) };
            sawRoot = true;
            continue;
        }
        if (reader.name() != u"Project") {
            reader.skipCurrentElement();
            continue;
        }
        const QXmlStreamAttributes attributes = reader.attributes();
        CctrayProject project;
        project.name = attribute(attributes, QLatin1StringView("name"));
        project.activity = attribute(attributes, QLatin1StringView("activity"));
        project.lastBuildStatus = attribute(attributes, QLatin1StringView("lastBuildStatus"));
        project.lastBuildLabel = attribute(attributes, QLatin1StringView("lastBuildLabel"));
        project.lastBuildTime = parseTime(attributes.value(QLatin1StringView("lastBuildTime")));
        project.webUrl = attribute(attributes, QLatin1StringView("webUrl"));
        if (!project.name.isEmpty())
            projects.append(project);
        reader.skipCurrentElement(); // <messages>, <breakers> … inside a Project
    }
    if (reader.refusal() != BoundedXmlReader::NoRefusal)
        return Error { QStringLiteral("%1 is refused (line %2): %3.")
                           .arg(feedName(feedUrl))
                           .arg(reader.errorLine())
                           .arg(reader.errorString()) };
    if (reader.hasError())
        return Error { QStringLiteral("%1 is not well-formed XML (line %2, column %3: %4).")
                           .arg(feedName(feedUrl))
                           .arg(reader.lineNumber())
                           .arg(reader.columnNumber())
                           .arg(reader.errorString()) };
    if (!sawRoot)
        return Error { QStringLiteral("%1 is empty: no <Projects> element.").arg(feedName(feedUrl)) };
    return projects;
}

} // namespace devdash::ci
