package dev.breakwater.web.ui.issue;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One event as the issue page shows it, read from its canonical document by {@link EventViewReader}. Every string is
 * the event's own (untrusted) text and reaches the page only through the templates' escaping; absent values are
 * {@code ""} or empty lists.
 *
 * @param exceptions the exception chain, outermost (the one thrown) first
 * @param stack      the stack of a message event (one not attached to an exception), grouped for display
 * @param rawJson    the whole canonical document, pretty-printed
 */
public record EventView(
        String eventId,
        String level,
        String message,
        String platform,
        String release,
        String environment,
        String serverName,
        String logger,
        String transaction,
        TimeView received,
        TimeView timestamp,
        List<ExceptionView> exceptions,
        List<FrameGroup> stack,
        List<Breadcrumb> breadcrumbs,
        List<Field> tags,
        List<Field> user,
        Request request,
        List<Context> contexts,
        List<Field> extra,
        String sdk,
        String rawJson) {
    public EventView {
        requireNonNull(eventId, "eventId is null");
        exceptions = List.copyOf(exceptions);
        stack = List.copyOf(stack);
        breadcrumbs = List.copyOf(breadcrumbs);
        tags = List.copyOf(tags);
        user = List.copyOf(user);
        requireNonNull(request, "request is null");
        contexts = List.copyOf(contexts);
        extra = List.copyOf(extra);
        requireNonNull(rawJson, "rawJson is null");
    }

    /** A name and its value as text (JSON other than a string is shown compact). */
    public record Field(String name, String value) {}

    /** A breadcrumb; {@code time} is empty when the SDK sent none (or one that is not a time). */
    public record Breadcrumb(Optional<TimeView> time, String type, String category, String level, String message, String data) {}

    /** The HTTP request the event happened in; {@link #present} is false when the SDK sent none. */
    public record Request(String method, String url, String queryString, List<Field> headers, String data) {
        public Request {
            headers = List.copyOf(headers);
        }

        public boolean present() {
            return !method.isEmpty() || !url.isEmpty() || !queryString.isEmpty() || !headers.isEmpty() || !data.isEmpty();
        }
    }

    /** One entry of {@code contexts} (os, runtime, browser, ...) with its fields. */
    public record Context(String name, List<Field> fields) {
        public Context {
            fields = List.copyOf(fields);
        }
    }
}
