package dev.breakwater.web.ui.issue;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One exception of an event's chain with its stack, frames grouped for display (most recent call first).
 * {@code handled} is {@code ""} when the SDK did not say, else {@code handled} or {@code unhandled}.
 */
public record ExceptionView(String type, String value, String module, String mechanism, String handled, List<FrameGroup> stack) {
    public ExceptionView {
        requireNonNull(type, "type is null");
        requireNonNull(value, "value is null");
        requireNonNull(module, "module is null");
        requireNonNull(mechanism, "mechanism is null");
        requireNonNull(handled, "handled is null");
        stack = List.copyOf(stack);
    }
}
