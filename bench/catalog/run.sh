#!/usr/bin/env bash
# detect-drift catalog benchmark: reading a 5,000-table / 50,000-column catalog against pg_dump --schema-only.
# See bench/catalog/README.md.
#   bench/catalog/run.sh [--tables N] [--small-tables N] [--reps N] [--no-build] [--explain] [--keep]
#                        [--java-opts "OPTS"] [--classpath-prefix DIR]
# Connection: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD if needed.
# Exit code: 0 targets met, 1 a target missed, 2 could not measure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bench/catalog"
tables=5000
small_tables=50
reps=3
build=1
explain=0
keep=0
java_opts=""
cp_prefix=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tables) tables="$2"; shift 2 ;;
    --small-tables) small_tables="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --explain) explain=1; shift ;;
    --keep) keep=1; shift ;;
    --java-opts) java_opts="$2"; shift 2 ;;
    --classpath-prefix) cp_prefix="$(cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$tables$small_tables$reps" in *[!0-9]*) echo "run.sh: --tables, --small-tables and --reps take numbers" >&2; exit 2 ;; esac
[ "$reps" -ge 1 ] && [ "$tables" -ge 1 ] && [ "$small_tables" -ge 1 ] || { echo "run.sh: numbers must be positive" >&2; exit 2; }

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
out="$root/target/bench-catalog"
mkdir -p "$out"
log() { echo "[catalog-bench] $*" >&2; }
die() { echo "[catalog-bench] $*" >&2; exit 2; }

for tool in psql pg_dump createdb dropdb java python3; do
  command -v "$tool" >/dev/null || die "$tool is not on the PATH"
done
server_num="$(psql -X -At -d postgres -c 'show server_version_num')" || die "cannot connect to $PGHOST:$PGPORT as $PGUSER"
server_version="$(psql -X -At -d postgres -c 'show server_version')"
server_major=$((server_num / 10000))
dump_version="$(pg_dump --version)"
dump_major="$(echo "$dump_version" | sed -E 's/^[^0-9]*([0-9]+).*/\1/')"
[ "$dump_major" -ge "$server_major" ] || die "$dump_version cannot dump a PostgreSQL $server_major server"
[ "$dump_major" -eq "$server_major" ] || log "warning: $dump_version against a PostgreSQL $server_major server"

cd "$root"
cp_file="$out/classpath.txt"
if [ "$build" = 1 ] || [ ! -s "$cp_file" ] || [ ! -f target/test-classes/io/github/migrationguard/bench/CatalogBenchmark.class ]; then
  log "compiling (./mvnw -o -q test-compile) and resolving the class path ..."
  ./mvnw -o -q -B test-compile
  ./mvnw -o -q -B org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null
fi
classpath="${cp_prefix:+$cp_prefix:}target/test-classes:target/classes:$(cat "$cp_file")"
[ -z "$cp_prefix" ] || log "classes from $cp_prefix come first on the class path"
[ -z "$java_opts" ] || log "JVM options: $java_opts"

stamp="$(date +%Y%m%d_%H%M%S)_$$"
big="mg_bench_catalog_${stamp}"
small="mg_bench_catalog_${stamp}_small"
cleanup() {
  if [ "$keep" = 1 ]; then
    log "kept databases $big and $small (--keep); drop them with: dropdb $big; dropdb $small"
    return
  fi
  dropdb --if-exists --force "$big" 2>/dev/null || log "could not drop $big"
  dropdb --if-exists --force "$small" 2>/dev/null || log "could not drop $small"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

generate() { # db tables views
  createdb "$1"
  python3 "$here/gen_catalog.py" --tables "$2" --views "$3" | psql -X -q -v ON_ERROR_STOP=1 -d "$1" >/dev/null
}
now() { echo "${EPOCHREALTIME/./}"; } # microseconds
log "creating $big ($tables tables) and $small ($small_tables tables) ..."
t0=$(now)
generate "$big" "$tables" 20
t1=$(now)
generate "$small" "$small_tables" 5
counts="$(psql -X -At -F ' ' -d "$big" -c "select count(distinct c.oid), count(*) from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace join pg_catalog.pg_attribute a on a.attrelid = c.oid
  where c.relkind = 'r' and a.attnum > 0 and not a.attisdropped and n.nspname in ('public', 'app1', 'app2', 'app3')
  and c.relname <> 'flyway_schema_history'")"
log "generated $big in $(( (t1 - t0) / 1000 )) ms: tables and columns: $counts"

ours() { # db [extra args] -> prints the RESULT line with procMillis= (whole java process) in front
  local s e line
  s=$(now)
  # shellcheck disable=SC2086 # the options are split on purpose
  line="$(java $java_opts -cp "$classpath" io.github.migrationguard.bench.CatalogBenchmark \
    "jdbc:postgresql://$PGHOST:$PGPORT/$1" --user "$PGUSER" "${@:2}")" \
    || die "CatalogBenchmark failed on $1"
  e=$(now)
  printf '%s\n' "$line" >>"$out/ours.log"
  printf 'procMillis=%s %s\n' "$(( (e - s) / 1000 ))" "$(printf '%s\n' "$line" | sed -n 's/^RESULT //p')"
}
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
dump() { # db; sets dump_ms
  local s e
  s=$(now)
  pg_dump --schema-only -d "$1" -f /dev/null 2>"$out/pg_dump.err" || { cat "$out/pg_dump.err" >&2; die "pg_dump failed"; }
  e=$(now)
  dump_ms=$(( (e - s) / 1000 ))
}
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else printf "%.1f\n", (v[NR/2]+v[NR/2+1])/2}'; }
secs() { awk -v ms="$1" 'BEGIN {printf "%.2f s", ms/1000}'; }

: >"$out/ours.log"
log "warm-up: one read, one pg_dump ..."
ours "$big" >/dev/null
dump "$big"
read_list=(); proc_list=(); dump_list=(); tcpu_list=(); pcpu_list=(); queries=""
for r in $(seq 1 "$reps"); do
  result="$(ours "$big")"
  read_list+=("$(field "$result" readMillis)")
  proc_list+=("$(field "$result" procMillis)")
  tcpu_list+=("$(field "$result" readThreadCpuMillis)")
  pcpu_list+=("$(field "$result" readProcessCpuMillis)")
  queries="$(field "$result" queryCount)"
  dump "$big"
  dump_list+=("$dump_ms")
  log "run $r/$reps: read $(field "$result" readMillis) ms (java process $(field "$result" procMillis) ms, $queries queries), pg_dump $dump_ms ms"
done
small_result="$(ours "$small")"
small_queries="$(field "$small_result" queryCount)"
model="$(echo "$result" | tr ' ' '\n' | grep -E '^(tables|columns|constraints|indexes|sequences|enums|views)=' | paste -sd' ')"

read_med="$(median "${read_list[@]}")"
proc_med="$(median "${proc_list[@]}")"
tcpu_med="$(median "${tcpu_list[@]}")"
pcpu_med="$(median "${pcpu_list[@]}")"
dump_med="$(median "${dump_list[@]}")"
verdict() { awk -v a="$1" -v b="$2" 'BEGIN {print (a < b) ? "PASS" : "FAIL"}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
read_verdict="$(verdict "$read_med" "$dump_med")"
proc_verdict="$(verdict "$proc_med" "$dump_med")"
count_verdict=FAIL; [ "$queries" = "$small_queries" ] && count_verdict=PASS
load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"

{
echo
echo "detect-drift catalog inspection vs pg_dump --schema-only"
echo "  database: $tables tables ($model)"
echo "  $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(java -version 2>&1 | head -1), PostgreSQL $server_version, $dump_version"
echo "  $reps timed runs each after one warm-up, medians; runs alternate between the two tools"
[ -z "$java_opts$cp_prefix" ] || echo "  JVM options: ${java_opts:-none}; class path prefix: ${cp_prefix:-none}"
echo
printf '  %-44s %10s   %s\n' "measure" "median" "runs (ms)"
printf '  %-44s %10s   %s\n' "CatalogReader.read (CatalogRead.elapsed)" "$(secs "$read_med")" "${read_list[*]}"
printf '  %-44s %10s   %s\n' "  CPU of the reading thread during the read" "$(secs "$tcpu_med")" "${tcpu_list[*]}"
printf '  %-44s %10s   %s\n' "  CPU of the whole JVM during the read" "$(secs "$pcpu_med")" "${pcpu_list[*]}"
printf '  %-44s %10s   %s\n' "java process, JVM start to exit" "$(secs "$proc_med")" "${proc_list[*]}"
printf '  %-44s %10s   %s\n' "pg_dump --schema-only process" "$(secs "$dump_med")" "${dump_list[*]}"
echo
printf '  %-44s %10s   %s\n' "read / pg_dump" "$(ratio "$read_med" "$dump_med")" "$read_verdict (read < pg_dump)"
printf '  %-44s %10s   %s\n' "java process / pg_dump" "$(ratio "$proc_med" "$dump_med")" "$proc_verdict (whole process < pg_dump)"
printf '  %-44s %10s   %s\n' "queries at $tables tables / $small_tables tables" "$queries / $small_queries" "$count_verdict (does not grow)"
echo
echo "  load average at the end: $load"
} | tee "$out/results.txt"

if [ "$explain" = 1 ]; then
  log "tracing one more read and explaining its queries ..."
  java $java_opts -cp "$classpath" io.github.migrationguard.bench.CatalogBenchmark "jdbc:postgresql://$PGHOST:$PGPORT/$big" \
    --user "$PGUSER" --reads 2 --trace "$out/queries.sql" | grep -v '^RESULT'
  python3 "$here/explain_queries.py" "$big" "$out/queries.sql" --runs 3 --plans "$out/plans.txt"
  python3 "$here/explain_queries.py" "$big" "$out/queries.sql" --cpu --runs 7 \
    || log "no backend CPU figures (they need a superuser and a Linux server)"
  python3 "$here/explain_queries.py" "$big" "$out/queries.sql" --cpu --runs 7 --set jit=off || true
  log "full plans: $out/plans.txt"
fi

[ "$read_verdict" = PASS ] && [ "$count_verdict" = PASS ] && exit 0
exit 1
