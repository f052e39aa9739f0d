package dev.breakwater.ingest.encoding;

/**
 * Bytes of request memory a request may hold while it is being read and decoded, shared by all
 * requests so that their total stays bounded however many arrive at once. The server implements it
 * (usually with {@link InflightBytes}); {@link BodyDecoder} acquires before it allocates and the
 * {@link DecodedBody} gives everything back when closed.
 *
 * <p>Implementations must be thread-safe.
 */
public interface ByteBudget {
    /** A budget that never runs out, for tools and tests. */
    ByteBudget UNLIMITED = new ByteBudget() {
        @Override
        public boolean tryAcquire(long bytes) {
            return true;
        }

        @Override
        public void release(long bytes) {}

        @Override
        public String toString() {
            return "ByteBudget.UNLIMITED";
        }
    };

    /**
     * Takes {@code bytes} from the budget without waiting.
     *
     * @return false when that would exceed the budget; nothing is taken then
     */
    boolean tryAcquire(long bytes);

    /** Gives back bytes taken by an earlier successful {@link #tryAcquire}. */
    void release(long bytes);
}
