#!/usr/bin/env bash
# Print the body of the Nth fenced shell code block (```sh, ```bash or ```shell) of README.md.
# .ci/run runs block 2 (the test command), so README and CI can never disagree.
#   scripts/readme-command.sh N        (README path can be overridden with README=path)
# Exits 1 with a message on stderr if README.md or the block is missing or the block is empty.
set -euo pipefail

n="${1:-}"
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 N   (N >= 1: which fenced sh/bash/shell block of README.md)" >&2; exit 2; }
readme="${README:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/README.md}"
[[ -f $readme ]] || { echo "readme-command: $readme not found" >&2; exit 1; }

# A block opens with a line like ```sh / ```bash / ```shell (optionally indented, optionally
# followed by attributes such as ```sh title="x") and closes with the next line of just ```.
body="$(awk -v want="$n" '
  !inblock && /^[ \t]*```[ \t]*(sh|bash|shell)([ \t{].*)?[ \t]*$/ { count++; inblock = 1; next }
  inblock && /^[ \t]*```[ \t]*$/ { inblock = 0; if (count == want) exit; next }
  inblock && count == want { print }
' "$readme")"

if [[ -z ${body//[[:space:]]/} ]]; then
  found="$(grep -cE '^[[:space:]]*```[[:space:]]*(sh|bash|shell)([[:space:]{].*)?$' "$readme" || true)"
  echo "readme-command: $readme has no non-empty fenced sh/bash/shell code block number $n (found $found such blocks)" >&2
  exit 1
fi
printf '%s\n' "$body"
