package dev.breakwater.bench;

/** A command line that cannot be run as given; the message names the option and what was wrong with it. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
