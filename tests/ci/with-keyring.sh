#!/bin/sh
# Runs a test inside its own D-Bus session with an unlocked gnome-keyring (Secret
# Service), as on a desktop; without those tools the test runs as is and checks the
# "no keychain" path instead. Headless, qtkeychain finds no Secret Service without this
# and fails with "Unknown error".
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
    export DEVDASH_TEST_KEYRING=1
    # The daemon keeps its control socket and keyrings under these; they must exist.
    for dir in "${XDG_CACHE_HOME:-}" "${XDG_DATA_HOME:-}" "${XDG_CONFIG_HOME:-}"; do
        [ -n "$dir" ] && mkdir -p "$dir"
    done
    exec dbus-run-session -- sh -c 'eval "$(printf devdash-test | gnome-keyring-daemon --unlock --components=secrets)"; export GNOME_KEYRING_CONTROL; "$@"' keyring "$@"
fi
exec "$@"
