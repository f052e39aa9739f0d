package dev.breakwater.spool;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test sets by hand, forwards or backwards. Thread-safe. */
final class ManualClock extends Clock {

    private final AtomicLong millis;

    ManualClock(long millis) {
        this.millis = new AtomicLong(millis);
    }

    void set(long millis) {
        this.millis.set(millis);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a manual clock stays in UTC");
    }
}
