#!/usr/bin/env bash
# In-process engine throughput (no Maven around the linter): cold first run, JIT-warm runs, and per statement kind
# cost of the analysis. Uses the corpus of bench/run.sh (generated if missing).
#   bench/profile-engine.sh [runs=5] [--without-jsqlparser] [JVM options...]
# --without-jsqlparser swaps in a parser that parses nothing: the cost of everything else (a lower bound).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${1:-5}"; shift || true
mode=()
if [ "${1:-}" = "--without-jsqlparser" ]; then mode=(--without-jsqlparser); shift; fi
migrations="target/bench-corpus/src/main/resources/db/migration"
if [ ! -d "$migrations" ]; then
  python3 bench/gen_corpus.py --out target/bench-corpus >/dev/null
fi
mkdir -p target/bench-results
./mvnw -o -q -B test-compile
if ! ./mvnw -o -q -B org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
    -Dmdep.outputFile=target/bench-results/classpath.txt -Dmdep.includeScope=runtime >/dev/null; then
  echo "[bench] cannot print the class path: maven-dependency-plugin 3.7.0 must be in the local repository" >&2
  exit 2
fi
exec java "$@" -cp "target/test-classes:target/classes:$(cat target/bench-results/classpath.txt)" \
  io.github.migrationguard.bench.LintThroughput "$migrations" "$runs" "${mode[@]}"
