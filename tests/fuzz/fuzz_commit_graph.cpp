// libFuzzer target for CommitGraphFile, a file of a cloned repository's .git: once parsed,
// every accessor on every commit must stay inside the bytes (AddressSanitizer checks).

#include "FuzzCheck.h"
#include "git/CommitGraphFile.h"

using namespace devdash;
using namespace devdash::git;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A copy of exactly `size` bytes: a read past the end is caught.
    const QByteArray copy(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto graph = CommitGraphFile::parse(QByteArrayView(copy));
    if (!graph.ok())
        return 0;
    uint64_t sum = 0;
    for (uint32_t i = 0; i < graph->commitCount(); ++i) {
        const git_oid *oid = graph->oidAt(i);
        sum += uint64_t(graph->find(*oid) + 1); // the lookup may miss: the OIDL chunk need not be sorted
        graph->forEachParent(i, [&sum](uint32_t parent) { sum += parent; });
        sum += graph->generation(i) + uint64_t(graph->commitTime(i));
    }
    for (uint32_t i = 0; i < graph->baseGraphCount(); ++i)
        sum += graph->baseGraphOid(i)->id[0];
    return int(sum & 0);
}
