#!/usr/bin/env python3
"""Summarise a JFR recording of a validate-safe run: where the sampled CPU time goes.

Usage: bench/jfr_top.py recording.jfr [--top N] [--callers METHOD-SUBSTRING]

Reads jdk.ExecutionSample events through the JDK's `jfr print` and prints
  * samples per thread,
  * samples per component: the first frame from the top of the stack that belongs to migration-guard (by class),
    JSqlParser, Jackson or Maven; otherwise JDK,
  * the hottest methods by self samples,
  * migration-guard and JSqlParser entry methods by inclusive samples (a method counted once per sample),
plus GC pause time and JIT compiler time from the recording. With --callers, prints instead the most common
stacks (8 frames) of the samples whose top frame contains the given text.
Samples are taken every 10 ms per running Java thread (the JDK's "profile" settings), so they show CPU time in
Java code; time in the JIT compiler threads and in GC is listed separately.
"""

import re
import subprocess
import sys
from collections import Counter

OURS = "io.github.migrationguard."
COMPONENTS = [("net.sf.jsqlparser.", "JSqlParser"), ("com.fasterxml.jackson.", "Jackson"),
              ("org.apache.maven.", "Maven"), ("org.codehaus.", "Maven"), ("org.eclipse.", "Maven"),
              ("com.google.inject.", "Maven"), ("org.sonatype.", "Maven")]
FRAME = re.compile(r"^\s+(\S+?)\((.*)\)(?: line: (-?\d+))?")


def method_of(frame):
    m = FRAME.match(frame)
    return m.group(1) if m else frame.strip()


def class_of(method):
    return method.rsplit(".", 1)[0]


def component(stack):
    for meth in stack:
        if meth.startswith(OURS):
            return "migration-guard " + class_of(meth)[len(OURS):]
        for prefix, name in COMPONENTS:
            if meth.startswith(prefix):
                return name
    return "JDK / other"


def samples(path):
    out = subprocess.run(["jfr", "print", "--stack-depth", "1000", "--events", "jdk.ExecutionSample", path],
                         stdout=subprocess.PIPE, text=True, check=True).stdout
    thread, stack, in_stack = None, [], False
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("sampledThread ="):
            thread = s.split("=", 1)[1].strip().split(" (")[0].strip('"')
        elif s.startswith("stackTrace = ["):
            in_stack, stack = True, []
        elif in_stack and s == "]":
            in_stack = False
            yield thread, stack
        elif in_stack and s != "...":
            stack.append(method_of(line))


UNITS_MS = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0, "min": 60000.0, "h": 3600000.0}


def to_millis(text):
    """'3.32 s', '1 m 8 s', '250 ms' -> milliseconds (None when not a duration)."""
    parts = re.findall(r"([\d.,]+)\s*(ns|us|ms|min|s|m|h)\b", text)
    if not parts:
        return None
    return sum(float(n.replace(",", "")) * UNITS_MS[u] for n, u in parts)


def durations(path, event, field):
    out = subprocess.run(["jfr", "print", "--events", event, path], stdout=subprocess.PIPE, text=True).stdout
    values = []
    for line in out.splitlines():
        s = line.strip()
        if s.startswith(field + " ="):
            v = to_millis(s.split("=", 1)[1])
            if v is not None:
                values.append(v)
    return sum(values), values


def callers(path, needle, depth, top):
    """Most common stack prefixes (top `depth` frames) of samples whose top frame contains `needle`."""
    c = Counter()
    for _, stack in samples(path):
        if stack and needle in stack[0]:
            c[" <- ".join(stack[:depth])] += 1
    return c.most_common(top)


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 20
    if "--callers" in sys.argv:
        needle = sys.argv[sys.argv.index("--callers") + 1]
        for k, c in callers(path, needle, 8, top):
            print("%6d  %s" % (c, k))
        return 0
    threads, comps, self_m, incl = Counter(), Counter(), Counter(), Counter()
    n = ours_n = 0
    for thread, stack in samples(path):
        if not stack:
            continue
        n += 1
        threads[thread] += 1
        comps[component(stack)] += 1
        self_m[stack[0]] += 1
        seen = set()
        mine = False
        for meth in stack:
            if meth.startswith(OURS):
                mine = True
            if (meth.startswith(OURS) or meth.startswith("net.sf.jsqlparser.")) and meth not in seen:
                seen.add(meth)
                incl[meth] += 1
        ours_n += mine
    if n == 0:
        print("no execution samples in %s" % path)
        return 1

    def pct(c):
        return "%5.1f%%" % (100.0 * c / n)

    print("JFR profile of %s: %d execution samples (~10 ms of CPU each), %d (%s) inside migration-guard code"
          % (path, n, ours_n, pct(ours_n).strip()))
    print("\nSamples per thread:")
    for t, c in threads.most_common(8):
        print("  %s %6d  %s" % (pct(c), c, t))
    print("\nSelf samples by component (first recognised frame from the top of the stack):")
    for k, c in comps.most_common(top):
        print("  %s %6d  %s" % (pct(c), c, k))
    print("\nHottest methods (self):")
    for k, c in self_m.most_common(top):
        print("  %s %6d  %s" % (pct(c), c, k))
    print("\nmigration-guard and JSqlParser methods (inclusive):")
    for k, c in incl.most_common(top):
        print("  %s %6d  %s" % (pct(c), c, k))
    gc_total, gcs = durations(path, "jdk.GarbageCollection", "sumOfPauses")
    print("\nGC: %d collections, %.0f ms paused in total" % (len(gcs), gc_total))
    _, jit = durations(path, "jdk.CompilerStatistics", "totalTimeSpent")
    if jit:
        print("JIT compiler: %.0f ms compiling (all compiler threads, at the last statistics sample)" % max(jit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
