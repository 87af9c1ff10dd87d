package io.github.migrationguard.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Prints the splitter's throughput on ~5 MB of simple DDL. Not a timing assertion; it checks only the counts. */
class SplitThroughputTest {

    private static final String BLOCK = "-- add the orders table\n"
            + "CREATE TABLE IF NOT EXISTS orders (\n"
            + "    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            + "    customer_id bigint NOT NULL REFERENCES customers (id),\n"
            + "    note text DEFAULT 'n/a; ''quoted''',\n"
            + "    created_at timestamptz NOT NULL DEFAULT now()\n"
            + ");\n"
            + "CREATE INDEX CONCURRENTLY idx_orders_customer ON orders (customer_id);\n"
            + "ALTER TABLE orders ADD COLUMN total numeric(12, 2) DEFAULT 0.00 NOT NULL;\n"
            + "/* backfill */ UPDATE orders SET total = 1.5e2 WHERE id > 100 AND note <> 'x';\n"
            + "COMMENT ON TABLE orders IS E'Customer orders\\n';\n";

    @Test
    void printsThroughputOnSimpleDdl() {
        StringBuilder sb = new StringBuilder(5_300_000);
        int blocks = 0;
        while (sb.length() < 5_000_000) {
            sb.append(BLOCK);
            blocks++;
        }
        String text = sb.toString();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        int statements = 0;
        long bestWall = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        for (int round = 0; round < 15; round++) {
            long c0 = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
            long t0 = System.nanoTime();
            SplitResult r = StatementSplitter.split(text);
            bestWall = Math.min(bestWall, System.nanoTime() - t0);
            if (cpuTime) {
                bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - c0);
            }
            statements = r.statements().size();
        }
        assertEquals(5 * blocks, statements);
        double mb = text.length() / 1_000_000.0;
        System.out.printf(Locale.ROOT, "StatementSplitter: %.1f MB of DDL, %d statements: %.0f MB/s wall (best), "
                + "%s MB/s thread CPU time%n", mb, statements, mb / (bestWall / 1e9),
                cpuTime ? String.format(Locale.ROOT, "%.0f", mb / (bestCpu / 1e9)) : "n/a");
    }
}
