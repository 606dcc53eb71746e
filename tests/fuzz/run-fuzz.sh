#!/bin/sh
# Builds the libFuzzer targets (tests/fuzz, one per parser of outside input) with clang 14
# in a build folder of their own and runs each for SECONDS (default 15) on its seed corpus,
# tests/data/fuzz/<target without "fuzz_">, with its dictionary when there is one.
#
#   tests/fuzz/run-fuzz.sh [SECONDS] [BUILD_DIR] [TARGET...]   (BUILD_DIR default: ../build-fuzz)
#
# Inputs that crash, leak, hang or break an invariant land in BUILD_DIR/fuzz-artifacts/;
# each target's corpus grows in BUILD_DIR/fuzz-corpus/<target>/ and is reused by the next
# run. Every target runs; the exit status is 1 when any of them found something, with the
# command that reproduces it.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
seconds=${1:-${FUZZ_SECONDS:-15}}
build=${2:-${DEVDASH_FUZZ_BUILD:-$(dirname "$src")/build-fuzz}}
[ $# -gt 2 ] && shift 2 || set --
jobs=${DEVDASH_FUZZ_BUILD_JOBS:-2}
targets=${*:-"fuzz_report_parser fuzz_cctray fuzz_github_json fuzz_gitlab_json fuzz_jenkins_json
    fuzz_devdash_json fuzz_liquibase fuzz_migration_names fuzz_commit_graph"}

# Every translation unit gets coverage and sanitizers; only the fuzz targets link libFuzzer.
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
mkdir -p "$build"
launcher=""
command -v ccache >/dev/null && launcher="-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
# shellcheck disable=SC2086
CC=${CC:-clang-14} CXX=${CXX:-clang++-14} cmake -S "$src" -B "$build" -G Ninja $launcher \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS="$flags" \
    -DDEVDASH_BUILD_TESTS=ON -DDEVDASH_BUILD_BENCH=OFF >"$build.configure.log" 2>&1 ||
    { cat "$build.configure.log"; exit 1; }
# shellcheck disable=SC2086
cmake --build "$build" -j"$jobs" --target $targets

artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
failed=""
for target in $targets; do
    name=${target#fuzz_}
    corpus="$build/fuzz-corpus/$name"
    seeds="$build/fuzz-seeds/$name"
    rm -rf "$seeds"
    mkdir -p "$corpus" "$seeds"
    cp "$src/tests/data/fuzz/$name/"* "$seeds"/
    # The suites' own samples of the same formats are seeds too (their READMEs are not).
    case $name in
    report_parser) more="$src/tests/data/junit" ;;
    cctray) more="$src/tests/data/cctray" ;;
    github_json) more="$src/tests/data/ci-api/github" ;;
    gitlab_json) more="$src/tests/data/ci-api/gitlab" ;;
    *) more="" ;;
    esac
    if [ -n "$more" ] && [ -d "$more" ]; then
        find "$more" -type f ! -name '*.md' -size -64k -exec cp {} "$seeds"/ \;
    fi
    dict=""
    case $name in
    report_parser | *xml*) dict="$here/xml.dict" ;;
    cctray) dict="$here/cctray.dict" ;;
    liquibase) dict="$here/liquibase.dict" ;;
    *json) dict="$here/json.dict" ;;
    esac
    echo "== $target: ${seconds}s"
    log="$build/fuzz-$name.log"
    if "$build/tests/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 ${dict:+-dict="$dict"} -artifact_prefix="$artifacts/$name-" \
        -print_final_stats=1 "$corpus" "$seeds" >"$log" 2>&1; then
        grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done )" "$log" || true
    else
        tail -60 "$log"
        found=$(ls -t "$artifacts/$name-"* 2>/dev/null | head -1 || true)
        echo "FAIL: $target found a crash, leak, hang or broken invariant (log: $log)"
        [ -n "$found" ] && echo "      reproduce: $build/tests/fuzz/$target $found"
        failed="$failed $target"
    fi
done
if [ -n "$failed" ]; then
    echo "fuzzing failed:$failed"
    exit 1
fi
echo "fuzzing: every target ran ${seconds}s without a finding"
