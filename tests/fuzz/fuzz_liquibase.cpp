// libFuzzer target for LiquibaseChangelog, a file of a cloned repository. The first byte
// chooses the format (XML, formatted SQL, YAML); an <sqlFile> reads the same bytes. Any
// changelog gives changesets; never a crash, a hang or a leak.

#include "FuzzCheck.h"
#include "schema/migrations/LiquibaseChangelog.h"

using namespace devdash;
using namespace devdash::migrations;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const char *const paths[] = { "db/changelog.xml", "db/changelog.sql", "db/changelog.yaml" };
    const QString path = QString::fromLatin1(paths[data[0] % 3]);
    const QByteArray bytes = fuzz::bytes(data + 1, size - 1);
    const auto read = [&bytes](const QString &) -> std::optional<QByteArray> { return bytes; };
    for (const LiquibaseChangelog::ChangeSet &changeSet : LiquibaseChangelog::parse(path, bytes, read))
        fuzz::check(changeSet.checksum.has_value() || !changeSet.notVerified.isEmpty());
    return 0;
}
