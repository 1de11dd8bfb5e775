#!/usr/bin/env bash
# Make Debian's chromium available for the browser tests (tests/e2e). Idempotent.
#
# Playwright's own browser download needs the internet; Debian's package comes from the apt
# mirror. As root it runs apt-get directly, otherwise through `sudo -n` (no password prompt).
# Without either it says what to run and exits 1: under CI=true the e2e tests then fail loudly.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
log() { echo "install-chromium: $*" >&2; }
if [ "$(id -u)" = 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo -n)
else
  log "chromium is missing; install it with: sudo apt-get install -y chromium"
  exit 1
fi
log "installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get install -y -qq --no-install-recommends chromium >&2 \
  || { "${run[@]}" apt-get update -qq >&2 \
       && "${run[@]}" apt-get install -y -qq --no-install-recommends chromium >&2; }
command -v chromium >/dev/null
