#!/usr/bin/env bash
# validate-safe benchmark: speed against squawk, cold and warm. See bench/README.md.
#   bench/run.sh [--files N] [--statements N] [--reps N] [--no-build] [--rebuild] [--profile]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -x "$here/node_modules/@squawk-cli/linux-x64/bin/squawk" ] && [ ! -x "$here/node_modules/.bin/squawk" ]; then
  echo "[bench] installing squawk-cli (bench/package.json) ..." >&2
  npm install --prefix "$here" --no-audit --no-fund >&2
fi
exec python3 "$here/bench.py" "$@"
