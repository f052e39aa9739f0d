package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One stack frame, as Sentry's {@code stacktrace.frames[]} describes it. Frames of a stack are ordered oldest call
 * first, so the last frame is the one that raised.
 *
 * <p>This record mirrors the wire: a scalar field the payload lacked is {@code null} (and is written as JSON
 * {@code null} by {@link EventDocument}). The context lists are never null, only empty.
 *
 * @param function    the function or method name, as sent (cleaning happens only for grouping)
 * @param module      Java class name, Python module, …
 * @param filename    the file name as sent, often relative
 * @param absPath     the absolute path or URL
 * @param inApp       whether the frame belongs to the application rather than a library; null when unknown
 * @param contextLine the source line of {@code lineno}
 * @param platform    a per-frame platform that overrides the event's (mixed JS/native stacks)
 */
public record Frame(
        String function,
        String module,
        String filename,
        String absPath,
        Integer lineno,
        Integer colno,
        Boolean inApp,
        String contextLine,
        List<String> preContext,
        List<String> postContext,
        String platform) {
    public Frame {
        preContext = List.copyOf(requireNonNull(preContext, "preContext is null"));
        postContext = List.copyOf(requireNonNull(postContext, "postContext is null"));
    }

    /** A frame without source context or platform override. */
    public Frame(String function, String module, String filename, String absPath, Integer lineno, Integer colno,
            Boolean inApp, String contextLine) {
        this(function, module, filename, absPath, lineno, colno, inApp, contextLine, List.of(), List.of(), null);
    }

    boolean isInApp() {
        return Boolean.TRUE.equals(inApp);
    }
}
