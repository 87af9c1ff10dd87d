package io.github.migrationguard.bench;

import io.github.migrationguard.db.ConnectionSettings;
import io.github.migrationguard.db.Connections;
import io.github.migrationguard.db.DatabaseAccessException;
import io.github.migrationguard.db.ReadOnlySession;
import io.github.migrationguard.schema.CatalogRead;
import io.github.migrationguard.schema.CatalogReader;
import io.github.migrationguard.schema.SchemaModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the catalog of one database the way {@code detect-drift} does (a fresh connection, a {@link ReadOnlySession},
 * then {@link CatalogReader#read}) and prints how long it took and how many queries it ran.
 *
 * <p>Run by {@code bench/catalog/run.sh}, one JVM per measured run, so the figures include a cold JIT, as in a real
 * build. Not a test: it asserts nothing and is never run by surefire or failsafe.
 *
 * <pre>
 * CatalogBenchmark &lt;url&gt; [--user NAME] [--password SECRET] [--schema NAME]... [--reads N] [--trace FILE]
 * </pre>
 *
 * <p>Without {@code --password} the password comes from the {@code PGPASSWORD} environment variable, if set (so it
 * need not appear on a command line).
 *
 * <p>The last line is machine readable: {@code RESULT key=value ...} with the first read's figures:
 * {@code readMillis} is {@link CatalogRead#elapsed()}; {@code readThreadCpuMillis} the CPU time the reading thread
 * used meanwhile, the rest of the read being mostly the wait for the server; {@code readProcessCpuMillis} the CPU
 * time of the whole JVM meanwhile, JIT compiler and GC threads included; {@code totalMillis} adds opening the
 * connection and the session; {@code jvmUptimeMillis} is the JVM's age when the read ended. With {@code --reads N}
 * the read is repeated on new sessions in the same JVM and each one is printed, to show the cost without JIT
 * warm-up.
 *
 * <p>With {@code --trace FILE} every query of the last read is printed with its time (from preparing the statement
 * to closing it, so fetching the rows and building the model are included) and its row count, and
 * {@code FILE} receives each query's SQL text, with its array parameters written in as literals, ready for
 * {@code EXPLAIN (ANALYZE, BUFFERS)} in psql (after {@code SET search_path = ''}).
 */
public final class CatalogBenchmark {

    private CatalogBenchmark() {
    }

    public static void main(String[] args) {
        String url = null;
        String user = null;
        String password = System.getenv("PGPASSWORD");
        Set<String> schemas = new LinkedHashSet<>();
        int reads = 1;
        Path trace = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--user" -> user = value(args, ++i, a);
                case "--password" -> password = value(args, ++i, a);
                case "--schema" -> schemas.add(value(args, ++i, a));
                case "--reads" -> reads = number(value(args, ++i, a), a);
                case "--trace" -> trace = Path.of(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--") || url != null) {
                        usage("unexpected argument: " + a);
                    }
                    url = a;
                }
            }
        }
        if (url == null || reads < 1) {
            usage(url == null ? "no database URL given" : "--reads must be at least 1");
        }
        ConnectionSettings settings = new ConnectionSettings(url, user, password, "the benchmark's URL argument");
        try {
            String result = null;
            for (int r = 1; r <= reads; r++) {
                List<Traced> traced = trace != null && r == reads ? new ArrayList<>() : null;
                String line = readOnce(settings, schemas, traced);
                System.out.println("read " + r + ": " + line);
                if (traced != null) {
                    writeTrace(traced, trace);
                }
                if (result == null) {
                    result = line;
                }
            }
            System.out.println("RESULT " + result);
        } catch (DatabaseAccessException | IOException e) {
            System.err.println("catalog benchmark: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void writeTrace(List<Traced> traced, Path file) throws IOException {
        StringBuilder sql = new StringBuilder();
        double sum = 0;
        for (int i = 0; i < traced.size(); i++) {
            Traced t = traced.get(i);
            sum += t.millis;
            System.out.printf(Locale.ROOT, "  query %2d: %8.1f ms %7d rows  %s%n", i + 1, t.millis, t.rows,
                    t.summary());
            sql.append("-- query ").append(i + 1).append('\n').append(t.withLiterals()).append(";\n\n");
        }
        System.out.printf(Locale.ROOT, "  sum of the queries: %.1f ms; SQL written to %s%n", sum, file);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, sql);
    }

    private static String readOnce(ConnectionSettings settings, Set<String> schemas, List<Traced> traced)
            throws DatabaseAccessException {
        long start = System.nanoTime();
        CatalogRead read;
        long connected;
        long sessionReady;
        String database;
        long threadCpu;
        long processCpu;
        try (Connection c = Connections.open(settings)) {
            connected = System.nanoTime();
            try (ReadOnlySession session = ReadOnlySession.begin(c, settings.masking())) {
                sessionReady = System.nanoTime();
                database = session.identity().database();
                Connection c2 = traced == null ? session.connection() : tracing(session.connection(), traced);
                threadCpu = THREADS.getCurrentThreadCpuTime();
                processCpu = processCpuNanos();
                read = CatalogReader.read(c2, schemas);
                threadCpu = THREADS.getCurrentThreadCpuTime() - threadCpu;
                processCpu = processCpuNanos() - processCpu;
            }
        } catch (java.sql.SQLException e) {
            throw Connections.queryFailed(e, "closing the connection", settings.masking());
        }
        long end = System.nanoTime();
        SchemaModel m = read.model();
        long columns = m.tables().stream().mapToLong(t -> t.columns().size()).sum();
        return String.format(Locale.ROOT, "database=%s tables=%d columns=%d constraints=%d indexes=%d sequences=%d"
                        + " enums=%d views=%d functions=%d queryCount=%d connectMillis=%.1f sessionMillis=%.1f"
                        + " readMillis=%.1f readThreadCpuMillis=%.1f readProcessCpuMillis=%.1f totalMillis=%.1f"
                        + " jvmUptimeMillis=%d",
                database, m.tables().size(), columns, m.constraints().size(), m.indexes().size(), m.sequences().size(),
                m.enums().size(), m.views().size(), m.functions().size(), read.queryCount(),
                ms(connected - start), ms(sessionReady - connected), ms(read.elapsed().toNanos()), ms(threadCpu),
                ms(processCpu), ms(end - start), ManagementFactory.getRuntimeMXBean().getUptime());
    }

    /** One query as the reader ran it. */
    private static final class Traced {
        final String sql;
        final List<String[]> params = new ArrayList<>();
        final long start = System.nanoTime();
        double millis;
        long rows;

        Traced(String sql) {
            this.sql = sql;
        }

        String summary() {
            String from = sql.replaceAll("\\s+", " ");
            int i = from.indexOf(" from ");
            String head = i < 0 ? from : from.substring(i + 1);
            return head.length() > 70 ? head.substring(0, 70) + "..." : head;
        }

        /** The SQL with each {@code ?} replaced by its text array as a literal. */
        String withLiterals() {
            StringBuilder out = new StringBuilder();
            int p = 0;
            for (int i = 0; i < sql.length(); i++) {
                char ch = sql.charAt(i);
                if (ch == '?' && p < params.size()) {
                    StringBuilder lit = new StringBuilder("ARRAY[");
                    String[] values = params.get(p++);
                    for (int k = 0; k < values.length; k++) {
                        lit.append(k == 0 ? "" : ", ").append('\'').append(values[k].replace("'", "''")).append('\'');
                    }
                    out.append(lit).append("]::text[]");
                } else {
                    out.append(ch);
                }
            }
            return out.toString();
        }
    }

    /** A connection that records each prepared statement of the reader (it uses only prepared statements). */
    private static Connection tracing(Connection real, List<Traced> traced) {
        InvocationHandler onConnection = (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            if (method.getName().equals("prepareStatement") && result instanceof PreparedStatement ps) {
                Traced t = new Traced((String) args[0]);
                traced.add(t);
                return wrap(PreparedStatement.class, ps, (p2, m2, a2) -> {
                    if (m2.getName().equals("setArray") && a2[1] instanceof Array array) {
                        Object values = array.getArray();
                        t.params.add(values instanceof String[] strings ? strings
                                : new String[] {Arrays.deepToString((Object[]) values)});
                    }
                    Object r2 = invoke(ps, m2, a2);
                    if (m2.getName().equals("executeQuery") && r2 instanceof ResultSet rs) {
                        return wrap(ResultSet.class, rs, (p3, m3, a3) -> {
                            Object r3 = invoke(rs, m3, a3);
                            if (m3.getName().equals("next") && Boolean.TRUE.equals(r3)) {
                                t.rows++;
                            }
                            return r3;
                        });
                    }
                    if (m2.getName().equals("close")) {
                        t.millis = ms(System.nanoTime() - t.start);
                    }
                    return r2;
                });
            }
            return result;
        };
        return wrap(Connection.class, real, onConnection);
    }

    private static <T> T wrap(Class<T> type, T target, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(CatalogBenchmark.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time of the whole JVM (all threads: JIT compilers and GC included), or -1 where not available. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            usage(option + " needs a number, not '" + text + "'");
            return 0;
        }
    }

    private static void usage(String problem) {
        System.err.println("catalog benchmark: " + problem);
        System.err.println("usage: CatalogBenchmark <url> [--user NAME] [--password SECRET] [--schema NAME]..."
                + " [--reads N] [--trace FILE]");
        System.exit(2);
    }
}
