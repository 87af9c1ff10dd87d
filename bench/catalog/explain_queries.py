#!/usr/bin/env python3
"""Server-side cost of each catalog query, by EXPLAIN ANALYZE or by the backend's own CPU time.

    explain_queries.py <database> <queries.sql> [--runs 3] [--plans FILE] [--set NAME=VALUE]...
    explain_queries.py <database> <queries.sql> --cpu [--runs 7] [--set NAME=VALUE]...

<queries.sql> is the file CatalogBenchmark --trace writes (one "-- query N" header per query). The connection comes
from the usual libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD). Each query runs with search_path = '' (as in
the read-only session) plus the --set settings.

Default mode: EXPLAIN (ANALYZE, BUFFERS) through psql, best of --runs; prints planning and execution time and the
time the server spent compiling the query with JIT. --plans writes the full plans of the best run of every query.
These are wall times of the server: on a busy machine they include time the backend waited for a CPU.

--cpu: runs every query for real (rows discarded) in one session and prints the CPU time the backend process
used, read from /proc/self/schedstat through pg_read_file before and after, median of --runs. Much less sensitive
to other load than wall times. Needs a Linux server on this host's kernel view (any Linux server works: the file
is read by the backend itself) and a superuser or a member of pg_read_server_files. Parallel workers are switched
off (max_parallel_workers_per_gather = 0) because their CPU would not be counted, and because the reader fetches
rows in batches, which makes PostgreSQL run the query without workers anyway.
"""
import argparse
import re
import statistics
import subprocess
import sys


def psql(db, script):
    r = subprocess.run(["psql", "-X", "-At", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], input=script,
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("psql failed: " + r.stderr.strip())
    return r.stdout


def settings_sql(settings):
    out = ["set search_path = '';"]
    for s in settings:
        name, _, value = s.partition("=")
        out.append("set %s = '%s';" % (name.strip(), value.strip().replace("'", "''")))
    return "\n".join(out) + "\n"


def explain(db, query, settings):
    plan = psql(db, settings_sql(settings) + "explain (analyze, buffers) " + query + ";\n")
    planning = float(re.search(r"Planning Time: ([\d.]+) ms", plan).group(1))
    execution = float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1))
    jit = re.search(r"Timing: .*Total ([\d.]+) ms", plan)
    return planning, execution, float(jit.group(1)) if jit else 0.0, plan


CPU_NOW = "select pg_catalog.split_part(pg_catalog.pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint"


def backend_cpu(db, queries, settings, runs):
    """CPU milliseconds of the backend per query and run: [[run1, run2, ...], ...]."""
    script = [settings_sql(settings + ["max_parallel_workers_per_gather=0"])]
    for run in range(runs + 1):  # the first round warms the caches and is not counted
        for i, q in enumerate(queries):
            script.append(CPU_NOW + " as c0 \\gset\n\\o /dev/null\n" + q + ";\n\\o\n")
            script.append("select 'cpu %d %d ' || ((%s) - :c0);\n" % (run, i, CPU_NOW))
    out = psql(db, "".join(script))
    result = [[] for _ in queries]
    for line in out.splitlines():
        m = re.match(r"cpu (\d+) (\d+) (\d+)$", line)
        if m and int(m.group(1)) > 0:
            result[int(m.group(2))].append(int(m.group(3)) / 1e6)
    return result


def head_of(q):
    head = re.sub(r"\s+", " ", q)
    at = head.find(" from pg_catalog.pg_")
    return head[at + 1:at + 60] if at >= 0 else head[:59]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("database")
    ap.add_argument("queries")
    ap.add_argument("--runs", type=int)
    ap.add_argument("--plans")
    ap.add_argument("--cpu", action="store_true")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    a = ap.parse_args()
    text = open(a.queries, encoding="utf-8").read()
    queries = [q.strip().rstrip(";") for q in re.split(r"^-- query \d+\n", text, flags=re.M) if q.strip()]
    settings = ", ".join(a.set) if a.set else "server defaults"
    if a.cpu:
        runs = a.runs or 7
        cpu = backend_cpu(a.database, queries, a.set, runs)
        print("backend CPU per catalog query (median of %d, %s, no parallel workers):" % (runs, settings))
        print("  query     CPU ms   first line")
        total = 0.0
        for i, q in enumerate(queries, 1):
            m = statistics.median(cpu[i - 1])
            total += m
            print("  %5d %10.1f   %s" % (i, m, head_of(q)))
        print("  total %10.1f ms" % total)
        return
    runs = a.runs or 3
    plans = []
    total = 0.0
    print("server time per catalog query (best of %d, %s):" % (runs, settings))
    print("  query    plan ms    exec ms   of which JIT ms  first line")
    for i, q in enumerate(queries, 1):
        best = None
        for _ in range(runs):
            p, e, j, plan = explain(a.database, q, a.set)
            if best is None or p + e < best[0] + best[1]:
                best = (p, e, j, plan)
        total += best[0] + best[1]
        print("  %5d %10.1f %10.1f %17.1f  %s" % (i, best[0], best[1], best[2], head_of(q)))
        plans.append("-- query %d\n%s\n\n%s\n" % (i, q, best[3]))
    print("  total %10.1f ms (planning + execution)" % total)
    if a.plans:
        with open(a.plans, "w", encoding="utf-8") as f:
            f.write("\n".join(plans))


if __name__ == "__main__":
    main()
