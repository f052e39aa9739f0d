package dev.breakwater.ingest;

import static java.util.Objects.requireNonNull;

import dev.breakwater.spool.AppendOutcome;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The admission steps after authentication, and the meaning of the spool's refusals: a per-project token bucket
 * (429), then, at append time, a full lane (429 naming the lane's categories only), a busy lane (429, retry in a
 * second) or a failed write (503). Thread-safe.
 */
public final class Admission {
    /** A full lane drains at the pace of its consumer: ask for a pause long enough to matter. */
    static final long LANE_FULL_RETRY_SECONDS = 60;

    static final long BUSY_RETRY_SECONDS = 1;
    static final long FAILED_RETRY_SECONDS = 5;

    private final ProjectRateLimiter rateLimiter;

    public Admission(ProjectRateLimiter rateLimiter) {
        this.rateLimiter = requireNonNull(rateLimiter, "rateLimiter is null");
    }

    public void admit(ProjectKey key) throws IngestException {
        long wait = rateLimiter.tryAcquire(key.projectId());
        if (wait > 0) {
            throw IngestException.retryLater(
                    DiscardReason.RATE_LIMITED,
                    "project " + key.projectId() + " is over its rate limit; retry in " + wait + " s",
                    wait);
        }
    }

    /** The refusal the first non-appended outcome stands for, or null when every draft was appended. */
    public static IngestException refusal(SpoolWriter.Written written) {
        for (int i = 0; i < written.outcomes().size(); i++) {
            AppendOutcome outcome = written.outcomes().get(i);
            String lane = written.drafts().get(i).lane();
            IngestException refusal = switch (outcome) {
                case AppendOutcome.Appended appended -> null;
                case AppendOutcome.LaneFull full -> IngestException.retryLater(
                        DiscardReason.LANE_FULL,
                        "the " + lane + " lane is full (" + full.detail() + "); other lanes are unaffected",
                        LANE_FULL_RETRY_SECONDS);
                case AppendOutcome.Busy busy -> IngestException.retryLater(
                        DiscardReason.OVERLOADED,
                        "the " + lane + " lane has " + busy.pendingBytes() + " bytes waiting to be written; retry shortly",
                        BUSY_RETRY_SECONDS);
                case AppendOutcome.Failed failed -> IngestException.retryLater(
                        DiscardReason.STORAGE_FAILED, "the " + lane + " lane could not store the data: " + failed.reason(),
                        FAILED_RETRY_SECONDS);
            };
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    /** The Sentry data categories of every draft that was not appended. */
    public static Set<String> refusedCategories(SpoolWriter.Written written) {
        Set<String> categories = new LinkedHashSet<>();
        for (int i = 0; i < written.outcomes().size(); i++) {
            if (!(written.outcomes().get(i) instanceof AppendOutcome.Appended)) {
                categories.addAll(written.drafts().get(i).categories());
            }
        }
        return categories;
    }
}
