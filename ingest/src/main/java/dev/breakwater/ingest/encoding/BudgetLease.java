package dev.breakwater.ingest.encoding;

import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The part of a {@link ByteBudget} one request holds, handed back in one go when its
 * {@link DecodedBody} is closed. Bytes are acquired by the thread reading the request; {@link #close()}
 * may run on any thread and takes effect once.
 */
final class BudgetLease {
    private final ByteBudget budget;
    private final AtomicLong held = new AtomicLong();
    private volatile boolean closed;

    BudgetLease(ByteBudget budget) {
        this.budget = budget;
    }

    /** @throws IngestException {@link DiscardReason#OVERLOADED} when the shared budget is exhausted */
    void acquire(long bytes) throws IngestException {
        if (bytes <= 0) {
            return;
        }
        if (closed) {
            throw new IllegalStateException("the body was closed; its budget is already released");
        }
        if (!budget.tryAcquire(bytes)) {
            throw new IngestException(
                    DiscardReason.OVERLOADED,
                    "the server is holding as many request bytes in memory as it may; retry later");
        }
        held.addAndGet(bytes);
    }

    /** Gives back part of what this lease holds, e.g. a decoder's window once decoding is done. */
    void release(long bytes) {
        if (bytes <= 0) {
            return;
        }
        held.addAndGet(-bytes);
        budget.release(bytes);
    }

    long held() {
        return held.get();
    }

    void close() {
        closed = true;
        long bytes = held.getAndSet(0);
        if (bytes > 0) {
            budget.release(bytes);
        }
    }
}
