package io.github.migrationguard.sql;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread that stops parses running past their deadline.
 *
 * <p>Registering a parse is a lock-free set insertion and never wakes the thread while it is already awake: the
 * thread polls the running parses at most every {@value #MAX_TICK_MILLIS} ms while there are any, parks when there
 * are none, and ends after {@value #IDLE_EXIT_SECONDS} s without work (so nothing lingers in long-lived build JVMs;
 * the next parse starts it again). A per-statement timer on a {@code ScheduledExecutorService} would instead signal
 * its sleeping worker twice per statement, which costs more than the rest of the bookkeeping together.
 */
final class JsqlWatchdog {

    private static final long MAX_TICK_MILLIS = 50;
    private static final long IDLE_EXIT_SECONDS = 10;
    private static final long MIN_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    static final JsqlWatchdog SHARED = new JsqlWatchdog(TimeUnit.MILLISECONDS.toNanos(MAX_TICK_MILLIS),
            TimeUnit.SECONDS.toNanos(IDLE_EXIT_SECONDS));

    private final long maxTickNanos;
    private final long idleExitNanos;

    private final Set<Watch> running = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    /** The watchdog thread, or null when none runs; written under {@link #lifecycle}. */
    private volatile Thread thread;
    /** True while the thread parks because nothing runs (and after it ended): registrants must wake or start it. */
    private volatile boolean idle = true;

    JsqlWatchdog(long maxTickNanos, long idleExitNanos) {
        this.maxTickNanos = maxTickNanos;
        this.idleExitNanos = idleExitNanos;
    }

    /** A registered parse; closing it unregisters the parse. */
    final class Watch implements AutoCloseable {
        private final JsqlGuardedParser parser;
        private final long deadline;

        private Watch(JsqlGuardedParser parser, long deadline) {
            this.parser = parser;
            this.deadline = deadline;
        }

        @Override
        public void close() {
            running.remove(this);
        }
    }

    /** Stops {@code parser} once {@link System#nanoTime()} passes {@code deadlineNanos}, unless closed before. */
    Watch watch(JsqlGuardedParser parser, long deadlineNanos) {
        Watch watch = new Watch(parser, deadlineNanos);
        running.add(watch);
        if (idle) {
            wake();
        }
        return watch;
    }

    private void wake() {
        synchronized (lifecycle) {
            Thread current = thread;
            if (current != null) {
                LockSupport.unpark(current);
                return;
            }
            Thread started = new Thread(this::loop, "migration-guard-parse-watchdog");
            started.setDaemon(true);
            started.setContextClassLoader(null);
            idle = false; // before start: the new thread may go idle at once and must be able to say so
            try {
                started.start();
            } catch (Throwable e) {
                idle = true;
                throw e;
            }
            thread = started;
        }
    }

    private void loop() {
        while (true) {
            long now = System.nanoTime();
            long wait = maxTickNanos;
            for (Watch watch : running) {
                long left = watch.deadline - now;
                if (left <= 0) {
                    watch.parser.stop();
                    running.remove(watch);
                } else if (left < wait) {
                    wait = left;
                }
            }
            if (!running.isEmpty()) {
                LockSupport.parkNanos(this, Math.max(wait, MIN_PARK_NANOS));
                continue;
            }
            // nothing to watch: announce that registrants must wake us, and re-check before every park
            idle = true;
            long idleSince = System.nanoTime();
            while (running.isEmpty()) {
                long idleFor = System.nanoTime() - idleSince;
                if (idleFor >= idleExitNanos) {
                    synchronized (lifecycle) {
                        if (running.isEmpty()) {
                            thread = null; // idle stays true: the next registrant starts a new thread
                            return;
                        }
                    }
                    break;
                }
                LockSupport.parkNanos(this, idleExitNanos - idleFor);
            }
            idle = false;
        }
    }

    /** Whether the watchdog thread is alive; for tests. */
    boolean isRunning() {
        return thread != null;
    }
}
