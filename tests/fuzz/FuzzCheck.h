#pragma once

// Shared by the fuzz targets: an invariant that must hold for any input. libFuzzer keeps
// the input that broke it (abort is a crash to it).

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace devdash::fuzz {

inline void check(bool condition)
{
    if (!condition)
        std::abort();
}

// The input as bytes, without a copy.
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace devdash::fuzz
