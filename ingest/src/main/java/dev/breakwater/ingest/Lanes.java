package dev.breakwater.ingest;

import java.util.List;

/** The lanes data travels in, one spool log each, so that one kind of data never blocks another. */
public final class Lanes {
    private Lanes() {}

    /** Errors and messages (Sentry events with their attachments, Rollbar items). */
    public static final String EVENTS = "events";
    /** Spans and traces. */
    public static final String TRANSACTIONS = "transactions";
    /** Sessions, client reports, check-ins, OTLP metrics. */
    public static final String METRICS = "metrics";
    /** Deploy notifications. */
    public static final String DEPLOYS = "deploys";
    /** Source maps and Proguard mappings. */
    public static final String ARTIFACTS = "artifacts";

    public static final List<String> ALL = List.of(EVENTS, TRANSACTIONS, METRICS, DEPLOYS, ARTIFACTS);
}
