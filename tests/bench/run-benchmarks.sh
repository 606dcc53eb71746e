#!/usr/bin/env bash
# Builds the benchmark repositories once (cached) and runs devdash_bench on them.
#
#   tests/bench/run-benchmarks.sh [BUILD_DIR]     (default: ./build)
#
# DEVDASH_BENCH_DIR  where the repositories and DevDash's index go (default /tmp/devdash-bench)
# BENCH_RUNS         runs per measure, the median is shown (default 5)
# BENCH_HISTORY_COMMITS / BENCH_BIG_COMMITS / BENCH_REFS_COMMITS / BENCH_REFS
#                    sizes (defaults 200000 / 1000000 / 200000 / 500)
set -euo pipefail

build=${1:-build}
bench_dir=${DEVDASH_BENCH_DIR:-/tmp/devdash-bench}
runs=${BENCH_RUNS:-5}
history_commits=${BENCH_HISTORY_COMMITS:-200000}
big_commits=${BENCH_BIG_COMMITS:-1000000}
refs_commits=${BENCH_REFS_COMMITS:-200000}
refs=${BENCH_REFS:-500}

if [[ ! -x $build/tests/bench/devdash_bench || ! -x $build/tests/bench/gen_repo ]]; then
    cmake --build "$build" -j2 --target devdash_bench gen_repo
fi
mkdir -p "$bench_dir"

# A repository is rebuilt only when its parameters change (the stamp records them).
make_repo() {
    local name=$1 commits=$2 nrefs=$3
    local dir=$bench_dir/$name stamp="commits=$commits refs=$nrefs v1"
    if [[ -f $dir.stamp && $(cat "$dir.stamp") == "$stamp" && -d $dir ]]; then
        return
    fi
    rm -f "$dir.stamp"
    "$build/tests/bench/gen_repo" "$dir" --commits "$commits" --refs "$nrefs"
    echo "$stamp" >"$dir.stamp"
}
make_repo history "$history_commits" 0
make_repo big "$big_commits" 0
make_repo refs "$refs_commits" "$refs"

export DEVDASH_CACHE_DIR=$bench_dir/cache
"$build/tests/bench/devdash_bench" --runs "$runs" \
    --demo "$bench_dir/demo" \
    --history "$bench_dir/history" \
    --first-screen "$bench_dir/big" \
    --refs "$bench_dir/refs" \
    --memory "$bench_dir/history"

# DORA metrics over 5 years of daily deployments, 100,000 commits (deploy).
dora_commits=${BENCH_DORA_COMMITS:-100000}
if [[ ! -x $build/tests/bench/bench_dora ]]; then
    cmake --build "$build" -j2 --target bench_dora
fi
make_repo dora "$dora_commits" 0
"$build/tests/bench/bench_dora" --runs "$runs" --repo "$bench_dir/dora" --store "$bench_dir/dora-store.sqlite"

# The Overview of the demo, window start-up to fully drawn (issue 6: <= 300 ms).
[[ -x $build/tests/bench/bench_overview ]] || cmake --build "$build" -j2 --target bench_overview
QT_QPA_PLATFORM=offscreen "$build/tests/bench/bench_overview" --runs 7

# CI polling (issue 4): 20 repositories polled for a simulated hour against a loopback server.
[[ -x $build/tests/bench/devdash_bench_ci_polling ]] || cmake --build "$build" -j2 --target devdash_bench_ci_polling
"$build/tests/bench/devdash_bench_ci_polling"

# Schema inspection (issue 5): 5,000 tables on PostgreSQL and MariaDB vs pg_dump / mysqldump (schema-core).
[[ -x $build/tests/bench/bench_schema && -x $build/app/devdash ]] || cmake --build "$build" -j2 --target bench_schema devdash
"$build/tests/bench/bench_schema" --devdash "$build/app/devdash" --runs "${BENCH_SCHEMA_RUNS:-3}" --dir "$bench_dir/schema"
