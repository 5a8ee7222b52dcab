#!/bin/sh
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring, so keytar
# has a real Secret Service on a headless machine:
#
#   tools/with-keyring.sh npx vitest run --project integration tests/integration/keychain.test.ts
#
# The keyring lives in a temporary XDG_DATA_HOME (and a 0700 XDG_RUNTIME_DIR) that is removed
# afterwards; the developer's own keyring is never touched. It is unlocked before the command
# runs because a locked keyring makes every keychain call wait for a prompt that never appears.
# Without dbus-run-session or gnome-keyring-daemon the command runs as is (keychain tests then
# skip and say why).
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: tools/with-keyring.sh <command> [arguments...]" >&2
  exit 64
fi

if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon is not installed;" \
    "running without a keyring (apt-get install dbus gnome-keyring to get one)" >&2
  exec "$@"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/with-keyring.XXXXXX")
trap 'rm -rf "$tmp" 2>/dev/null || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$tmp/data" "$tmp/runtime"
chmod 700 "$tmp/runtime"

# A throw-away password for a throw-away keyring; handed over through the environment and
# removed from it before the command starts.
WITH_KEYRING_PASSWORD=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
export WITH_KEYRING_PASSWORD
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/runtime"

status=0
dbus-run-session -- sh -c '
  printf %s "$WITH_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || {
    echo "with-keyring: gnome-keyring-daemon could not start an unlocked keyring" >&2
    exit 70
  }
  unset WITH_KEYRING_PASSWORD
  # Wait until the daemon owns the Secret Service name (else the first keychain call could
  # D-Bus-activate a second daemon), and note its pid: the daemon outlives the session bus for a
  # moment, so it is stopped before the folder it writes into is removed.
  keyring_pid=""
  tries=0
  while [ -z "$keyring_pid" ] && [ "$tries" -lt 50 ]; do
    keyring_pid=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk "{ print \$2 }")
    [ -n "$keyring_pid" ] || sleep 0.1
    tries=$((tries + 1))
  done
  status=0
  "$@" || status=$?
  if [ -n "$keyring_pid" ]; then
    kill "$keyring_pid" 2>/dev/null || true
    tries=0
    # A zombie counts as gone: where nothing reaps orphans, kill -0 would still find it.
    while [ "$tries" -lt 50 ] && [ -r "/proc/$keyring_pid/stat" ] && ! awk "{ exit \$3 == \"Z\" ? 0 : 1 }" "/proc/$keyring_pid/stat" 2>/dev/null; do
      sleep 0.1
      tries=$((tries + 1))
    done
  fi
  exit "$status"
' with-keyring "$@" || status=$?
exit "$status"
