#!/usr/bin/env bash
# DevDash's single entry point on Debian 12: installs the packages that are missing,
# configures and builds into ./build (Ninja, ccache, RelWithDebInfo), then runs or tests.
#
#   installer/devdash.sh run [ARGS...]   build and start DevDash with ARGS (default: --demo)
#   installer/devdash.sh test            build and run every test suite (headless)
#   installer/devdash.sh build           install what is missing and build, nothing else
#   installer/devdash.sh package         build, then make the .deb and .tar.gz in build/packages
#
# Environment: BUILD_DIR (default build), JOBS (default 2), BUILD_TYPE (default Release),
# DEVDASH_XVFB=1 to run the window under a virtual X server when there is no display
# (same as `run --xvfb ...`).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-2}
BUILD_TYPE=${BUILD_TYPE:-Release} # no debug info: the suite builds and links in about half the time
PACKAGES=(
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev
    libqt6sql6-sqlite libqt6sql6-psql libqt6sql6-mysql
    libgit2-dev qtkeychain-qt6-dev libzip-dev libxkbcommon-dev xvfb xauth
    ccache ninja-build cmake g++ pkg-config git fonts-dejavu-core qt6-qpa-plugins dbus-x11 gnome-keyring
    dbus-daemon
    libsqlite3-dev libpq-dev postgresql
    python3-pytest libgtest-dev clang-14 libclang-rt-14-dev
    python3-alembic python3-django sqitch libdbd-sqlite3-perl
    mariadb-server mariadb-client
    openjdk-17-jre-headless
    unixodbc odbcinst libqt6sql6-odbc libsqliteodbc odbc-postgresql odbc-mariadb
)

say() { echo "devdash: $*" >&2; }

install_missing_packages() {
    if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
        say "this script installs dependencies with apt-get (Debian 12); install these yourself: ${PACKAGES[*]}"
        return
    fi
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || missing+=("$p")
    done
    # Node.js and npm: the tests install the real report writers (jest-junit,
    # mocha-junit-reporter), Liquibase and knex with npm. A Node.js from elsewhere
    # (NodeSource) brings its own npm and conflicts with Debian's: keep it.
    command -v npm >/dev/null || missing+=(nodejs npm)
    [[ ${#missing[@]} -eq 0 ]] && return
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        if ! command -v sudo >/dev/null; then
            say "missing packages: ${missing[*]}"
            say "run this script as root, or install sudo, or install them: apt-get install ${missing[*]}"
            exit 1
        fi
        sudo=(sudo)
    fi
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

configure_and_build() {
    if [[ -f $BUILD_DIR/CMakeCache.txt ]] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$BUILD_DIR/CMakeCache.txt"; then
        say "$BUILD_DIR was configured with another generator: remove it or set BUILD_DIR to another folder"
        exit 1
    fi
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
    cmake --build "$BUILD_DIR" -j "$JOBS"
}

has_display() { [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ]]; }

run_app() {
    local xvfb=${DEVDASH_XVFB:-0}
    if [[ ${1:-} == --xvfb ]]; then
        xvfb=1
        shift
    fi
    local args=("$@")
    [[ ${#args[@]} -eq 0 ]] && args=(--demo)
    local app=$BUILD_DIR/app/devdash
    if has_display; then
        exec "$app" "${args[@]}"
    elif [[ $xvfb == 1 ]]; then
        say "no display: running under a virtual X server (xvfb-run); nothing will be visible"
        exec xvfb-run -a -s '-screen 0 1280x800x24' "$app" "${args[@]}"
    elif [[ ${args[0]} != -* ]]; then
        # A command (branches, history, screenshot…) is headless: no screen needed.
        QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} exec "$app" "${args[@]}"
    else
        say "no display: DISPLAY (and WAYLAND_DISPLAY) is not set, so the window cannot open."
        say "Run this in a desktop session (or ssh -X), use 'installer/devdash.sh run --xvfb ${args[*]}' for a"
        say "virtual X server, or the headless commands: $app --help"
        exit 1
    fi
}

run_tests() {
    export QT_QPA_PLATFORM=offscreen
    local ctest=(ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS")
    # Keychain tests need a Secret Service: a private D-Bus session with an unlocked
    # gnome-keyring, gone when the tests end.
    if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
        dbus-run-session -- sh -c 'eval "$(printf devdash | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null; export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK; exec "$@"' sh "${ctest[@]}"
    else
        "${ctest[@]}"
    fi
    # A short fuzzing run of every parser of outside input (libFuzzer needs clang):
    # FUZZ_SECONDS per target, 9 targets.
    if command -v clang++-14 >/dev/null; then
        tests/fuzz/run-fuzz.sh "${FUZZ_SECONDS:-15}" "$BUILD_DIR/fuzz"
    fi
}

command=${1:-}
[[ $# -gt 0 ]] && shift
case $command in
run)
    install_missing_packages
    configure_and_build
    run_app "$@"
    ;;
test)
    install_missing_packages
    configure_and_build
    run_tests
    ;;
build)
    install_missing_packages
    configure_and_build
    ;;
package)
    install_missing_packages
    configure_and_build
    (cd "$BUILD_DIR" && cpack -B packages)
    ;;
*)
    echo "usage: installer/devdash.sh run [--xvfb] [ARGS...] | test | build | package" >&2
    exit 2
    ;;
esac
