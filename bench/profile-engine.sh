#!/usr/bin/env bash
# In-process engine throughput (no Maven around the linter): cold first run, JIT-warm runs, and per statement kind
# cost of the analysis. Uses the corpus of bench/run.sh (generated if missing).
#   bench/profile-engine.sh [lint-iterations=5] [extra JVM options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
iterations="${1:-5}"; shift || true
migrations="target/bench-corpus/src/main/resources/db/migration"
if [ ! -d "$migrations" ]; then
  python3 bench/gen_corpus.py --out target/bench-corpus >/dev/null
fi
./mvnw -o -q -B test-compile
./mvnw -o -q -B org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
  -Dmdep.outputFile=target/bench-results/classpath.txt -Dmdep.includeScope=runtime >/dev/null
exec java "$@" -cp "target/test-classes:target/classes:$(cat target/bench-results/classpath.txt)" \
  io.github.migrationguard.bench.LintThroughput "$migrations" "$iterations"
