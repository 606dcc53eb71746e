#pragma once

// Real zip archives for the artifact suites, built in memory with libzip (the
// library DevDash reads them with) — as actions/upload-artifact would upload them.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace devdash::test {

// Entry name → content; a name ending in '/' is a folder entry. Names are stored as
// given (also "../evil.xml": hostile archives are what some tests need).
using ZipEntries = QList<QPair<QString, QByteArray>>;

QByteArray makeZip(const ZipEntries &entries);

} // namespace devdash::test
