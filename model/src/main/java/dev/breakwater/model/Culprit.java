package dev.breakwater.model;

import java.util.List;

/**
 * What an issue is blamed on, derived as Sentry derives it. The event's transaction when set; else the most
 * recent in-app frame (else the most recent frame) of the last stack that has frames — for an error event the
 * outermost exception's, unless only a cause carries a stack; else, for a message event, its logger; else the
 * request URL; else empty.
 *
 * <p>A frame reads {@code "{module or filename} in {function}"}, except on JavaScript/Node
 * ({@code "{function}({module or filename})"}) and native platforms (just the function), as in Sentry. Cut to
 * {@value #MAX_LENGTH} characters.
 */
final class Culprit {
    static final int MAX_LENGTH = 200;

    private Culprit() {}

    static String of(CanonicalEvent event) {
        if (event.transaction().isPresent()) {
            return Json.clip(event.transaction().get(), MAX_LENGTH);
        }
        List<Frame> frames = event.stacktrace();
        for (int i = event.exceptions().size() - 1; i >= 0; i--) {
            if (!event.exceptions().get(i).frames().isEmpty()) {
                frames = event.exceptions().get(i).frames();
                break;
            }
        }
        String culprit = fromFrames(frames, event.platform());
        if (culprit.isEmpty() && !event.isError() && event.logger().isPresent()) {
            culprit = event.logger().get();
        }
        if (culprit.isEmpty() && event.request().url().isPresent()) {
            culprit = event.request().url().get();
        }
        return Json.clip(culprit, MAX_LENGTH);
    }

    private static String fromFrames(List<Frame> frames, String platform) {
        String fallback = null;
        for (int i = frames.size() - 1; i >= 0; i--) {
            Frame frame = frames.get(i);
            if (frame.isInApp()) {
                String culprit = describe(frame, platform);
                if (!culprit.isEmpty()) {
                    return culprit;
                }
            } else if (fallback == null) {
                fallback = describe(frame, platform);
            }
        }
        return fallback == null ? "" : fallback;
    }

    private static String describe(Frame frame, String eventPlatform) {
        String platform = frame.platform() != null ? frame.platform() : eventPlatform;
        String function = frame.function() == null || frame.function().isEmpty() ? "?" : frame.function();
        if (platform.equals("objc") || platform.equals("cocoa") || platform.equals("native")) {
            return function;
        }
        String location = frame.module() != null && !frame.module().isEmpty() ? frame.module() : frame.filename();
        if (location == null || location.isEmpty()) {
            return "";
        }
        if (platform.equals("javascript") || platform.equals("node")) {
            return function + "(" + location + ")";
        }
        return Json.clip(location, 100) + " in " + function;
    }
}
