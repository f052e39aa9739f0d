package dev.breakwater.store;

import java.time.Instant;

/** A quarantined record as stored, with its id in the quarantine and when it got there. */
public record QuarantinedRecord(long id, Instant quarantinedAt, QuarantineWrite record) {}
