#pragma once

// A read-only object-database backend for loose objects that checks what it
// inflates. libgit2 1.5 loops forever on a truncated loose object (libgit2#7342,
// fixed after 1.9): put in front of libgit2's own loose backend, this one answers
// the reads and turns a truncated or damaged object into an error naming it.

#include "common/Result.h"

#include <git2/types.h>

#include <QString>

namespace devdash::git {

class CheckedLooseObjects
{
public:
    // Adds the backend to `repo`'s object database (objects in `objectsDir`).
    static Result<void> install(git_repository *repo, const QString &objectsDir);

    struct Object
    {
        git_object_t type = GIT_OBJECT_INVALID;
        QByteArray body;
    };
    // Pure: inflates and checks one loose object's file content. `headerOnly` stops
    // after the "type size\0" header (body left empty) — for size queries on big blobs.
    static Result<Object> inflate(
        const QByteArray &compressed, bool headerOnly, size_t *declaredSize = nullptr);
};

} // namespace devdash::git
