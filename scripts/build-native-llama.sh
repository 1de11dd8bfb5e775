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
#
# Usage: scripts/build-native-llama.sh [VENV]   (default .venv)
set -uo pipefail
cd "$(dirname "$0")/.."
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
