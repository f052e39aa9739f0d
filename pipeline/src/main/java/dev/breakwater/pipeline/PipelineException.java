package dev.breakwater.pipeline;

/** An operator request the pipeline cannot carry out (unknown lane, store unreachable). The message says why. */
public final class PipelineException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean unknownLane;

    public PipelineException(String message, boolean unknownLane, Throwable cause) {
        super(message, cause);
        this.unknownLane = unknownLane;
    }

    /** True when the lane named does not exist (the API answers 404), false when the store failed (503). */
    public boolean isUnknownLane() {
        return unknownLane;
    }
}
