package dev.breakwater.store;

/**
 * A store operation failed. {@link #isTransient()} tells the pipeline what to do: transient failures (database
 * unreachable, disk full, lock or statement timeout, serialization failure) are retried with back-off; the others
 * (a value the schema refuses) will fail again with the same input, so the input goes to quarantine instead.
 */
public final class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    public StoreException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
