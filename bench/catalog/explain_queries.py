#!/usr/bin/env python3
"""Server-side cost of each catalog query: EXPLAIN (ANALYZE, BUFFERS) through psql, best of N runs.

    explain_queries.py <database> <queries.sql> [--runs 3] [--plans FILE] [--set 'jit=off']...

<queries.sql> is the file CatalogBenchmark --trace writes (one "-- query N" header per query). The connection comes
from the usual libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD). Each query runs with search_path = '' (as in
the read-only session) plus the --set settings; planning and execution times are printed, with the time the
server spent compiling the query with JIT. --plans writes the full plans of the last run of every query.
"""
import argparse
import re
import subprocess
import sys


def explain(db, query, settings):
    cmd = ["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", "set search_path = ''"]
    for s in settings:
        name, _, value = s.partition("=")
        cmd += ["-c", "set %s = '%s'" % (name.strip(), value.strip().replace("'", "''"))]
    cmd += ["-c", "explain (analyze, buffers) " + query]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("explain failed: " + r.stderr.strip())
    plan = r.stdout
    planning = float(re.search(r"Planning Time: ([\d.]+) ms", plan).group(1))
    execution = float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1))
    jit = re.search(r"Timing: .*Total ([\d.]+) ms", plan)
    return planning, execution, float(jit.group(1)) if jit else 0.0, plan


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("database")
    ap.add_argument("queries")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--plans")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    a = ap.parse_args()
    text = open(a.queries, encoding="utf-8").read()
    queries = [q.strip().rstrip(";") for q in re.split(r"^-- query \d+\n", text, flags=re.M) if q.strip()]
    plans = []
    total = 0.0
    settings = ", ".join(a.set) if a.set else "server defaults"
    print("server time per catalog query (best of %d, %s):" % (a.runs, settings))
    print("  query    plan ms    exec ms   of which JIT ms  first line")
    for i, q in enumerate(queries, 1):
        best = None
        for _ in range(a.runs):
            p, e, j, plan = explain(a.database, q, a.set)
            if best is None or p + e < best[0] + best[1]:
                best = (p, e, j, plan)
        total += best[0] + best[1]
        head = re.sub(r"\s+", " ", q)
        at = head.find(" from pg_catalog.pg_")
        head = head[at + 1:at + 60] if at >= 0 else head[:59]
        print("  %5d %10.1f %10.1f %17.1f  %s" % (i, best[0], best[1], best[2], head))
        plans.append("-- query %d\n%s\n\n%s\n" % (i, q, best[3]))
    print("  total %10.1f ms (planning + execution)" % total)
    if a.plans:
        with open(a.plans, "w", encoding="utf-8") as f:
            f.write("\n".join(plans))


if __name__ == "__main__":
    main()
