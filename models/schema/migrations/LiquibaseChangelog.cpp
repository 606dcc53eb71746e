#include "LiquibaseChangelog.h"

#include "LiquibaseChecksum.h"
#include "common/BoundedXmlReader.h"

#include <QDir>
#include <QRegularExpression>
#include <QStringList>

namespace devdash::migrations {

namespace {

using SqlChange = LiquibaseChecksum::SqlChange;

// Java's Matcher.matches(): the whole line, case-insensitive as Liquibase compiles them.
QRegularExpression whole(const char *pattern)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(QString::fromLatin1(pattern)),
        QRegularExpression::CaseInsensitiveOption);
}

bool matches(const QRegularExpression &re, const QString &line, QString *group1 = nullptr)
{
    const auto m = re.match(line);
    if (m.hasMatch() && group1)
        *group1 = m.captured(1);
    return m.hasMatch();
}

// String.trim: every char up to U+0020 goes, other (Unicode) spaces stay.
QString javaTrim(const QString &s)
{
    qsizetype from = 0, to = s.size();
    while (from < to && s.at(from).unicode() <= 0x20)
        ++from;
    while (to > from && s.at(to - 1).unicode() <= 0x20)
        --to;
    return s.mid(from, to - from);
}

// StringUtil.stripEnclosingQuotes
QString stripQuotes(const QString &s)
{
    if (s.size() > 1
        && ((s.startsWith(QLatin1Char('"')) && s.endsWith(QLatin1Char('"')))
            || (s.startsWith(QLatin1Char('\'')) && s.endsWith(QLatin1Char('\'')))))
        return s.mid(1, s.size() - 2);
    return s;
}

bool isTrue(QStringView value)
{
    return value.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

// Java decodes malformed UTF-8 differently from Qt: such text is not hashed.
bool isCleanUtf8(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

// BufferedReader.readLine: \n, \r\n and \r each end a line.
QStringList readLines(const QString &text)
{
    QStringList lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != QLatin1Char('\n') && c != QLatin1Char('\r'))
            continue;
        lines.append(text.mid(start, i - start));
        if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
            ++i;
        start = i + 1;
    }
    if (start < text.size())
        lines.append(text.mid(start));
    return lines;
}

// A formatted changeset being read.
struct FormattedChangeSet
{
    LiquibaseChangelog::ChangeSet changeSet;
    QStringList body;
    SqlChange change;
    QStringList validCheckSums;
    bool rerunOnChange = false;
    QString problem;
};

LiquibaseChangelog::ChangeSet finishFormatted(FormattedChangeSet &f, bool last)
{
    LiquibaseChangelog::ChangeSet cs = f.changeSet;
    // Liquibase joins the lines with the platform's line separator: whitespace either way.
    f.change.sql = javaTrim(f.body.join(QLatin1Char('\n')));
    if (f.problem.isEmpty() && f.change.sql.isEmpty())
        f.problem = QStringLiteral("no SQL");
    if (f.problem.isEmpty() && f.change.sql.contains(QLatin1String("${")))
        f.problem = QStringLiteral("uses ${…} changelog parameters");
    // The last changeset of a file whose SQL ends with a "/" line gets "\n/$" as its end
    // delimiter (FormattedSqlChangeLogParser.isNotEndDelimiter); only version 8 hashes it.
    if (last && !f.change.endDelimiter && f.change.sql.endsWith(QLatin1String("\n/")))
        f.change.endDelimiter = QStringLiteral("\n/$");
    if (f.problem.isEmpty()) {
        auto candidates = LiquibaseChecksum::candidates({ f.change }, f.validCheckSums);
        candidates.rerunOnChange = f.rerunOnChange;
        cs.checksum = candidates;
    } else
        cs.notVerified = f.problem;
    return cs;
}

} // namespace

QList<LiquibaseChangelog::ChangeSet> LiquibaseChangelog::parse(
    const QString &path, const QByteArray &bytes, const FileReader &read)
{
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".sql")))
        return parseFormattedSql(bytes);
    if (lower.endsWith(QLatin1String(".xml")))
        return parseXml(path, bytes, read);
    return listByPattern(path, QString::fromUtf8(bytes), QStringLiteral("YAML changelog"));
}

QList<LiquibaseChangelog::ChangeSet> LiquibaseChangelog::parseFormattedSql(const QByteArray &raw)
{
    // AbstractFormattedChangeLogParser's patterns, as Liquibase writes them.
    static const QRegularExpression firstLine = whole("\\s*--\\s*liquibase\\s*formatted.*");
    static const QRegularExpression property = whole("\\s*--[\\s]*property\\s+(.*:.*)\\s+(.*:.*).*");
    static const QRegularExpression altProperty = whole("\\s*?[-]+\\s*property\\s.*");
    static const QRegularExpression changeSet
        = whole("\\s*--[\\s]*changeset\\s+(\"[^\"]+\"|[^:]+):\\s*(\"[^\"]+\"|\\S+).*");
    static const QRegularExpression altChangeSetOneDash = whole("-[\\s]*changeset\\s.*");
    static const QRegularExpression altChangeSetNoInfo = whole("\\s*--[\\s]*changeset[\\s]*.*");
    static const QRegularExpression ignoreLines = whole("--[\\s]*ignoreLines:(\\w+)");
    static const QRegularExpression altIgnoreLines = whole("-[\\s]*?ignoreLines:(\\w+).*");
    static const QRegularExpression altIgnore = whole("--[\\s]*ignore:(\\w+)");
    static const QRegularExpression comment = whole("--[\\s]*comment:? (.*)");
    static const QRegularExpression altCommentOneDash = whole("-[\\s]*comment:? (.*)");
    static const QRegularExpression altCommentPlural = whole("--[\\s]*comments:? (.*)");
    static const QRegularExpression validCheckSum = whole("--[\\s]*validCheckSum:? (.*)");
    static const QRegularExpression altValidCheckSum = whole("-[\\s]*validCheckSum(.*)");
    static const QRegularExpression rollback = whole("\\s*--[\\s]*rollback (.*)");
    static const QRegularExpression altRollback = whole("\\s*-[\\s]*rollback\\s.*");
    static const QRegularExpression rollbackStart = whole("\\s*\\/\\*\\s*liquibase\\s*rollback\\s*");
    static const QRegularExpression rollbackEnd = whole(".*\\s*\\*\\/\\s*");
    static const QRegularExpression preconditions = whole("\\s*--[\\s]*preconditions(.*)");
    static const QRegularExpression altPreconditions = whole("\\s*-[\\s]*preconditions\\s.*");
    static const QRegularExpression precondition = whole("\\s*--[\\s]*precondition\\-([a-zA-Z0-9-]+) (.*)");
    static const QRegularExpression altPrecondition = whole("\\s*-[\\s]*precondition(.*)");
    static const QRegularExpression emptyPrecondition = whole("\\s*--[\\s]*precondition\\-([a-zA-Z0-9-]+)");
    // Attributes of the changeset line.
    static const QRegularExpression splitStatements = whole(".*splitStatements:(\\w+).*");
    static const QRegularExpression stripComments = whole(".*stripComments:(\\w+).*");
    static const QRegularExpression endDelimiter = whole(".*\\bendDelimiter:(\\S*).*");
    static const QRegularExpression runOnChange = whole(".*runOnChange:(\\w+).*");
    static const QRegularExpression runAlways = whole(".*runAlways:(\\w+).*");
    static const QRegularExpression runWith = whole(".*runWith:([\\w\\$\\{\\}]+).*");

    QByteArray bytes = raw;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3); // BomAwareInputStream drops it
    const QStringList lines = readLines(QString::fromUtf8(bytes));
    QString fileProblem;
    if (!isCleanUtf8(bytes))
        fileProblem = QStringLiteral("not valid UTF-8");
    const auto firstNonBlank
        = std::find_if(lines.cbegin(), lines.cend(), [](const QString &l) { return !l.trimmed().isEmpty(); });
    if (firstNonBlank == lines.cend() || !matches(firstLine, *firstNonBlank))
        fileProblem = QStringLiteral("no \"--liquibase formatted sql\" first line");
    auto unparsable = [&fileProblem](qsizetype index) {
        if (fileProblem.isEmpty())
            fileProblem = QStringLiteral("Liquibase cannot parse line %1").arg(index + 1);
    };

    QList<ChangeSet> out;
    std::optional<FormattedChangeSet> current;
    QString group;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (matches(property, line))
            continue;
        if (matches(altProperty, line)) {
            unparsable(i);
            continue;
        }
        if (matches(ignoreLines, line, &group)) {
            if (group == QLatin1String("start")) {
                while (++i < lines.size()) {
                    QString end;
                    if (matches(ignoreLines, lines.at(i), &end)) {
                        if (end == QLatin1String("end"))
                            break;
                    } else if (matches(altIgnoreLines, lines.at(i))) {
                        unparsable(i);
                    }
                }
            } else {
                bool ok = false;
                const qlonglong count = group.toLongLong(&ok);
                if (!ok)
                    unparsable(i);
                else
                    i += std::min<qlonglong>(count, lines.size());
            }
            continue;
        }
        if (matches(altIgnoreLines, line) || matches(altIgnore, line)) {
            unparsable(i);
            continue;
        }
        if (const auto m = changeSet.match(line); m.hasMatch()) {
            if (current) {
                if (javaTrim(current->body.join(QLatin1Char('\n'))).isEmpty())
                    unparsable(i); // "No SQL for changeset"
                out.append(finishFormatted(*current, false));
            }
            const QString author = m.captured(1), id = m.captured(2);
            // "--changeset <author>:<id>" with nothing between the colon and the id.
            const QRegularExpression authorId(
                QRegularExpression::anchoredPattern(QStringLiteral("\\s*--[\\s]*changeset\\s+")
                    + QRegularExpression::escape(author + QLatin1Char(':') + id) + QStringLiteral(".*")),
                QRegularExpression::CaseInsensitiveOption);
            if (!authorId.match(line).hasMatch())
                unparsable(i);
            current = FormattedChangeSet {};
            current->changeSet.id = stripQuotes(id);
            current->changeSet.author = stripQuotes(author);
            current->rerunOnChange = (matches(runOnChange, line, &group) && isTrue(group))
                || (matches(runAlways, line, &group) && isTrue(group));
            if (matches(splitStatements, line, &group))
                current->change.splitStatements = isTrue(group);
            current->change.stripComments = matches(stripComments, line, &group) ? isTrue(group) : true;
            if (matches(endDelimiter, line, &group))
                current->change.endDelimiter = group;
            if (matches(runWith, line))
                current->problem = QStringLiteral("runWith");
            continue;
        }
        if (matches(altChangeSetOneDash, line) || matches(altChangeSetNoInfo, line)) {
            unparsable(i);
            continue;
        }
        if (!current) {
            if (matches(comment, line))
                unparsable(i); // comments outside changesets are refused
            continue;
        }
        // Directives of a changeset, in the order Liquibase tries them; the rest is SQL.
        if (matches(comment, line) || matches(preconditions, line) || matches(precondition, line)
            || matches(rollback, line))
            continue;
        if (matches(validCheckSum, line, &group)) {
            current->validCheckSums.append(group);
            continue;
        }
        if (matches(rollbackStart, line)) {
            while (++i < lines.size() && !matches(rollbackEnd, lines.at(i))) { }
            if (i >= lines.size())
                unparsable(i - 1); // "Liquibase rollback comment is not closed"
            continue;
        }
        if (matches(altCommentOneDash, line) || matches(altCommentPlural, line)
            || matches(altValidCheckSum, line) || matches(altRollback, line)
            || matches(altPreconditions, line) || matches(altPrecondition, line)
            || matches(emptyPrecondition, line)) {
            unparsable(i);
            continue;
        }
        current->body.append(line);
    }
    if (current)
        out.append(finishFormatted(*current, true));
    if (!fileProblem.isEmpty()) {
        for (ChangeSet &cs : out) {
            cs.checksum.reset();
            cs.notVerified = fileProblem;
        }
    }
    return out;
}

namespace {

// <sql> or <sqlFile>: the change, or why it cannot be hashed. Leaves the reader after its end.
std::optional<SqlChange> readSqlChange(BoundedXmlReader &xml, const QString &changelogPath,
    const LiquibaseChangelog::FileReader &read, QString &problem)
{
    const bool isFile = xml.name() == QLatin1String("sqlFile");
    const QXmlStreamAttributes attributes = xml.attributes();
    SqlChange change;
    if (attributes.hasAttribute(QLatin1String("splitStatements")))
        change.splitStatements = isTrue(attributes.value(QLatin1String("splitStatements")));
    change.stripComments = isTrue(attributes.value(QLatin1String("stripComments")));
    if (attributes.hasAttribute(QLatin1String("endDelimiter")))
        change.endDelimiter = attributes.value(QLatin1String("endDelimiter")).toString();
    if (!attributes.value(QLatin1String("dbms")).isEmpty())
        problem = xml.name().toString() + QStringLiteral(" with dbms"); // v9 hashes it per database

    QString text;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isCharacters()) {
            text += xml.text();
        } else if (xml.isStartElement()) {
            problem = xml.name().toString() + QStringLiteral(" inside ")
                + (isFile ? QLatin1String("sqlFile") : QLatin1String("sql"));
            xml.skipCurrentElement();
        } else if (xml.tokenType() == QXmlStreamReader::EntityReference) {
            problem = QStringLiteral("an XML entity");
        } else if (xml.isEndElement()) {
            break;
        }
    }
    if (isFile) {
        const QString encoding = attributes.value(QLatin1String("encoding")).toString().toLower();
        const QString file = attributes.value(QLatin1String("path")).toString();
        if (!isTrue(attributes.value(QLatin1String("relativeToChangelogFile")))) {
            problem = QStringLiteral("sqlFile looked up in the search path");
        } else if (!encoding.isEmpty() && encoding != QLatin1String("utf-8")
            && encoding != QLatin1String("utf8")) {
            problem = QStringLiteral("sqlFile in ") + encoding;
        } else if (problem.isEmpty()) {
            const qsizetype slash = changelogPath.lastIndexOf(QLatin1Char('/'));
            const QString resolved
                = QDir::cleanPath((slash < 0 ? QString() : changelogPath.left(slash + 1)) + file);
            const auto bytes
                = resolved.startsWith(QLatin1String("../")) || !read ? std::nullopt : read(resolved);
            if (!bytes)
                problem = QStringLiteral("sqlFile %1 not found").arg(resolved);
            else if (bytes->startsWith("\xEF\xBB\xBF") || !isCleanUtf8(*bytes))
                problem = QStringLiteral("sqlFile with a byte-order mark or not UTF-8");
            else
                text = QString::fromUtf8(*bytes);
        }
    }
    change.sql = javaTrim(text);
    if (problem.isEmpty() && change.sql.isEmpty())
        problem = QStringLiteral("no SQL");
    if (problem.isEmpty() && change.sql.contains(QLatin1String("${")))
        problem = QStringLiteral("uses ${…} changelog parameters");
    if (!problem.isEmpty())
        return std::nullopt;
    return change;
}

LiquibaseChangelog::ChangeSet readXmlChangeSet(
    BoundedXmlReader &xml, const QString &path, const LiquibaseChangelog::FileReader &read)
{
    LiquibaseChangelog::ChangeSet cs;
    const QXmlStreamAttributes attributes = xml.attributes();
    cs.id = attributes.value(QLatin1String("id")).toString();
    cs.author = attributes.value(QLatin1String("author")).toString();
    const bool rerunOnChange = isTrue(attributes.value(QLatin1String("runOnChange")))
        || isTrue(attributes.value(QLatin1String("runAlways")))
        || isTrue(attributes.value(QLatin1String("alwaysRun")));
    QString problem;
    if (!attributes.value(QLatin1String("runWith")).isEmpty())
        problem = QStringLiteral("runWith");
    QList<SqlChange> changes;
    QStringList valid;
    while (xml.readNextStartElement()) {
        const QString name = xml.name().toString();
        if (name == QLatin1String("comment") || name == QLatin1String("preconditions")
            || name == QLatin1String("rollback")) {
            xml.skipCurrentElement();
        } else if (name == QLatin1String("validCheckSum")) {
            valid.append(javaTrim(xml.readElementText()));
        } else if (name == QLatin1String("sql") || name == QLatin1String("sqlFile")) {
            QString why;
            if (auto change = readSqlChange(xml, path, read, why))
                changes.append(*change);
            else if (problem.isEmpty())
                problem = why;
        } else {
            // createTable, addColumn, modifySql...: hashed from Liquibase's serialisation.
            if (problem.isEmpty())
                problem = name;
            xml.skipCurrentElement();
        }
    }
    if (problem.isEmpty() && changes.isEmpty())
        problem = QStringLiteral("no change");
    if (problem.isEmpty()) {
        auto candidates = LiquibaseChecksum::candidates(changes, valid);
        candidates.rerunOnChange = rerunOnChange;
        cs.checksum = candidates;
    } else
        cs.notVerified = problem;
    return cs;
}

} // namespace

QList<LiquibaseChangelog::ChangeSet> LiquibaseChangelog::parseXml(
    const QString &path, const QByteArray &bytes, const FileReader &read)
{
    // Bounded: depth, tag and text sizes (InputLimits); entities are never expanded.
    BoundedXmlReader xml(bytes);
    QList<ChangeSet> out;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("changeSet"))
            out.append(readXmlChangeSet(xml, path, read));
    }
    if (xml.hasError())
        return listByPattern(path, QString::fromUtf8(bytes),
            QStringLiteral("the XML does not parse (%1 at line %2)")
                .arg(xml.errorString())
                .arg(xml.errorLine()));
    return out;
}

QList<LiquibaseChangelog::ChangeSet> LiquibaseChangelog::listByPattern(
    const QString &path, const QString &text, const QString &why)
{
    QList<ChangeSet> out;
    auto add = [&](const QString &id, const QString &author) {
        ChangeSet cs;
        cs.id = id;
        cs.author = author;
        cs.notVerified = why;
        out.append(cs);
    };
    static const QRegularExpression xml(QStringLiteral("<changeSet\\b([^>]*)>"));
    static const QRegularExpression attr(QStringLiteral("\\b(id|author)\\s*=\\s*\"([^\"]*)\""));
    static const QRegularExpression yaml(QStringLiteral("changeSet:\\s*\\n((?:\\s+[^\\n]*\\n?){1,8})"));
    static const QRegularExpression yamlField(
        QStringLiteral("^\\s*-?\\s*(id|author):\\s*['\"]?([^'\"\\n]+)"), QRegularExpression::MultilineOption);
    const bool isXml = path.toLower().endsWith(QLatin1String(".xml"));
    for (auto it = (isXml ? xml : yaml).globalMatch(text); it.hasNext();) {
        QString id, author;
        for (auto a = (isXml ? attr : yamlField).globalMatch(it.next().captured(1)); a.hasNext();) {
            const auto m = a.next();
            (m.captured(1) == QLatin1String("id") ? id : author) = m.captured(2).trimmed();
        }
        if (!id.isEmpty())
            add(id, author);
    }
    return out;
}

} // namespace devdash::migrations
