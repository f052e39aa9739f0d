package dev.breakwater.alert;

/** An operation that only an open alert allows (acknowledging it) was asked of a resolved one. */
public final class AlertResolvedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long alertId;

    public AlertResolvedException(long alertId) {
        super("alert " + alertId + " is already resolved");
        this.alertId = alertId;
    }

    public long alertId() {
        return alertId;
    }
}
