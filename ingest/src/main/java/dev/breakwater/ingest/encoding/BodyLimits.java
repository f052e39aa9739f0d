package dev.breakwater.ingest.encoding;

/**
 * Size bounds for one request body: what may arrive on the wire and what it may decompress to. Both
 * are enforced while reading, so nothing larger is ever buffered (PROTOCOLS A.10: e.g. 20 MiB wire and
 * 100 MiB decoded for envelopes, 200 KiB and 1 MiB for {@code /store/}).
 */
public record BodyLimits(int maxWireBytes, int maxDecodedBytes) {
    /** The largest byte array the JVM reliably allocates. */
    public static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

    public BodyLimits {
        if (maxWireBytes < 1 || maxWireBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException(
                    "max wire bytes must be between 1 and " + MAX_ARRAY_BYTES + ", was " + maxWireBytes);
        }
        if (maxDecodedBytes < 1 || maxDecodedBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException(
                    "max decoded bytes must be between 1 and " + MAX_ARRAY_BYTES + ", was " + maxDecodedBytes);
        }
    }
}
