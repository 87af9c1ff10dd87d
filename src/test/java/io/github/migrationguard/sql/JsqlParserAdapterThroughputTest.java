package io.github.migrationguard.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Prints single-threaded throughput of the adapter for a mix of typical migration statements. Timings are printed,
 * never asserted; the assertions only check that the work was done. The default 20,000 statements keep the suite
 * quick; {@code -DmigrationGuard.parserBenchStatements=100000} gives the 100,000-statement figure.
 */
class JsqlParserAdapterThroughputTest {

    private static final List<String> TYPICAL = List.of(
            "CREATE TABLE users ( id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY , email text NOT NULL UNIQUE ,"
                    + " org_id bigint NOT NULL REFERENCES orgs ( id ) ON DELETE CASCADE , created_at timestamptz NOT"
                    + " NULL DEFAULT now ( ) , CONSTRAINT users_email_check CHECK ( email <> '' ) )",
            "CREATE INDEX idx_users_org ON users ( org_id , created_at )",
            "ALTER TABLE users ADD COLUMN nickname text",
            "INSERT INTO users ( email , org_id ) VALUES ( 'a@b.c' , 1 ) , ( 'd@e.f' , 2 )",
            "UPDATE users SET nickname = 'x' WHERE id = 42 AND org_id IN ( 1 , 2 , 3 )",
            "SELECT u.id , u.email , o.name FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.created_at > now ( )"
                    + " - interval '1 day' ORDER BY u.id LIMIT 10");

    /** Statements JSqlParser rejects: each costs a fast and a complex attempt and an exception. */
    private static final List<String> REJECTED = List.of(
            "DROP TYPE mood",
            "SET search_path TO app",
            "VACUUM ANALYZE users",
            "TRUNCATE a , b RESTART IDENTITY",
            "COPY users FROM stdin",
            "ALTER TABLE t ALTER COLUMN c SET DATA TYPE varchar ( 20 )");

    @Test
    void printsStatementsPerSecond() {
        int count = Integer.getInteger("migrationGuard.parserBenchStatements", 20_000);
        JsqlParserAdapter adapter = new JsqlParserAdapter();

        long[] cold = run(adapter, TYPICAL, count); // includes JIT warm-up, as a real build's first run would
        long[] warm = run(adapter, TYPICAL, count);
        run(adapter, REJECTED, count / 10);
        long[] rejected = run(adapter, REJECTED, count / 5);

        System.out.printf(Locale.ROOT, "JsqlParserAdapter, 1 thread, %,d typical DDL/DML statements: first run"
                + " %,d ms = %,.0f statements/s; warmed up %,d ms = %,.0f statements/s (%,.0f per CPU second);"
                + " statements JSqlParser rejects, warmed up: %,.0f statements/s%n", count, cold[0] / 1_000_000,
                perSecond(count, cold[0]), warm[0] / 1_000_000, perSecond(count, warm[0]), perSecond(count, warm[1]),
                perSecond(count / 5, rejected[0]));
    }

    /** Wall-clock and CPU nanoseconds (the latter is steadier on a busy machine). */
    private static long[] run(JsqlParserAdapter adapter, List<String> statements, int count) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean expectParsed = statements == TYPICAL;
        int matching = 0;
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (adapter.parse(statements.get(i % statements.size())).parsed() == expectParsed) {
                matching++;
            }
        }
        long elapsed = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        assertEquals(count, matching);
        return new long[] {elapsed, cpu > 0 ? cpu : elapsed};
    }

    private static double perSecond(int count, long nanos) {
        return count / (nanos / 1e9);
    }
}
