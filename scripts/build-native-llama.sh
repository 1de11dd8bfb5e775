#!/usr/bin/env bash
# Rebuild the embedded model runtime (xllamacpp, i.e. llama.cpp) for this machine's CPU.
#
# Why: the prebuilt xllamacpp wheel is a generic AVX2 build. Compiled for the CPU it runs on
# (AVX-512, VNNI), the same model reads prompts about 1.46x faster on 2 cores, which is what the
# first word of every answer waits for (docs/benchmarks.md, "Native llama.cpp build").
#
# - The build takes about 6 minutes on 2 cores, once: the wheel is cached under
#   ~/.cache/flipside/wheels, keyed by xllamacpp version and the CPU's feature flags, so a clean
#   clone on the same machine reinstalls it in seconds and another CPU never gets it.
# - AMX stays off: llama.cpp's AMX kernels crash on Q4_K_M models on some Sapphire Rapids
#   machines, this one included (ggml-org/llama.cpp#20824).
# - Network-only parts of the source build are off: BoringSSL (HTTPS) and llguidance are fetched
#   from the internet; the local server needs neither.
# - After installing, `coach llm check` must load the model and answer. If the build, the install
#   or that check fails, the prebuilt wheel is put back: a slower model, never a broken one.
# - COACH_NATIVE_LLAMA=0 skips all of this and keeps the prebuilt wheel.
# - --background (what `make install` and `make run` use): when no wheel for this CPU is cached
#   yet, the compile starts in the background (log: data/logs/native-llama-build.log) and the
#   app starts at once on the prebuilt wheel; the next `make run` installs the finished wheel in
#   seconds. Without it the compile runs in the foreground (`make native`).
#
# Usage: scripts/build-native-llama.sh [--background | --build-only] [VENV]   (default .venv)
set -uo pipefail
cd "$(dirname "$0")/.."
mode=foreground
case "${1:-}" in
  --background) mode=background; shift ;;
  --build-only) mode=build-only; shift ;;
esac
venv="${1:-.venv}"
py="$venv/bin/python"
log() { echo "build-native-llama: $*" >&2; }

if [ "${COACH_NATIVE_LLAMA:-1}" = 0 ]; then
  log "COACH_NATIVE_LLAMA=0: keeping the prebuilt xllamacpp wheel"
  exit 0
fi
if [ ! -r /proc/cpuinfo ] || [ "$(uname -m)" != x86_64 ]; then
  log "not an x86-64 Linux machine: keeping the prebuilt xllamacpp wheel"
  exit 0
fi
for tool in cmake g++ make; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    log "no $tool: keeping the prebuilt (slower) xllamacpp wheel; install cmake and g++ to build it"
    exit 0
  fi
done

version="$("$py" -c 'from importlib.metadata import version; print(version("xllamacpp"))')"
flags="$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | sort | tr '\n' ' ')"
key="$(printf '%s' "$flags" | sha256sum | cut -c1-12)"
cache="${COACH_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/flipside/wheels}/xllamacpp-$version-$key"
marker="$venv/.xllamacpp-native"

if [ "$(cat "$marker" 2>/dev/null)" = "$version-$key" ]; then
  exit 0  # already installed for this CPU
fi

wheel="$(ls "$cache"/xllamacpp-*.whl 2>/dev/null | head -n1)"
if [ -z "$wheel" ] && [ "$mode" = background ]; then
  mkdir -p data/logs "$(dirname "$cache")"
  # one compile at a time, per CPU key: a second start while it runs leaves it alone. The lock
  # is taken here and handed to the compile (fd 9), so no second start slips in between.
  exec 9>"$cache.lock"
  if flock -n 9; then
    log "compiling xllamacpp $version for this CPU in the background (log: data/logs/native-llama-build.log); the app starts now on the prebuilt wheel, and the next \`make run\` uses the faster build"
    NATIVE_LOCK_HELD=1 setsid nohup "$0" --build-only "$venv" >data/logs/native-llama-build.log 2>&1 &
  else
    log "the compile for this CPU is still running in the background; the prebuilt wheel is used until it is done"
  fi
  exit 0
fi
if [ -z "$wheel" ]; then
  mkdir -p "$(dirname "$cache")"
  if [ "${NATIVE_LOCK_HELD:-0}" != 1 ]; then  # else the background start handed us its lock
    exec 9>"$cache.lock"
    flock 9  # a background compile may be running: wait for it rather than compile twice
  fi
  wheel="$(ls "$cache"/xllamacpp-*.whl 2>/dev/null | head -n1)"
fi
if [ -z "$wheel" ]; then
  log "compiling xllamacpp $version for this CPU (about 6 minutes on 2 cores, once)"
  build="$(mktemp -d)"
  amx_off="-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"
  if CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
     CMAKE_ARGS="-DLLAMA_BUILD_BORINGSSL=OFF -DLLAMA_LLGUIDANCE=OFF -DGGML_CCACHE=OFF -DCMAKE_C_FLAGS='$amx_off' -DCMAKE_CXX_FLAGS='$amx_off'" \
     "$venv/bin/pip" wheel --quiet --no-cache-dir --no-deps --no-binary xllamacpp \
       "xllamacpp==$version" -w "$build" >"$build/log" 2>&1; then
    mkdir -p "$cache"
    mv "$build"/xllamacpp-*.whl "$cache"/
    wheel="$(ls "$cache"/xllamacpp-*.whl | head -n1)"
    rm -rf "$build"
  else
    log "the build failed (log: $build/log); keeping the prebuilt xllamacpp wheel"
    exit 0
  fi
fi
if [ "$mode" = build-only ]; then
  log "built $wheel; the next \`make run\` (or \`make native\`) installs it"
  exit 0
fi

restore_prebuilt() {
  log "$1; putting the prebuilt xllamacpp wheel back"
  rm -f "$marker"
  "$venv/bin/pip" install --quiet --no-deps --force-reinstall --only-binary :all: \
    "xllamacpp==$version" >&2
}

if ! "$venv/bin/pip" install --quiet --no-deps --force-reinstall "$wheel" >&2; then
  restore_prebuilt "installing $wheel failed"
  exit 0
fi
if ! "$venv/bin/coach" llm check >&2; then
  restore_prebuilt "the native build did not answer \`coach llm check\`"
  exit 0
fi
echo "$version-$key" >"$marker"
log "installed xllamacpp $version built for this CPU"
