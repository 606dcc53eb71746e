#pragma once

#include <git2/oid.h>

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace devdash::git {

enum class RefKind { Local, Remote, Tag, DetachedHead };

QString refKindName(RefKind kind); // "local", "remote", "tag", "head"

// One branch, remote-tracking branch or tag, as the Branches page and
// `devdash branches` show it.
struct RefInfo
{
    QString name; // short: main, origin/main, v1.0
    QString fullName; // refs/heads/main
    RefKind kind = RefKind::Local;
    git_oid commit {};
    QString upstream; // short name, local branches only
    std::optional<int> ahead, behind;
    QString base; // the default branch compared against
    std::optional<int> baseAhead, baseBehind;
    bool isHead = false;
    QDateTime committedAt;
    QString author;
    QString summary;

    // A branch whose commits are all in the default branch (and is not it).
    bool isMerged() const { return baseAhead && *baseAhead == 0 && fullName != baseFullName; }
    bool isStale(const QDateTime &now, int staleDays) const
    {
        return kind != RefKind::Tag && committedAt.isValid() && committedAt.daysTo(now) > staleDays;
    }
    QString baseFullName;
};

} // namespace devdash::git

Q_DECLARE_METATYPE(devdash::git::RefInfo)
