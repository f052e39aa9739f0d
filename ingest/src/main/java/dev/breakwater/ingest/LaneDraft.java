package dev.breakwater.ingest;

import dev.breakwater.spool.RecordDraft;
import java.util.Set;

/**
 * A record bound for one lane, with the Sentry data categories it carries (so a refusal can name exactly those in
 * {@code X-Sentry-Rate-Limits} and the SDK keeps sending the others).
 */
public record LaneDraft(String lane, RecordDraft draft, Set<String> categories) {
    public LaneDraft {
        categories = Set.copyOf(categories);
    }
}
