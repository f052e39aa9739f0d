package dev.breakwater.store;

/**
 * A connection pool at one moment ({@link Store#poolStats()}). The figures are read one after another from a live
 * pool, so they need not add up exactly ({@code active + idle} may differ from {@code total} by a connection in
 * transit).
 *
 * @param active   connections in use
 * @param idle     connections open and free
 * @param total    connections open
 * @param max      the most the pool opens
 * @param waiting  threads waiting to get a connection: above zero, the pool is saturated
 */
public record PoolStats(int active, int idle, int total, int max, int waiting) {
    public PoolStats {
        if (active < 0 || idle < 0 || total < 0 || max < 1 || waiting < 0) {
            throw new IllegalArgumentException("active " + active + ", idle " + idle + ", total " + total + ", max "
                    + max + ", waiting " + waiting);
        }
    }
}
