package dev.breakwater.bench;

import java.util.List;

/**
 * What makes events group together: an exception type thrown from one call site, with the stack that leads there
 * (caller first, the frame that threw last, as Sentry orders them). Events of one fingerprint differ only in their
 * message parameters, ids, user, tags and breadcrumbs.
 *
 * @param exceptionModule package of the exception class, e.g. {@code java.lang}
 * @param exceptionType   simple class name, e.g. {@code IllegalStateException}
 * @param messageTemplate message with {@code %d}, {@code %s} and {@code %x} holes filled per event
 * @param transaction     the route or job the error happened in
 */
record Fingerprint(
        String exceptionModule,
        String exceptionType,
        String messageTemplate,
        String transaction,
        String logger,
        List<StackFrame> frames) {

    Fingerprint {
        frames = List.copyOf(frames);
    }

    /** The frame that threw, for naming the call site. */
    StackFrame callSite() {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i).inApp()) {
                return frames.get(i);
            }
        }
        return frames.getLast();
    }
}
