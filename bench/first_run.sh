#!/usr/bin/env bash
# Time a first `make run`: a fresh clone, an empty pip cache and no cached native llama.cpp
# build, until the app answers HTTP (its first page redirects to the sign-in page).
#
# Usage: bench/first_run.sh [REPO] [WORK]   (defaults: this checkout, /tmp/fresh)
# ../shared is copied beside the clone. Prints "first page after N s"; the app and the
# background compile keep running (the compile's log: WORK/main/data/logs/native-llama-build.log).
set -u
repo="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
work="${2:-/tmp/fresh}"
rm -rf "$work" && mkdir -p "$work"
start=$(date +%s)
git clone -q "$repo" "$work/main" && cp -r "$repo/../shared" "$work/shared"
cd "$work/main" || exit 1
export PIP_CACHE_DIR="$work/pipcache" COACH_WHEEL_CACHE="$work/wheels" COACH_PORT=7991
setsid make run >"$work/run.log" 2>&1 &
echo $! >"$work/make.pid"
while true; do
  code=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:7991/ || true)
  now=$(date +%s)
  case "$code" in
    200|303) echo "first page after $((now - start)) s (HTTP $code)"; break ;;
  esac
  if [ $((now - start)) -gt 1800 ]; then echo "no page after $((now - start)) s"; exit 1; fi
  sleep 2
done
