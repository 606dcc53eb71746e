#!/bin/sh
# Builds the ReportParser fuzz target with clang 14 in a build folder of its own and runs
# it for SECONDS (default 60) on a seed corpus: the report samples of tests/data/junit.
#
#   tests/fuzz/run-fuzz.sh [SECONDS] [BUILD_DIR]     (BUILD_DIR default: ../build-fuzz)
#
# Inputs that crash or break an invariant land in BUILD_DIR/fuzz-artifacts/; the corpus
# grows in BUILD_DIR/fuzz-corpus/ and is reused by the next run. Exit status: libFuzzer's.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
seconds=${1:-60}
build=${2:-${DEVDASH_FUZZ_BUILD:-$(dirname "$src")/build-fuzz}}
jobs=${DEVDASH_FUZZ_BUILD_JOBS:-2}

# Every translation unit gets coverage and sanitizers; only the fuzz target links libFuzzer.
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CC=${CC:-clang-14} CXX=${CXX:-clang++-14} cmake -S "$src" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS="$flags" \
    -DDEVDASH_BUILD_TESTS=ON -DDEVDASH_BUILD_BENCH=OFF >"$build.configure.log" 2>&1 ||
    { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j"$jobs" --target fuzz_report_parser

seeds="$build/fuzz-seeds"
corpus="$build/fuzz-corpus"
artifacts="$build/fuzz-artifacts"
mkdir -p "$seeds" "$corpus" "$artifacts"
# The seeds: every report sample of tests/data/junit (its README is no seed).
for f in "$src"/tests/data/junit/*; do
    case $f in *.md) ;; *) cp "$f" "$seeds"/ ;; esac
done

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
exec "$build/tests/fuzz/fuzz_report_parser" \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -dict="$here/xml.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "$corpus" "$seeds"
