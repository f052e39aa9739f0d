package dev.breakwater.web.ui;

/** A request the UI refuses, with the status and a message for the person who made it. */
public final class UiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public UiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static UiException notFound(String message) {
        return new UiException(404, message);
    }

    public static UiException forbidden(String message) {
        return new UiException(403, message);
    }

    public static UiException badRequest(String message) {
        return new UiException(400, message);
    }
}
