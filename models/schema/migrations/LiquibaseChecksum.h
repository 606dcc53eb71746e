#pragma once

// Liquibase's own changeset checksums (DATABASECHANGELOG.MD5SUM), recomputed from the
// changelog so that a changeset edited after it ran is told apart from an unchanged one the
// way `liquibase validate` tells them apart. Liquibase 4.24+ writes "9:<md5>" and still
// validates the "8:<md5>" that older versions wrote with the algorithm of version 8, so
// both are computed. Only SQL changes (formatted SQL bodies, XML <sql> and <sqlFile>) are
// hashed from their text; every other change type is hashed from Liquibase's serialisation
// of the change object, which is not reproduced here (those changesets stay "not verified").

#include "Migration.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace devdash::migrations {

class LiquibaseChecksum
{
public:
    // One SQL change of a changeset, as Liquibase holds it after parsing.
    struct SqlChange
    {
        QString sql; // the text (a formatted changeset's body, <sql>'s text, <sqlFile>'s file)
        // Hashed by version 8 only ("endDelimiter:splitStatements:stripComments:" header).
        std::optional<QString> endDelimiter;
        bool splitStatements = true;
        bool stripComments = false;
    };

    using Candidates = LiquibaseCandidates;

    // A change's checksum (AbstractSQLChange.generateCheckSum). Version 9: the MD5 of the
    // text's UTF-8 bytes without spaces, tabs, CR and LF. Version 8: the MD5 of the header
    // followed by the text with every run of those collapsed to one space, trimmed.
    static QString sqlChange(const SqlChange &change, int version);
    // A changeset's (ChangeSet.generateCheckSum): the MD5 of each change's checksum followed
    // by ':', in order.
    static QString changeSet(const QList<SqlChange> &changes, int version);
    static Candidates candidates(const QList<SqlChange> &changes, const QStringList &validCheckSums);

    struct Verdict
    {
        bool valid = true; // what ChangeSet.isCheckSumValid answers
        bool rerun = false; // not valid, but a runOnChange/runAlways changeset: run again
        // The file's checksum in the recorded checksum's version; empty when it cannot be
        // computed (a recorded version other than 8 and 9: Liquibase re-computes those
        // without validating).
        QString fileChecksum;
    };
    // `recorded` is the MD5SUM (empty: none recorded, as after `clear-checksums`).
    static Verdict verify(const QString &recorded, const Candidates &candidates);
};

} // namespace devdash::migrations
