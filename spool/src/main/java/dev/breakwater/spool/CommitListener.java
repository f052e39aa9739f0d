package dev.breakwater.spool;

/**
 * Told of every group commit a lane makes, for metrics: how many records one force covered and how long the force
 * took. Called on the lane's writer thread after the force and before the appenders are told: keep it cheap and
 * never let it block.
 */
@FunctionalInterface
public interface CommitListener {
    CommitListener NONE = (lane, records, bytes, forceNanos) -> {};

    void committed(String lane, int records, long bytes, long forceNanos);
}
