#!/usr/bin/env python3
"""validate-safe benchmark driver (run it through bench/run.sh).

Steps:
  1. build and install the plugin into a private local repository (target/bench-repo, chained to ~/.m2 for the
     dependencies) unless the installed jar is newer than src/main and pom.xml;
  2. generate the corpus project into target/bench-corpus (bench/gen_corpus.py, seeded);
  3. run squawk on all files, --reps times, whole-process wall time, median;
  4. run the validate-safe goal --reps times cold (target/ of the corpus deleted first, so no cache) and warm (the
     same goal again, unchanged files), reading elapsedMillis from target/migration-guard/validate-safe.json;
  5. print a table and PASS/FAIL against the targets:
       (a) our cold elapsedMillis <= squawk whole-process time,
       (b) our warm elapsedMillis <= 10% of our cold elapsedMillis.
Results also go to target/bench-results/results.json. Exit code: 0 both targets met, 1 a target missed,
2 the harness could not measure (build failure, squawk syntax errors, missing report ...).
"""

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
TARGET = os.path.join(ROOT, "target")
CORPUS = os.path.join(TARGET, "bench-corpus")
RESULTS = os.path.join(TARGET, "bench-results")
REPO = os.path.join(TARGET, "bench-repo")
M2 = os.path.join(os.path.expanduser("~"), ".m2", "repository")
GROUP, ARTIFACT = "io.github.migrationguard", "migration-guard-maven-plugin"
SQUAWK_NATIVE = os.path.join(BENCH, "node_modules", "@squawk-cli", "linux-x64", "bin", "squawk")
SQUAWK_JS = os.path.join(BENCH, "node_modules", ".bin", "squawk")


class HarnessError(Exception):
    pass


def log(msg):
    print("[bench] " + msg, file=sys.stderr, flush=True)


def maven_cmd(offline=True):
    cmd = [os.path.join(ROOT, "mvnw"), "-B", "-Dmaven.repo.local=" + REPO, "-Dmaven.repo.local.tail=" + M2,
           "-Dstyle.color=never"]
    if offline:
        cmd.append("-o")
    return cmd


def project_version():
    # the first <version> after <artifactId>migration-guard-maven-plugin</artifactId> in pom.xml
    with open(os.path.join(ROOT, "pom.xml"), encoding="utf-8") as f:
        pom = f.read()
    start = pom.index("<artifactId>%s</artifactId>" % ARTIFACT)
    v0 = pom.index("<version>", start) + len("<version>")
    return pom[v0:pom.index("</version>", v0)].strip()


def newest_mtime(paths):
    newest = 0.0
    for p in paths:
        if os.path.isfile(p):
            newest = max(newest, os.path.getmtime(p))
        for d, _, files in os.walk(p):
            for name in files:
                newest = max(newest, os.path.getmtime(os.path.join(d, name)))
    return newest


def build(version, force):
    jar = os.path.join(REPO, *GROUP.split("."), ARTIFACT, version, "%s-%s.jar" % (ARTIFACT, version))
    sources = [os.path.join(ROOT, "pom.xml"), os.path.join(ROOT, "src", "main")]
    if not force and os.path.isfile(jar) and os.path.getmtime(jar) >= newest_mtime(sources):
        log("plugin %s is installed and up to date (%s)" % (version, os.path.relpath(jar, ROOT)))
        return
    log("building and installing the plugin into %s ..." % os.path.relpath(REPO, ROOT))
    cmd = maven_cmd() + ["-q", "install", "-DskipTests", "-Dinvoker.skip"]
    r = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout[-6000:])
        raise HarnessError("plugin build failed (exit %d): %s" % (r.returncode, " ".join(cmd)))
    if not os.path.isfile(jar):
        raise HarnessError("build succeeded but %s is missing" % jar)


def generate(args, version):
    cmd = [sys.executable, os.path.join(BENCH, "gen_corpus.py"), "--out", CORPUS, "--files", str(args.files),
           "--statements", str(args.statements), "--seed", str(args.seed), "--plugin-version", version]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise HarnessError("corpus generation failed")
    corpus = json.loads(r.stdout)
    log("corpus: %(files)d files, %(statements)d statements, %(bytes)d bytes, %(unsafeStatements)d unsafe" % corpus)
    return corpus


def corpus_files(corpus):
    d = os.path.join(CORPUS, corpus["migrations"])
    return sorted(os.path.join(corpus["migrations"], n) for n in os.listdir(d) if n.endswith(".sql"))


CPU_MILLIS = {}  # label -> CPU time (user + system) of the last timed process tree, ms


def timed(cmd, cwd, env=None, stdout_path=None, label=None):
    """Wall time in ms, exit code and stderr of cmd; its CPU time lands in CPU_MILLIS[label]."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    try:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter_ns()
        r = subprocess.run(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.PIPE)
        t1 = time.perf_counter_ns()
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        if stdout_path:
            out.close()
    if label:
        CPU_MILLIS[label] = 1000.0 * ((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
    return (t1 - t0) / 1e6, r.returncode, r.stderr.decode("utf-8", "replace")


def run_squawk(args, corpus):
    exe = SQUAWK_NATIVE if os.path.isfile(SQUAWK_NATIVE) else SQUAWK_JS
    if not os.path.isfile(exe):
        raise HarnessError("squawk is not installed; run: npm install --prefix bench")
    version = subprocess.run([exe, "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
    files = corpus_files(corpus)
    out = os.path.join(RESULTS, "squawk.json")
    times, cpu = [], []
    for i in range(args.reps):
        ms, rc, err = timed([exe, "--reporter", "json"] + files, CORPUS, stdout_path=out, label="squawk")
        if rc not in (0, 1):  # 1 = violations found
            raise HarnessError("squawk exited %d: %s" % (rc, err[-2000:]))
        times.append(ms)
        cpu.append(CPU_MILLIS["squawk"])
        log("squawk run %d: %.0f ms (CPU %.0f ms)" % (i + 1, ms, cpu[-1]))
    with open(out, encoding="utf-8") as f:
        violations = json.load(f)
    syntax = [v for v in violations if v.get("rule_name") == "syntax-error"]
    if syntax:
        v = syntax[0]
        raise HarnessError("squawk reports %d syntax errors, e.g. %s:%s: %s; fix the generator"
                           % (len(syntax), v["file"], v["line"], v["message"]))
    by_rule = {}
    for v in violations:
        by_rule[v["rule_name"]] = by_rule.get(v["rule_name"], 0) + 1
    return {"version": version, "executable": os.path.relpath(exe, ROOT), "runsMillis": times,
            "medianMillis": statistics.median(times), "cpuMillis": cpu, "violations": len(violations),
            "filesWithViolations": len({v["file"] for v in violations}), "byRule": by_rule}


def run_goal(args, version, label, extra_opts=""):
    goal = "%s:%s:%s:validate-safe" % (GROUP, ARTIFACT, version)
    cmd = maven_cmd() + ["-f", os.path.join(CORPUS, "pom.xml"), goal,
                         "-DmigrationGuard.failOn=never",
                         "-DmigrationGuard.locations=src/main/resources/db/migration"]
    env = dict(os.environ)
    extra_opts = (args.maven_opts + " " + extra_opts).strip()
    if extra_opts:
        env["MAVEN_OPTS"] = (env.get("MAVEN_OPTS", "") + " " + extra_opts).strip()
    report = os.path.join(CORPUS, "target", "migration-guard", "validate-safe.json")
    if os.path.exists(report):
        os.remove(report)
    logfile = os.path.join(RESULTS, "maven-%s.log" % label)
    ms, rc, err = timed(cmd, CORPUS, env=env, stdout_path=logfile, label=label)
    if rc != 0:
        with open(logfile, encoding="utf-8", errors="replace") as f:
            tail = f.read()[-4000:]
        raise HarnessError("validate-safe (%s) exited %d; see %s\n%s%s" % (label, rc, logfile, tail, err[-2000:]))
    if not os.path.isfile(report):
        raise HarnessError("validate-safe (%s) wrote no %s" % (label, report))
    with open(report, encoding="utf-8") as f:
        rep = json.load(f)
    shutil.copyfile(report, os.path.join(RESULTS, "validate-safe-%s.json" % label))
    summary = ""
    with open(logfile, encoding="utf-8", errors="replace") as f:
        for line in f:
            if "migration-guard:" in line and "statements" in line:
                summary = line.strip()
    findings = rep.get("findings", [])
    by_rule = {}
    for x in findings:
        by_rule[x.get("ruleId")] = by_rule.get(x.get("ruleId"), 0) + 1
    return {"processMillis": ms, "processCpuMillis": CPU_MILLIS[label], "elapsedMillis": rep["elapsedMillis"], "files": rep["files"],
            "statements": rep["statements"], "bytes": rep["bytes"], "findings": len(findings),
            "byRule": by_rule, "summaryLine": summary}


def fmt_rate(n, ms):
    return n / (ms / 1000.0) if ms > 0 else float("inf")


def main():
    p = argparse.ArgumentParser(description="validate-safe speed vs squawk, cold and warm")
    p.add_argument("--files", type=int, default=1200)
    p.add_argument("--statements", type=int, default=100, help="mean statements per file")
    p.add_argument("--seed", type=int, default=20240601)
    p.add_argument("--reps", type=int, default=3, help="repetitions of each measurement (median is reported)")
    p.add_argument("--no-build", action="store_true", help="use the installed plugin as it is")
    p.add_argument("--rebuild", action="store_true", help="build and install even when the jar looks current")
    p.add_argument("--maven-opts", default="",
                   help="extra JVM options for the Maven runs of the goal, e.g. -XX:TieredStopAtLevel=1")
    p.add_argument("--profile", action="store_true",
                   help="one extra cold and warm run with JFR recordings; prints the hottest methods")
    args = p.parse_args()

    os.makedirs(RESULTS, exist_ok=True)
    version = project_version()
    if not args.no_build:
        build(version, args.rebuild)
    corpus = generate(args, version)
    if corpus["files"] < 1000 or corpus["statements"] < 100000:
        log("note: corpus is below the 1,000 files / 100,000 statements the targets are defined for")
    squawk = run_squawk(args, corpus)

    cold, warm = [], []
    for i in range(args.reps):
        shutil.rmtree(os.path.join(CORPUS, "target"), ignore_errors=True)  # no cache: cold
        c = run_goal(args, version, "cold")
        w = run_goal(args, version, "warm")
        log("validate-safe run %d: cold %d ms (process %.0f ms, CPU %.0f ms), warm %d ms (process %.0f ms, CPU %.0f ms)"
            % (i + 1, c["elapsedMillis"], c["processMillis"], c["processCpuMillis"], w["elapsedMillis"],
               w["processMillis"], w["processCpuMillis"]))
        cold.append(c)
        warm.append(w)

    profiles = []
    if args.profile:
        shutil.rmtree(os.path.join(CORPUS, "target"), ignore_errors=True)
        for label in ("cold", "warm"):
            jfr = os.path.join(RESULTS, "%s.jfr" % label)
            if os.path.exists(jfr):
                os.remove(jfr)
            c = run_goal(args, version, "profile-" + label,
                         "-XX:FlightRecorderOptions:stackdepth=1024 "
                         "-XX:StartFlightRecording=filename=%s,settings=profile,dumponexit=true" % jfr)
            log("profiled %s run: %d ms (recording %s)" % (label, c["elapsedMillis"], os.path.relpath(jfr, ROOT)))
            profiles.append(jfr)

    med = statistics.median
    cold_ms = med([c["elapsedMillis"] for c in cold])
    warm_ms = med([w["elapsedMillis"] for w in warm])
    cold_proc = med([c["processMillis"] for c in cold])
    warm_proc = med([w["processMillis"] for w in warm])
    sq_ms = squawk["medianMillis"]
    st = cold[0]["statements"]
    mb = cold[0]["bytes"] / 1e6
    ratio = warm_ms / cold_ms if cold_ms else float("inf")
    pass_a = cold_ms <= sq_ms
    pass_b = ratio <= 0.10

    mismatch = []
    if cold[0]["files"] != corpus["files"]:
        mismatch.append("files: generated %d, validate-safe %d" % (corpus["files"], cold[0]["files"]))
    if st != corpus["statements"]:
        mismatch.append("statements: generated %d, validate-safe %d" % (corpus["statements"], st))
    if any(w["statements"] != st or w["files"] != cold[0]["files"] for w in warm):
        mismatch.append("warm runs report other totals than the cold run")

    jdk = subprocess.run(["java", "-version"], stderr=subprocess.PIPE, text=True).stderr.splitlines()
    env = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "cpus": os.cpu_count(),
           "machine": platform.machine(), "kernel": platform.release(), "jdk": jdk[1] if len(jdk) > 1 else "",
           "pluginVersion": version, "mavenOpts": args.maven_opts, "loadAverageAtEnd": os.getloadavg()}

    rows = [
        ("corpus", "%d files, %d statements (generator: %d), %.1f MB, %d unsafe statements"
         % (cold[0]["files"], st, corpus["statements"], mb, corpus["unsafeStatements"])),
        ("squawk %s" % squawk["version"].replace("squawk ", ""),
         "%.2f s whole process, %.0f statements/s, %.1f MB/s; %d violations in %d files"
         % (sq_ms / 1000, fmt_rate(st, sq_ms), fmt_rate(mb, sq_ms), squawk["violations"],
            squawk["filesWithViolations"])),
        ("validate-safe cold", "%.2f s (elapsedMillis), %.0f statements/s, %.1f MB/s; %d findings"
         % (cold_ms / 1000, fmt_rate(st, cold_ms), fmt_rate(mb, cold_ms), cold[0]["findings"])),
        ("validate-safe warm", "%.3f s (elapsedMillis), %.0f statements/s, %.1f MB/s; warm/cold = %.1f%%"
         % (warm_ms / 1000, fmt_rate(st, warm_ms), fmt_rate(mb, warm_ms), ratio * 100)),
        ("JVM + Maven process", "cold %.2f s (CPU %.2f s), warm %.2f s (CPU %.2f s); squawk CPU %.2f s"
         % (cold_proc / 1000, med([c["processCpuMillis"] for c in cold]) / 1000, warm_proc / 1000,
            med([w["processCpuMillis"] for w in warm]) / 1000, med(squawk["cpuMillis"]) / 1000)),
        ("(a) cold <= squawk", "%s: %.2f s vs %.2f s" % ("PASS" if pass_a else "FAIL", cold_ms / 1000, sq_ms / 1000)),
        ("(b) warm <= 10% cold", "%s: %.1f%%" % ("PASS" if pass_b else "FAIL", ratio * 100)),
    ]
    width = max(len(r[0]) for r in rows)
    print()
    print("validate-safe benchmark  %s  %d CPUs  %s  load %.1f  (median of %d runs)"
          % (env["date"], env["cpus"], env["jdk"], env["loadAverageAtEnd"][0], args.reps))
    for k, v in rows:
        print("  %-*s  %s" % (width, k, v))
    if args.maven_opts:
        print("  note: Maven runs used extra JVM options: " + args.maven_opts)
    for m in mismatch:
        print("  warning: " + m)
    print("  runs (ms): squawk %s | cold %s | warm %s"
          % ([round(t) for t in squawk["runsMillis"]], [c["elapsedMillis"] for c in cold],
             [w["elapsedMillis"] for w in warm]))

    results = {"environment": env, "corpus": corpus, "squawk": squawk, "cold": cold, "warm": warm,
               "medians": {"squawkMillis": sq_ms, "coldMillis": cold_ms, "warmMillis": warm_ms,
                           "coldProcessMillis": cold_proc, "warmProcessMillis": warm_proc},
               "targets": {"coldNotSlowerThanSquawk": pass_a, "warmAtMostTenPercentOfCold": pass_b},
               "warnings": mismatch}
    with open(os.path.join(RESULTS, "results.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    print("  details: %s" % os.path.relpath(os.path.join(RESULTS, "results.json"), ROOT))

    for jfr in profiles:
        print()
        subprocess.run([sys.executable, os.path.join(BENCH, "jfr_top.py"), jfr])
    return 0 if pass_a and pass_b else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except HarnessError as e:
        log("error: %s" % e)
        sys.exit(2)
