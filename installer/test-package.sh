#!/usr/bin/env bash
# The .deb on a clean Debian 12: run on demand (not in CI), as root, with the Debian
# package repositories reachable.
#
#   installer/test-package.sh [--refresh] [DEB]
#
# 1. Builds the package (installer/devdash.sh package) unless DEB is given.
# 2. Makes a clean Debian 12 root with Debian's own tools (debootstrap --variant=minbase
#    from $DEBIAN_MIRROR), cached in $DEVDASH_PACKAGE_TEST_DIR between runs (--refresh
#    makes it again); every run works on a fresh copy of it.
# 3. Installs the .deb there with apt, which takes its dependencies from the repository,
#    without Recommends (so Depends alone must be enough), and checks that no build tool
#    came with it.
# 4. Inside the root: devdash --version, --help, an unknown command (exit 2), the man page,
#    the bash completion, the copyright file, `devdash screenshot --demo --page overview`
#    offscreen (the PNG is kept beside the cache), then `devdash --demo` under xvfb-run
#    for 10 seconds: it must still be running, not crashed, and have drawn the window
#    (the virtual screen is kept as window.png beside the cache).
#
# How long (measured on 2 busy cores): about 2 minutes with the root cached (a fresh copy
# 5-40 s, apt installing the .deb and its ~130 dependencies 1 min, the checks 30 s); the
# first run, or --refresh, adds 1-3 minutes of debootstrap (4 min 45 s in all). Building
# the package comes on top: a full build, a few minutes with a warm ccache, 30+ without.
#
# Environment: DEVDASH_PACKAGE_TEST_DIR (default /var/tmp/devdash-package-test; never inside
# the repository), DEBIAN_MIRROR (default http://deb.debian.org/debian), DEBIAN_SECURITY
# (default http://deb.debian.org/debian-security), BUILD_DIR (as installer/devdash.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=${DEVDASH_PACKAGE_TEST_DIR:-/var/tmp/devdash-package-test}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY=${DEBIAN_SECURITY:-http://deb.debian.org/debian-security}
BUILD_DIR=${BUILD_DIR:-build}
PRISTINE=$DIR/bookworm
ROOT=$DIR/run
started=$SECONDS

say() { echo "test-package: $*" >&2; }
fail() {
    say "FAILED: $*"
    exit 1
}
step() { say "[$((SECONDS - started)) s] $*"; }

if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || fail "run as root (debootstrap and chroot need it)"
    exec sudo --preserve-env=DEVDASH_PACKAGE_TEST_DIR,DEBIAN_MIRROR,DEBIAN_SECURITY,BUILD_DIR "$0" "$@"
fi

refresh=0
deb=
for arg in "$@"; do
    case $arg in
    --refresh) refresh=1 ;;
    -h | --help)
        sed -n '2,27p' "$0"
        exit 0
        ;;
    *) deb=$arg ;;
    esac
done
case $(realpath -m "$DIR")/ in
"$(realpath .)"/*) fail "DEVDASH_PACKAGE_TEST_DIR must be outside the repository" ;;
esac

# 1. The package.
if [[ -z $deb ]]; then
    step "building the package (installer/devdash.sh package)"
    installer/devdash.sh package
    deb=$(ls -t "$BUILD_DIR"/packages/devdash_*_amd64.deb | head -n 1)
fi
[[ -f $deb ]] || fail "no package at '$deb'"
deb=$(realpath "$deb")
version=$(dpkg-deb --field "$deb" Version)
step "testing $deb (version $version)"
say "Depends: $(dpkg-deb --field "$deb" Depends)"

# Nothing may stay running or mounted in the work root: it is deleted at the next run.
unmount_all() {
    local m p
    for p in /proc/[0-9]*; do
        [[ $(readlink "$p/root" 2>/dev/null) == "$ROOT" ]] && kill -9 "${p#/proc/}" 2>/dev/null
    done
    for m in $(findmnt -rn -o TARGET | grep -F "$ROOT/" | sort -r); do
        umount "$m" 2>/dev/null || umount -l "$m"
    done
}
trap unmount_all EXIT

# 2. The clean root, cached; a fresh copy each run.
if [[ $refresh == 1 ]]; then
    rm -rf "$PRISTINE"
fi
if [[ ! -x $PRISTINE/usr/bin/apt-get ]]; then
    command -v debootstrap >/dev/null || apt-get install -y -q debootstrap
    step "making a clean Debian 12 root with debootstrap (about a minute)"
    rm -rf "$PRISTINE.tmp"
    mkdir -p "$DIR"
    debootstrap --variant=minbase bookworm "$PRISTINE.tmp" "$MIRROR" >"$DIR/debootstrap.log" 2>&1 \
        || fail "debootstrap failed: see $DIR/debootstrap.log"
    mv "$PRISTINE.tmp" "$PRISTINE"
fi
# What a Debian 12 machine's apt reads: the release, its updates and security.
cat >"$PRISTINE/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECURITY bookworm-security main
EOF
unmount_all
rm -rf "$ROOT"
step "copying the clean root"
cp -a "$PRISTINE" "$ROOT"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
mount -t proc proc "$ROOT/proc"
in_root() { chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

# 3. apt installs the .deb and what it depends on, from the repository only.
step "apt-get install ./$(basename "$deb") (dependencies from $MIRROR)"
cp "$deb" "$ROOT/tmp/"
in_root apt-get update -q >"$DIR/apt.log" 2>&1 || fail "apt-get update failed: see $DIR/apt.log"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "/tmp/$(basename "$deb")" >>"$DIR/apt.log" 2>&1 || fail "the package does not install: see $DIR/apt.log"
say "$(grep -E '^[0-9]+ upgraded, [0-9]+ newly installed' "$DIR/apt.log")"
build_tools=$(in_root dpkg-query -W -f '${Package}\n' | grep -E '^(gcc|g\+\+|cpp|make|cmake|ninja-build|clang.*|.*-dev)$' || true)
[[ -z $build_tools ]] || fail "installing the package brought build tools: $build_tools"

# 4. It starts, and says what it is.
step "checks inside the root"
out=$(in_root devdash --version) || fail "devdash --version failed"
[[ $out == "DevDash ${version%%-*}" ]] || fail "devdash --version said '$out', not 'DevDash $version'"
help=$(in_root devdash --help) || fail "devdash --help failed"
for command in branches log tests pipelines schema migrations deployments dora screenshot help; do
    grep -qE "^ +$command " <<<"$help" || fail "devdash --help does not list $command"
done
set +e
unknown=$(in_root devdash frobnicate 2>&1)
code=$?
set -e
[[ $code == 2 && $unknown == *"unknown command 'frobnicate'"* ]] \
    || fail "devdash frobnicate exited $code: $unknown"
in_root sh -c 'gzip -dc /usr/share/man/man1/devdash.1.gz | grep -q "^\.TH DEVDASH 1"' \
    || fail "no devdash(1) in /usr/share/man/man1"
[[ -f $ROOT/usr/share/zsh/vendor-completions/_devdash ]] || fail "no zsh completion"
completed=$(in_root bash -c 'source /usr/share/bash-completion/completions/devdash;
    COMP_WORDS=(devdash sc); COMP_CWORD=1; _devdash; echo "${COMPREPLY[*]}"')
[[ $completed == "schema screenshot" ]] || fail "bash completion of 'devdash sc' gave '$completed'"
grep -q '^License: MIT$' "$ROOT/usr/share/doc/devdash/copyright" || fail "the copyright file does not say MIT"

in_root sh -c 'cd /tmp && QT_QPA_PLATFORM=offscreen devdash screenshot --demo --page overview --out /tmp/overview.png' \
    >"$DIR/screenshot.log" 2>&1 || fail "devdash screenshot --demo failed: $(cat "$DIR/screenshot.log")"
size=$(stat -c %s "$ROOT/tmp/overview.png")
((size > 20000)) || fail "the overview screenshot is only $size bytes"
cp "$ROOT/tmp/overview.png" "$DIR/overview.png"
say "the demo's overview, rendered in the root: $DIR/overview.png ($size bytes)"

# The window itself, on a virtual X server (the test's tools come after the package's
# check above, so they cannot have supplied a missing dependency).
step "devdash --demo under xvfb-run"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends xvfb xauth \
    >>"$DIR/apt.log" 2>&1 || fail "cannot install xvfb in the root: see $DIR/apt.log"
set +e
# Xvfb keeps its screen in a file (-fbdir); a copy of it after 8 s is what a user would see.
in_root sh -c 'mkdir -p /tmp/xvfb && cd /tmp && (sleep 8; cp /tmp/xvfb/Xvfb_screen0 /tmp/window.xwd) &
    timeout -k 5 10 xvfb-run -a -s "-screen 0 1280x800x24 -fbdir /tmp/xvfb" devdash --demo; code=$?; wait; exit $code' \
    >"$DIR/window.log" 2>&1
code=$?
set -e
# 124: still running when timeout stopped it, i.e. the window was up.
[[ $code == 124 ]] || fail "devdash --demo exited with $code within 10 s: $(tail -n 20 "$DIR/window.log")"
[[ -s $ROOT/tmp/window.xwd ]] || fail "no copy of the virtual screen"
if command -v python3 >/dev/null; then
    # The screen as PNG, and how many colours it has: an empty X screen has one.
    colours=$(python3 - "$ROOT/tmp/window.xwd" "$DIR/window.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
h = struct.unpack('>25I', data[:100])  # XWD header: size, version, format, depth, width, height, ...
size, width, height, lsb_first, bytes_per_line, ncolours = h[0], h[4], h[5], h[7] == 0, h[12], h[19]
pixels = data[size + 12 * ncolours:]
rows, seen = [], set()
for y in range(height):
    line = pixels[y * bytes_per_line:y * bytes_per_line + width * 4]
    row = bytearray(b'\0')
    for x in range(0, width * 4, 4):
        rgb = bytes((line[x + 2], line[x + 1], line[x])) if lsb_first else line[x + 1:x + 4]
        row += rgb
        seen.add(rgb)
    rows.append(bytes(row))
def chunk(kind, body):
    return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body))
open(sys.argv[2], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(b''.join(rows))) + chunk(b'IEND', b''))
print(len(seen))
PY
    )
    ((colours > 100)) || fail "the window's screen has $colours colours: nothing drawn"
    say "the window on the virtual screen: $DIR/window.png ($colours colours)"
fi

unmount_all
step "passed: the package installs on a clean Debian 12 and starts"
