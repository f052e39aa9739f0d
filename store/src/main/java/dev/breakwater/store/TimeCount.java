package dev.breakwater.store;

import java.time.Instant;

/** Events counted in the bucket (minute or hour) starting at {@code start}. */
public record TimeCount(Instant start, long count) {}
