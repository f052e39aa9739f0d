package dev.breakwater.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens segment channels as {@link FaultyFileChannel}s and decides what they do: fail the Nth write, force or
 * truncate from now on, or hold every force until released. Other files open normally. Thread-safe.
 */
final class Faults implements ChannelFactory {

    /** Fails one call, the Nth after it is armed. */
    static final class Trigger {
        private final AtomicInteger remaining = new AtomicInteger();
        private volatile IOException error;

        void arm(int nth, IOException error) {
            this.error = error;
            remaining.set(nth);
        }

        /** True when this call is the one to fail. */
        boolean fires() {
            return remaining.get() > 0 && remaining.decrementAndGet() == 0;
        }

        IOException error() {
            return error;
        }
    }

    final Trigger write = new Trigger();
    final Trigger force = new Trigger();
    final Trigger truncate = new Trigger();

    private final AtomicInteger forceCalls = new AtomicInteger();
    private final AtomicInteger positionalReads = new AtomicInteger();
    private final AtomicInteger forcesWaiting = new AtomicInteger();
    private volatile CountDownLatch forceGate;

    static IOException noSpace() {
        return new IOException("No space left on device");
    }

    static IOException ioError() {
        return new IOException("Input/output error");
    }

    /** From now on every force waits until {@link #releaseForces}. */
    void holdForces() {
        forceGate = new CountDownLatch(1);
    }

    void releaseForces() {
        CountDownLatch gate = forceGate;
        forceGate = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    int forcesWaiting() {
        return forcesWaiting.get();
    }

    int forceCalls() {
        return forceCalls.get();
    }

    /** Reads at a given position ({@code pread}) on segment channels since the last {@link #clearReads}. */
    int positionalReads() {
        return positionalReads.get();
    }

    void clearReads() {
        positionalReads.set(0);
    }

    void positionalRead() {
        positionalReads.incrementAndGet();
    }

    void beforeForce() throws IOException {
        forceCalls.incrementAndGet();
        CountDownLatch gate = forceGate;
        if (gate != null) {
            forcesWaiting.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while held", e);
            } finally {
                forcesWaiting.decrementAndGet();
            }
        }
        if (force.fires()) {
            throw force.error();
        }
    }

    @Override
    public FileChannel open(Path file, OpenOption... options) throws IOException {
        FileChannel channel = FileChannel.open(file, options);
        return file.getFileName().toString().endsWith(".seg") ? new FaultyFileChannel(channel, this) : channel;
    }
}
