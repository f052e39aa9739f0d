package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One exception of an event. An event's exceptions are ordered oldest to newest as Sentry orders them: causes
 * first, and the last one is the outermost, the exception that was actually thrown.
 *
 * @param type      e.g. {@code java.lang.IllegalStateException} or {@code ValueError}; empty when the payload had
 *                  none
 * @param value     the exception's message; empty when none
 * @param module    the type's package or module; null when absent
 * @param frames    the stack, oldest call first; empty when none was sent
 * @param mechanism how it was captured (e.g. {@code UncaughtExceptionHandler}); null when absent
 * @param handled   whether the application handled it; null when unknown
 */
public record ExceptionValue(
        String type, String value, String module, List<Frame> frames, String mechanism, Boolean handled) {
    public ExceptionValue {
        requireNonNull(type, "type is null");
        requireNonNull(value, "value is null");
        frames = List.copyOf(requireNonNull(frames, "frames is null"));
    }

    public ExceptionValue(String type, String value, String module, List<Frame> frames) {
        this(type, value, module, frames, null, null);
    }

    ExceptionValue withFrames(List<Frame> newFrames) {
        return new ExceptionValue(type, value, module, newFrames, mechanism, handled);
    }
}
