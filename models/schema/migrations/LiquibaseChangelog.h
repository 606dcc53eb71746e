#pragma once

// The changesets of one Liquibase changelog read from git: formatted SQL
// ("--liquibase formatted sql"), XML and YAML. For the changesets whose checksum can be
// computed exactly (only SQL changes: a formatted changeset's body, <sql>, <sqlFile
// relativeToChangelogFile="true">) the checksum candidates (LiquibaseChecksum);
// for the others, why not. Lines are matched with Liquibase's own patterns
// (AbstractFormattedChangeLogParser), so directives, rollbacks and comments end up where
// Liquibase puts them.

#include "Migration.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace devdash::migrations {

class LiquibaseChangelog
{
public:
    struct ChangeSet
    {
        QString id;
        QString author;
        std::optional<LiquibaseCandidates> checksum; // none when not verified
        QString notVerified; // why not ("createTable", "YAML changelog"...) when there is no checksum
    };

    // Reads a file next to the changelog (for <sqlFile>), by path from the repository root.
    using FileReader = std::function<std::optional<QByteArray>(const QString &path)>;

    // `path` is relative to the repository root; its extension chooses the format.
    static QList<ChangeSet> parse(const QString &path, const QByteArray &bytes, const FileReader &read);

private:
    static QList<ChangeSet> parseFormattedSql(const QByteArray &bytes);
    static QList<ChangeSet> parseXml(const QString &path, const QByteArray &bytes, const FileReader &read);
    // Ids only, by pattern: YAML, and XML that does not parse.
    static QList<ChangeSet> listByPattern(const QString &path, const QString &text, const QString &why);
};

} // namespace devdash::migrations
