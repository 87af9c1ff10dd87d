package io.github.migrationguard.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.sf.jsqlparser.parser.feature.FeatureConfiguration;
import org.junit.jupiter.api.Test;

/** The shared watchdog thread behind the adapter's time limit. */
class JsqlParserAdapterWatchdogTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static JsqlGuardedParser parser() {
        return new JsqlGuardedParser("SELECT 1", new FeatureConfiguration()); // never parses here
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(2);
        }
    }

    @Test
    void stopsAParseAtItsDeadlineButNotAClosedOne() throws Exception {
        JsqlWatchdog watchdog = new JsqlWatchdog(5 * MS, 200 * MS);
        JsqlGuardedParser overdue = parser();
        JsqlGuardedParser finished = parser();
        JsqlWatchdog.Watch finishedWatch = watchdog.watch(finished, System.nanoTime() + 30 * MS);
        finishedWatch.close();
        try (JsqlWatchdog.Watch watch = watchdog.watch(overdue, System.nanoTime() + 30 * MS)) {
            await(overdue::wasStopped, "the overdue parse is stopped");
        }
        Thread.sleep(60);
        assertFalse(finished.wasStopped(), "a closed watch is never fired");
    }

    @Test
    void threadEndsWhenIdleAndStartsAgainOnDemand() throws Exception {
        JsqlWatchdog watchdog = new JsqlWatchdog(5 * MS, 40 * MS);
        assertFalse(watchdog.isRunning());
        watchdog.watch(parser(), System.nanoTime() + 10_000 * MS).close();
        assertTrue(watchdog.isRunning());
        await(() -> !watchdog.isRunning(), "the idle thread ends");

        JsqlGuardedParser later = parser();
        try (JsqlWatchdog.Watch watch = watchdog.watch(later, System.nanoTime() + 20 * MS)) {
            assertTrue(watchdog.isRunning());
            await(later::wasStopped, "a restarted thread stops the overdue parse");
        }
    }

    @Test
    void manyThreadsRegisteringAtOnceLoseNoDeadline() throws Exception {
        JsqlWatchdog watchdog = new JsqlWatchdog(5 * MS, 20 * MS); // short idle time: many stop/start cycles
        int workers = 6;
        int perWorker = 3_000;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<List<JsqlGuardedParser>>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    List<JsqlGuardedParser> mustStop = new ArrayList<>();
                    for (int i = 0; i < perWorker; i++) {
                        JsqlGuardedParser quick = parser();
                        watchdog.watch(quick, System.nanoTime() + 10_000 * MS).close();
                        assertFalse(quick.wasStopped());
                        if (i % 500 == 0) {
                            JsqlGuardedParser slow = parser();
                            watchdog.watch(slow, System.nanoTime() + MS); // left open: it overruns
                            mustStop.add(slow);
                            Thread.sleep(30); // let the watchdog go idle and end between registrations
                        }
                    }
                    return mustStop;
                }));
            }
            List<JsqlGuardedParser> mustStop = new ArrayList<>();
            for (Future<List<JsqlGuardedParser>> future : futures) {
                mustStop.addAll(future.get());
            }
            assertEquals(workers * (perWorker / 500), mustStop.size());
            await(() -> mustStop.stream().allMatch(JsqlGuardedParser::wasStopped), "every overrun is stopped");
        } finally {
            pool.shutdownNow();
        }
    }
}
