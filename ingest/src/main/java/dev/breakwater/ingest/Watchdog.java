package dev.breakwater.ingest;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts a thread that is still inside a guarded step (reading a body, waiting for an fsync) when its deadline
 * passes.
 *
 * <p>Why not a {@code ScheduledExecutorService} alarm per request: scheduling and cancelling a timer costs a
 * wake-up of the timer thread each time, and at tens of thousands of requests a second those wake-ups were about a
 * tenth of ingest's CPU. Here arming and disarming are a set insertion and removal, and one sweeper thread looks at
 * the armed alarms every {@link #TICK}: a deadline fires up to one tick late, which is nothing next to the seconds a
 * body or an fsync is given.
 */
final class Watchdog {
    static final Duration TICK = Duration.ofMillis(50);

    private static final Watchdog SHARED = new Watchdog();

    private final Set<Alarm> armed = ConcurrentHashMap.newKeySet();

    private Watchdog() {
        Thread.ofPlatform().name("ingest-watchdog").daemon().start(this::sweepForever);
    }

    /** Arms an alarm for the calling thread, due after {@code timeout}; close it when the guarded step is over. */
    static Alarm arm(Duration timeout) {
        Alarm alarm = SHARED.new Alarm(Thread.currentThread(), System.nanoTime() + timeout.toNanos());
        SHARED.armed.add(alarm);
        return alarm;
    }

    private void sweepForever() {
        while (true) {
            LockSupport.parkNanos(TICK.toNanos());
            long now = System.nanoTime();
            for (Alarm alarm : armed) {
                if (now - alarm.deadline >= 0) {
                    alarm.fire();
                }
            }
        }
    }

    /** One guarded step of one thread. */
    final class Alarm implements AutoCloseable {
        private final Thread thread;
        private final long deadline;
        private boolean finished; // guarded by this
        private boolean fired; // guarded by this

        private Alarm(Thread thread, long deadline) {
            this.thread = thread;
            this.deadline = deadline;
        }

        private synchronized void fire() {
            armed.remove(this);
            if (!finished) {
                fired = true;
                thread.interrupt();
            }
        }

        /** Whether the deadline passed and the thread was interrupted. */
        synchronized boolean fired() {
            return fired;
        }

        /**
         * Disarms the alarm; clears the interrupt it may have sent, so that it never reaches the thread's next step
         * (the interrupt is sent while holding this alarm's lock, so none can arrive after this returns).
         */
        @Override
        public void close() {
            armed.remove(this);
            synchronized (this) {
                finished = true;
                if (fired) {
                    Thread.interrupted();
                }
            }
        }
    }
}
