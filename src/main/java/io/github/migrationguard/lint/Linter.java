package io.github.migrationguard.lint;

import io.github.migrationguard.migration.Placeholders;
import io.github.migrationguard.sql.LexProblem;
import io.github.migrationguard.sql.SourceText;
import io.github.migrationguard.sql.SplitResult;
import io.github.migrationguard.sql.SqlStatement;
import io.github.migrationguard.sql.StatementSplitter;
import io.github.migrationguard.sql.analysis.AnalyzedStatement;
import io.github.migrationguard.sql.analysis.StatementAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The lint engine: for each file, decode, substitute placeholders, split, analyse, run every active rule, then apply
 * inline acknowledgements. Files are processed in parallel; unchanged files come from the warm-run cache.
 * It returns reports and decides nothing about the build.
 */
public final class Linter {

    /** The result of linting one file. */
    public record FileOutcome(List<Finding> findings, int statements) {
    }

    /** One file's statistics and findings, as produced by a worker. */
    private record Linted(FileResult result, List<Finding> findings) {
    }

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::file)
            .thenComparingInt(Finding::line).thenComparingInt(Finding::column).thenComparing(Finding::ruleId);

    private final LintSettings settings;
    private final RuleRegistry registry;
    private final List<Rule> activeRules = new ArrayList<>();
    private final StatementAnalyzer analyzer = new StatementAnalyzer();

    public Linter(LintSettings settings) {
        this(settings, RuleRegistry.load(Linter.class.getClassLoader()));
    }

    public Linter(LintSettings settings, RuleRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        for (Rule rule : registry.rules()) {
            String id = registry.info(rule).id();
            if (!(settings.severities().containsKey(id) && settings.severities().get(id) == null)) {
                activeRules.add(rule);
            }
        }
    }

    public RuleRegistry registry() {
        return registry;
    }

    /** Text that changes whenever lint results for the same bytes could change (plugin version, settings, rules). */
    public String cacheKey(String pluginVersion) {
        StringBuilder key = new StringBuilder(pluginVersion).append('\u0000').append(settings.fingerprint());
        for (Rule rule : activeRules) {
            key.append('\u0000').append(registry.info(rule).id()).append('@').append(rule.getClass().getName());
        }
        return key.toString();
    }

    /**
     * Lints {@code files} (absolute paths) in parallel and reports paths relative to {@code baseDir}.
     *
     * @param cacheDir where the warm-run cache lives, or null for no cache
     */
    public LintReport lint(Path baseDir, List<Path> files, Path cacheDir, String pluginVersion) throws IOException {
        long started = System.nanoTime();
        LintCache cache = cacheDir == null ? LintCache.disabled() : LintCache.load(cacheDir, cacheKey(pluginVersion));
        List<FileResult> results = new ArrayList<>(files.size());
        List<Finding> findings = new ArrayList<>();
        int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "migration-guard-lint");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Linted>> futures = new ArrayList<>(files.size());
            for (Path file : files) {
                String rel = relativize(baseDir, file);
                futures.add(pool.submit(() -> lintFile(file, rel, cache)));
            }
            for (Future<Linted> future : futures) {
                Linted linted = future.get();
                results.add(linted.result());
                findings.addAll(linted.findings());
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while linting", e);
        } finally {
            pool.shutdownNow();
        }
        cache.save();
        results.sort(Comparator.comparing(FileResult::path));
        findings.sort(ORDER);
        int statements = results.stream().mapToInt(FileResult::statements).sum();
        long bytes = results.stream().mapToLong(FileResult::bytes).sum();
        long elapsed = (System.nanoTime() - started) / 1_000_000L;
        return new LintReport(List.copyOf(results), statements, bytes, elapsed, List.copyOf(findings));
    }

    private Linted lintFile(Path file, String rel, LintCache cache) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot read migration " + file + ": " + e.getMessage(), e));
        }
        String hash = LintCache.hash(rel, content);
        Optional<FileOutcome> cached = cache.get(hash);
        FileOutcome outcome;
        boolean fromCache = cached.isPresent();
        if (fromCache) {
            outcome = cached.get();
        } else {
            outcome = lintSource(rel, content);
            cache.put(hash, outcome);
        }
        return new Linted(new FileResult(rel, outcome.statements(), content.length, fromCache), outcome.findings());
    }

    static String relativize(Path baseDir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path base = baseDir.toAbsolutePath().normalize();
        Path rel = abs.startsWith(base) ? base.relativize(abs) : abs;
        return rel.toString().replace('\\', '/');
    }

    /** Lints one file's content; {@code path} is what findings name (relative, {@code /}-separated). */
    public FileOutcome lintSource(String path, byte[] content) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        SourceText original;
        FileState state;
        List<Finding> out = new ArrayList<>();
        try {
            original = SourceText.decode(content);
        } catch (SourceText.MalformedUtf8Exception e) {
            original = SourceText.of("");
            state = new FileState(path, fileName, original, original, null, List.of(), List.of(), List.of());
            out.add(engineFinding(EngineDiagnostic.REQUIRE_VALID_UTF8, path, e.line(), e.column(), e.line(),
                    e.column() + 1, "file is not valid UTF-8 at line " + e.line() + ", column " + e.column()
                            + " (byte offset " + e.byteOffset() + "); nothing in it can be checked"));
            runRules(state);
            out.addAll(state.toFindings(List.of()));
            out.sort(ORDER);
            return new FileOutcome(List.copyOf(out), 0);
        }
        Placeholders.Result subst = Placeholders.apply(original.text(), settings.placeholders());
        SourceText analysed = subst.text() == original.text() ? original : SourceText.of(subst.text());
        for (Placeholders.Missing m : subst.missing()) {
            out.add(engineFinding(EngineDiagnostic.REQUIRE_PLACEHOLDER_VALUE, path, original.line(m.start()),
                    original.column(m.start()), original.line(m.end()), original.column(m.end()),
                    "placeholder ${" + m.name() + "} has no configured value, so the SQL it produces cannot be checked"));
        }
        SplitResult split = StatementSplitter.split(analysed.text());
        List<AnalyzedStatement> statements = new ArrayList<>(split.statements().size());
        for (SqlStatement st : split.statements()) {
            statements.add(analyzer.analyze(st, analysed.text()));
        }
        state = new FileState(path, fileName, original, analysed, subst, List.copyOf(statements), split.problems(),
                split.comments());
        runRules(state);
        List<Acknowledgements.Ack> acks = Acknowledgements.parse(split.comments());
        out.addAll(state.toFindings(acks));
        out.addAll(state.acknowledgementProblems(acks));
        out.sort(ORDER);
        return new FileOutcome(List.copyOf(out), statements.size());
    }

    private void runRules(FileState state) {
        for (Rule rule : activeRules) {
            RuleInfo info = registry.info(rule);
            state.current = info;
            try {
                rule.check(state);
            } catch (RuntimeException e) {
                // a rule that crashes must not turn into a silent pass: report it at the file start
                state.report(0, 0, "rule " + info.id() + " failed on this file (" + e
                        + "); the file cannot be proven safe");
            }
        }
        state.current = null;
    }

    private Severity severityOf(String id, Severity dflt) {
        Severity s = settings.severities().get(id);
        return s != null ? s : dflt;
    }

    private Finding engineFinding(EngineDiagnostic d, String path, int line, int col, int endLine, int endCol,
                                  String message) {
        RuleDescriptor desc = d.descriptor();
        return new Finding(path, line, col, endLine, endCol, d.id(), desc.severity(), message, desc.safeAlternative(),
                desc.docsUrl(), false, null);
    }

    /** A raw finding in analysed-text offsets. */
    private record Raw(RuleInfo info, int start, int end, String message, String safeAlternative) {
    }

    /** Per-file rule context; also collects raw findings. One instance per file, used by one thread. */
    private final class FileState implements RuleContext {
        private final String path;
        private final String fileName;
        private final SourceText original;
        private final SourceText analysed;
        private final Placeholders.Result subst;
        private final List<AnalyzedStatement> statements;
        private final List<LexProblem> problems;
        private final List<io.github.migrationguard.sql.Token> comments;
        private final List<Raw> raws = new ArrayList<>();
        private RuleInfo current;

        FileState(String path, String fileName, SourceText original, SourceText analysed, Placeholders.Result subst,
                  List<AnalyzedStatement> statements, List<LexProblem> problems,
                  List<io.github.migrationguard.sql.Token> comments) {
            this.path = path;
            this.fileName = fileName;
            this.original = original;
            this.analysed = analysed;
            this.subst = subst;
            this.statements = statements;
            this.problems = problems;
            this.comments = comments;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String fileName() {
            return fileName;
        }

        @Override
        public SourceText source() {
            return analysed;
        }

        @Override
        public List<AnalyzedStatement> statements() {
            return statements;
        }

        @Override
        public List<LexProblem> lexProblems() {
            return problems;
        }

        @Override
        public LintSettings settings() {
            return settings;
        }

        @Override
        public void report(int start, int end, String message) {
            report(start, end, message, current.safeAlternative());
        }

        @Override
        public void report(int start, int end, String message, String safeAlternative) {
            if (current == null) {
                throw new IllegalStateException("report() called outside a rule check");
            }
            int s = Math.max(0, Math.min(start, analysed.length()));
            int e = Math.max(s, Math.min(end, analysed.length()));
            raws.add(new Raw(current, s, e, message, safeAlternative));
        }

        private int toOriginal(int offset) {
            return subst == null ? offset : subst.toOriginal(offset);
        }

        /** Statement span (analysed offsets) an acknowledgement comment applies to, or null. */
        private int[] targetOf(Acknowledgements.Ack ack) {
            for (AnalyzedStatement st : statements) {
                SqlStatement s = st.statement();
                int end = s.tokens().isEmpty() ? s.end() : Math.max(s.end(), s.tokens().get(s.tokens().size() - 1).end());
                if (ack.start() >= s.start() && ack.start() < end) {
                    return new int[] {s.start(), end};
                }
                if (s.start() >= ack.end()) {
                    return new int[] {s.start(), end};
                }
            }
            return null;
        }

        private boolean usable(Acknowledgements.Ack ack) {
            return Acknowledgements.isDirective(ack.directive()) && ack.reason() != null;
        }

        List<Finding> toFindings(List<Acknowledgements.Ack> acks) {
            List<Finding> result = new ArrayList<>(raws.size());
            used.clear();
            for (Raw raw : raws) {
                String id = raw.info().id();
                Finding f = toFinding(raw);
                for (int i = 0; i < acks.size(); i++) {
                    Acknowledgements.Ack ack = acks.get(i);
                    if (!usable(ack) || !ack.ids().contains(id)) {
                        continue;
                    }
                    boolean covers;
                    if (ack.fileWide()) {
                        covers = true;
                    } else {
                        int[] target = targetOf(ack);
                        covers = target != null && raw.start() >= target[0] && raw.start() < target[1];
                    }
                    if (covers) {
                        used.add(i + ":" + id);
                        if (!f.acknowledged()) {
                            f = f.acknowledge(ack.reason());
                        }
                    }
                }
                result.add(f);
            }
            return result;
        }

        private final Set<String> used = new HashSet<>();

        List<Finding> acknowledgementProblems(List<Acknowledgements.Ack> acks) {
            List<Finding> result = new ArrayList<>();
            for (int i = 0; i < acks.size(); i++) {
                Acknowledgements.Ack ack = acks.get(i);
                int s = ack.start();
                int e = ack.end();
                if (!Acknowledgements.isDirective(ack.directive())) {
                    result.add(ackFinding(EngineDiagnostic.BAN_UNKNOWN_ACKNOWLEDGEMENT, s, e,
                            "unknown acknowledgement directive 'migration-guard:" + ack.directive()
                                    + "'; use 'migration-guard:allow' or 'migration-guard:allow-file'"));
                    continue;
                }
                if (ack.ids().isEmpty()) {
                    result.add(ackFinding(EngineDiagnostic.BAN_UNKNOWN_ACKNOWLEDGEMENT, s, e,
                            "acknowledgement names no rule id"));
                }
                if (ack.reason() == null) {
                    result.add(ackFinding(EngineDiagnostic.REQUIRE_ACKNOWLEDGEMENT_REASON, s, e,
                            "acknowledgement of " + String.join(", ", ack.ids())
                                    + " has no reason=\"...\"; it is ignored until it says why"));
                }
                for (String id : ack.ids()) {
                    Optional<RuleDescriptor> known = registry.find(id);
                    boolean engine = false;
                    for (EngineDiagnostic d : EngineDiagnostic.values()) {
                        engine |= d.id().equals(id);
                    }
                    if (engine) {
                        result.add(ackFinding(EngineDiagnostic.BAN_UNKNOWN_ACKNOWLEDGEMENT, s, e,
                                "'" + id + "' is an engine check and cannot be acknowledged"));
                    } else if (known.isEmpty()) {
                        String near = registry.nearest(id);
                        result.add(ackFinding(EngineDiagnostic.BAN_UNKNOWN_ACKNOWLEDGEMENT, s, e,
                                "unknown rule id '" + id + "' in acknowledgement"
                                        + (near == null ? "" : "; did you mean '" + near + "'?")));
                    } else if (ack.reason() != null && !used.contains(i + ":" + id) && !switchedOff(id)) {
                        result.add(ackFinding(EngineDiagnostic.BAN_UNUSED_ACKNOWLEDGEMENT, s, e,
                                "acknowledgement of " + id + " covers no finding"
                                        + (ack.fileWide() ? " in this file" : " in the statement it applies to")));
                    }
                }
            }
            return result;
        }

        private boolean switchedOff(String id) {
            return settings.severities().containsKey(id) && settings.severities().get(id) == null;
        }

        private Finding ackFinding(EngineDiagnostic d, int start, int end, String message) {
            int os = toOriginal(start);
            int oe = toOriginal(end);
            return engineFinding(d, path, original.line(os), original.column(os), original.line(oe),
                    original.column(oe), message);
        }

        private Finding toFinding(Raw raw) {
            int os = toOriginal(raw.start());
            int oe = Math.max(os, toOriginal(raw.end()));
            RuleInfo info = raw.info();
            String docs = info.docs().isEmpty() ? RuleDescriptor.docsUrlFor(info.id()) : info.docs();
            return new Finding(path, original.line(os), original.column(os), original.line(oe), original.column(oe),
                    info.id(), severityOf(info.id(), info.severity()), raw.message(), raw.safeAlternative(), docs,
                    false, null);
        }
    }

    /** Exposed for configuration checks. */
    public Map<String, Severity> severities() {
        return settings.severities();
    }
}
