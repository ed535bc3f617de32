#!/usr/bin/env bash
# npm run test:interop: builds llama.cpp's server once per machine (setup-llama.sh), then runs the
# interop suite against it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
setup="$(bash tests/interop/setup-llama.sh)"
LLAMA_PYTHON="$(sed -n 's/^PYTHON=//p' <<<"$setup")"
LLAMA_MODEL="$(sed -n 's/^MODEL=//p' <<<"$setup")"
LLAMA_MODEL_ENDLESS="$(sed -n 's/^MODEL_ENDLESS=//p' <<<"$setup")"
export LLAMA_PYTHON LLAMA_MODEL LLAMA_MODEL_ENDLESS
exec npx vitest run --project interop
