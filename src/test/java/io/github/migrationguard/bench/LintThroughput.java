package io.github.migrationguard.bench;

import io.github.migrationguard.lint.LintReport;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.lint.Linter;
import io.github.migrationguard.sql.SourceText;
import io.github.migrationguard.sql.SplitResult;
import io.github.migrationguard.sql.SqlStatement;
import io.github.migrationguard.sql.StatementSplitter;
import io.github.migrationguard.sql.analysis.AnalyzedStatement;
import io.github.migrationguard.sql.analysis.StatementAnalyzer;
import io.github.migrationguard.sql.ParseOutcome;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * In-process throughput of the lint engine, without Maven: where a cold {@code validate-safe} run spends its time.
 *
 * <p>Run by {@code bench/profile-engine.sh}. Prints
 * <ol>
 *   <li>{@code Linter.lint} over the whole corpus, no cache, several times in one JVM: the first run is the cold
 *       figure (class loading and JIT warm-up included), later runs show the steady state;</li>
 *   <li>with the JIT warm, single-threaded: time to split all files, then time to analyse the statements by
 *       statement kind (count, how many JSqlParser parsed, total and per-statement cost).</li>
 * </ol>
 * Not a test: it asserts nothing and is never run by surefire (no {@code Test} in its name).
 */
public final class LintThroughput {

    private LintThroughput() {
    }

    /**
     * An analyzer whose parser always answers "not parsed", built through the package-private constructor: what the
     * engine costs without JSqlParser. Benchmark use only; the engine never runs like this.
     */
    private static StatementAnalyzer analyzerWithoutParser() throws ReflectiveOperationException {
        Constructor<StatementAnalyzer> c = StatementAnalyzer.class.getDeclaredConstructor(Function.class);
        c.setAccessible(true);
        Function<String, ParseOutcome> off = sql -> ParseOutcome.failure("parser switched off for the benchmark");
        return c.newInstance(off);
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LintThroughput <migrations-dir> [lint-iterations=5] [--without-jsqlparser]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath().normalize();
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean withoutParser = args.length > 2 && args[2].equals("--without-jsqlparser");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        System.out.printf("engine throughput: %d files in %s, %d CPUs, %s%s%n", files.size(), dir,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                withoutParser ? "; JSqlParser SWITCHED OFF (lower bound: splitter, scanner, classifier, rules)" : "");

        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("  before the first run: JVM up %,d ms, CPU %,d ms, JIT %,d ms%n",
                ManagementFactory.getRuntimeMXBean().getUptime(), os.getProcessCpuTime() / 1_000_000,
                jit.getTotalCompilationTime());
        for (int i = 1; i <= iterations; i++) {
            long cpu0 = os.getProcessCpuTime();
            long jit0 = jit.getTotalCompilationTime();
            long gc0 = gcMillis();
            long t0 = System.nanoTime();
            Linter linter = new Linter(LintSettings.defaults());
            if (withoutParser) {
                Field field = Linter.class.getDeclaredField("analyzer");
                field.setAccessible(true);
                field.set(linter, analyzerWithoutParser());
            }
            long t1 = System.nanoTime();
            LintReport report = linter.lint(dir, files, null, "bench");
            long t2 = System.nanoTime();
            System.out.printf("  lint run %d: %,d ms (elapsedMillis %,d; Linter setup %,d ms), %,d statements, "
                            + "%,.0f statements/s, %,.1f MB/s, %d findings%n",
                    i, (t2 - t0) / 1_000_000, report.elapsedMillis(), (t1 - t0) / 1_000_000, report.statements(),
                    report.statements() / ((t2 - t1) / 1e9), report.bytes() / 1e6 / ((t2 - t1) / 1e9),
                    report.findings().size());
            System.out.printf("      process CPU %,d ms, JIT compiler threads %,d ms, GC %,d ms%n",
                    (os.getProcessCpuTime() - cpu0) / 1_000_000, jit.getTotalCompilationTime() - jit0,
                    gcMillis() - gc0);
        }

        List<String> texts = new ArrayList<>(files.size());
        long bytes = 0;
        for (Path f : files) {
            byte[] content = Files.readAllBytes(f);
            bytes += content.length;
            texts.add(SourceText.decode(content).text());
        }
        // split, twice; the second pass is reported
        List<SplitResult> splits = new ArrayList<>();
        long splitNanos = 0;
        for (int pass = 0; pass < 2; pass++) {
            splits.clear();
            long t0 = System.nanoTime();
            for (String text : texts) {
                splits.add(StatementSplitter.split(text));
            }
            splitNanos = System.nanoTime() - t0;
        }
        int statements = splits.stream().mapToInt(s -> s.statements().size()).sum();
        System.out.printf("%n  single thread, JIT warm:%n  split: %,d ms for %,d statements (%,.0f statements/s, "
                + "%,.1f MB/s)%n", splitNanos / 1_000_000, statements, statements / (splitNanos / 1e9),
                bytes / 1e6 / (splitNanos / 1e9));

        StatementAnalyzer analyzer = withoutParser ? analyzerWithoutParser() : new StatementAnalyzer();
        Map<String, long[]> byKind = new TreeMap<>(); // kind -> {count, parsed, nanos}
        long analyzeNanos = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            for (SqlStatement st : splits.get(i).statements()) {
                long t0 = System.nanoTime();
                AnalyzedStatement a = analyzer.analyze(st, text);
                long dt = System.nanoTime() - t0;
                analyzeNanos += dt;
                long[] v = byKind.computeIfAbsent(a.kind(), k -> new long[3]);
                v[0]++;
                v[1] += a.parsed() ? 1 : 0;
                v[2] += dt;
            }
        }
        System.out.printf("  analyse (classifier + destructive scanner + JSqlParser): %,d ms (%,.0f statements/s)%n",
                analyzeNanos / 1_000_000, statements / (analyzeNanos / 1e9));
        System.out.printf("  %-28s %9s %9s %10s %8s %7s%n", "kind", "count", "parsed", "total ms", "us/stmt", "share");
        final long total = analyzeNanos;
        byKind.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[2]).reversed())
                .forEach(e -> {
                    long[] v = e.getValue();
                    System.out.printf("  %-28s %,9d %,9d %,10d %,8.1f %6.1f%%%n", e.getKey(), v[0], v[1],
                            v[2] / 1_000_000, v[2] / 1e3 / v[0], 100.0 * v[2] / total);
                });
    }
}
