package dev.breakwater.ingest;

import static java.util.Objects.requireNonNull;

import dev.breakwater.spool.AppendOutcome;
import dev.breakwater.spool.Spool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Appends a request's records to their lanes and waits until each is durable (the spool's group commit) or refused.
 * All appends of one request are submitted before waiting, so they share the lanes' next fsync.
 * Thread-safe; meant to be called from the request's (virtual) thread, which it blocks.
 */
public final class SpoolWriter {
    private final Spool spool;
    private final IngestMetrics metrics;
    private final Duration timeout;

    /** What became of each draft, in the order given. */
    public record Written(List<LaneDraft> drafts, List<AppendOutcome> outcomes) {
        public boolean allAppended() {
            return outcomes.stream().allMatch(o -> o instanceof AppendOutcome.Appended);
        }

        public boolean anyAppended() {
            return outcomes.stream().anyMatch(o -> o instanceof AppendOutcome.Appended);
        }
    }

    public SpoolWriter(Spool spool, IngestMetrics metrics, Duration timeout) {
        this.spool = requireNonNull(spool, "spool is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** The node id the spool stamps on records. */
    public String nodeId() {
        return spool.nodeId();
    }

    public Written write(List<LaneDraft> drafts) {
        List<CompletableFuture<AppendOutcome>> pending = new ArrayList<>(drafts.size());
        for (LaneDraft draft : drafts) {
            pending.add(spool.lane(draft.lane()).append(draft.draft()));
        }
        List<AppendOutcome> outcomes = new ArrayList<>(drafts.size());
        // An untimed wait under the watchdog: a timed get() would schedule and cancel a timer per request.
        try (Watchdog.Alarm alarm = Watchdog.arm(timeout)) {
            for (int i = 0; i < pending.size(); i++) {
                AppendOutcome outcome = await(pending.get(i), alarm);
                if (outcome instanceof AppendOutcome.Appended) {
                    metrics.appended(drafts.get(i).lane(), drafts.get(i).draft().body().remaining());
                }
                outcomes.add(outcome);
            }
        }
        return new Written(List.copyOf(drafts), List.copyOf(outcomes));
    }

    private AppendOutcome await(CompletableFuture<AppendOutcome> future, Watchdog.Alarm alarm) {
        if (alarm.fired()) {
            return timedOut(future);
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            if (alarm.fired()) {
                return timedOut(future);
            }
            Thread.currentThread().interrupt();
            return new AppendOutcome.Failed("interrupted while waiting for the spool");
        } catch (ExecutionException e) {
            return new AppendOutcome.Failed("spool append failed: " + e.getCause());
        }
    }

    private AppendOutcome timedOut(CompletableFuture<AppendOutcome> future) {
        // the record may still become durable; the client retries and the pipeline drops the duplicate
        AppendOutcome done = future.getNow(null);
        return done != null
                ? done
                : new AppendOutcome.Failed("the spool did not confirm the write within " + timeout.toSeconds() + "s");
    }
}
