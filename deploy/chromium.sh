#!/usr/bin/env bash
# Makes sure a Chromium is there for the web desk's browser tests: the binary CHROMIUM_PATH names,
# or Debian's chromium package, installed with apt-get when missing (as root, once).
set -euo pipefail

log() { echo "[chromium] $*" >&2; }
die() { log "$*"; exit 1; }

found() {
  [[ -n "${CHROMIUM_PATH:-}" && -x "${CHROMIUM_PATH}" ]] && return 0
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1
}

found && exit 0
[[ $EUID -eq 0 ]] || die "Chromium not found: install Debian's chromium package (or your system's), or set CHROMIUM_PATH"
command -v apt-get >/dev/null 2>&1 || die "Chromium not found and no apt-get to install it; set CHROMIUM_PATH"
# One install at a time: the store's PostgreSQL may be installing too.
if command -v flock >/dev/null 2>&1; then
  exec 7>"${TMPDIR:-/tmp}/handoff-chromium-install.lock"
  flock -w 900 7 || die "could not lock the Chromium install"
  found && exit 0
fi
log "installing chromium with apt-get (once)"
apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)
if ! "${apt[@]}" install -y chromium >&2; then
  log "apt-get install failed; updating the package lists and trying again"
  "${apt[@]}" update >&2 || die "apt-get update failed"
  "${apt[@]}" install -y chromium >&2 || die "apt-get install chromium failed"
fi
found || die "chromium installed, but no chromium binary on PATH"
log "ready: $(command -v chromium || command -v chromium-browser)"
