#!/usr/bin/env bash
# reconcile at scale: N migrations applied by real Flyway, the history emptied, then a reconcile dry run and apply.
#   bench/reconcile/run.sh [N ...]        (default: 100 500 1000)
#   ALTER_EVERY=K bench/reconcile/run.sh  every K-th migration only alters the previous table (judged by its change)
# Connection: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres); the user may CREATE DATABASE.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 500 1000)
out="$root/target/bench-reconcile"
mkdir -p "$out"
./mvnw -o -q -B test-compile
./mvnw -o -q -B org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
  -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=test >/dev/null
classpath="target/test-classes:target/classes:$(cat "$out/classpath.txt")"
for n in "${sizes[@]}"; do
  db="mg_bench_reconcile_test_$n"
  dropdb --if-exists "$db"
  createdb "$db"
  java -cp "$classpath" io.github.migrationguard.bench.ReconcileBenchmark \
    "jdbc:postgresql://$PGHOST:$PGPORT/$db?user=$PGUSER" "$n" "${ALTER_EVERY:-0}" 2>/dev/null | grep '^RESULT'
  dropdb "$db"
done
