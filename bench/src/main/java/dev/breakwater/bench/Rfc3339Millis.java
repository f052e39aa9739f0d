package dev.breakwater.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes epoch milliseconds as fixed-width RFC 3339 UTC ({@code 2026-01-31T12:34:56.789Z}) into a byte array,
 * formatting the date and time only when the second changes — it runs once per request in the load generator.
 * Not thread-safe.
 */
final class Rfc3339Millis {

    static final int LENGTH = 24;

    private long cachedSecond = Long.MIN_VALUE;
    private final byte[] cachedPrefix = new byte[20];

    void write(long epochMillis, byte[] target, int offset) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != cachedSecond) {
            String text = Instant.ofEpochSecond(second).toString(); // yyyy-MM-ddTHH:mm:ssZ for whole seconds
            if (text.length() != 20) {
                throw new IllegalArgumentException("only years 0000-9999 are fixed-width: " + text);
            }
            System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, cachedPrefix, 0, 19);
            cachedPrefix[19] = '.';
            cachedSecond = second;
        }
        System.arraycopy(cachedPrefix, 0, target, offset, 20);
        int millis = Math.floorMod(epochMillis, 1000);
        target[offset + 20] = (byte) ('0' + millis / 100);
        target[offset + 21] = (byte) ('0' + millis / 10 % 10);
        target[offset + 22] = (byte) ('0' + millis % 10);
        target[offset + 23] = 'Z';
    }

    byte[] format(long epochMillis) {
        byte[] out = new byte[LENGTH];
        write(epochMillis, out, 0);
        return out;
    }
}
