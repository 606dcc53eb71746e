#pragma once

// A schema diff written out: JSON (`devdash schema diff --json`, the export of
// the diff view), plain text for the terminal, Markdown for a review or a
// ticket. The JSON shape is documented in docs/cli.md.

#include "schema/SchemaDiff.h"

#include <QJsonObject>
#include <QString>

namespace devdash::schema {

class SchemaDiffReport
{
public:
    static QJsonObject toJson(const SchemaDifferences &diff);
    static QString toText(const SchemaDifferences &diff);
    static QString toMarkdown(const SchemaDifferences &diff);
};

} // namespace devdash::schema
