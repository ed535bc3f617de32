#!/usr/bin/env bash
# Builds llama.cpp's OpenAI-compatible server (PyPI llama-cpp-python[server], which compiles
# llama.cpp: about 25 minutes on two cores) into a venv outside the clone, once per machine, and
# writes the tiny test model beside it. A second run finds both and takes a second or two.
# Prints the venv's python and the two model paths: PYTHON=..., MODEL=..., MODEL_ENDLESS=...
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
llama_version=0.3.36
gguf_version=0.19.0
cache="${GPTLAB_INTEROP_CACHE:-$HOME/.cache/gptlab-interop}"
venv="$cache/llama-cpp-python-$llama_version"
version="$(sha256sum "$here/write-tiny-model.py" | cut -c1-12)"
model="$cache/tiny-llama-$version.gguf"
endless="$cache/tiny-llama-endless-$version.gguf"
log() { printf '[interop %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

mkdir -p "$cache"
if [[ ! -f "$venv/.installed" ]]; then
  log "building llama-cpp-python $llama_version into $venv (compiles llama.cpp; ~25 min on 2 cores)"
  started=$SECONDS
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip >&2
  # Portable flags: no -march=native (the cache may move between machines), no OpenMP, no LLaVA.
  CMAKE_ARGS="-DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF -DGGML_OPENMP=OFF" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
    "$venv/bin/pip" install -q "llama-cpp-python[server]==$llama_version" "gguf==$gguf_version" >&2
  touch "$venv/.installed"
  log "built in $((SECONDS - started)) s"
fi
write_model() {
  [[ -f "$1" ]] && return 0
  "$venv/bin/python" "$here/write-tiny-model.py" "$1.tmp" "${@:2}"
  mv "$1.tmp" "$1"
  log "wrote $1 ($(du -h "$1" | cut -f1))"
}
write_model "$model"
write_model "$endless" --endless
echo "PYTHON=$venv/bin/python"
echo "MODEL=$model"
echo "MODEL_ENDLESS=$endless"
