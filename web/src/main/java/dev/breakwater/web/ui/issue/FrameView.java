package dev.breakwater.web.ui.issue;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One stack frame as the issue page shows it: where ({@code location}: the file, else the module, else the absolute
 * path; {@code module} beside it when both are known), the function, the line and column ({@code ""} when unknown),
 * whether it is the application's own code, and the source lines around it.
 */
public record FrameView(
        String function,
        String location,
        String module,
        String line,
        String column,
        boolean inApp,
        List<ContextLine> context) {
    public FrameView {
        requireNonNull(function, "function is null");
        requireNonNull(location, "location is null");
        requireNonNull(module, "module is null");
        requireNonNull(line, "line is null");
        requireNonNull(column, "column is null");
        context = List.copyOf(context);
    }

    /**
     * A source line near the frame: its number ({@code ""} when the frame has no line number) and whether it is the
     * frame's own line.
     */
    public record ContextLine(String number, String text, boolean current) {
        public ContextLine {
            requireNonNull(number, "number is null");
            requireNonNull(text, "text is null");
        }
    }
}
