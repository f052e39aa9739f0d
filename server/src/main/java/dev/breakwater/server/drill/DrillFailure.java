package dev.breakwater.server.drill;

/** What a drill expected did not happen (in time): the drill fails, naming it. */
public final class DrillFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public DrillFailure(String message) {
        super(message);
    }
}
