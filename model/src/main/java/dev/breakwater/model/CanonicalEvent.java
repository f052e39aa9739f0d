package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One error or message event in Breakwater's own shape, whatever protocol brought it. Everything downstream
 * (grouping, storage, the API) reads this and never the peer payloads, except {@link #raw()} which keeps the
 * original for display.
 *
 * <p>Invariants: {@code eventId} is 32 lowercase hex digits; {@code level} is one of
 * {@code fatal|error|warning|info|debug}; {@code exceptions} run oldest to newest, so the last one is the outermost
 * (the one thrown); every frame list runs oldest call first; maps keep payload order and, like lists, are
 * unmodifiable. {@code raw} is the decoder's own tree, never shared with the caller; treat it as read-only.
 *
 * @param message         the human-readable message, {@code ""} when none (Sentry: {@code logentry.formatted},
 *                        else {@code logentry.message} with its params applied, else a plain {@code message};
 *                        Rollbar: {@code body.message.body} or the trace's exception message)
 * @param messageTemplate the message before parameters were applied ({@code logentry.message}), which groups
 *                        better than the formatted text
 * @param title           an explicit title sent by the client (Rollbar {@code data.title}); it overrides the
 *                        derived one
 * @param stacktrace      a stack not attached to any exception (a message event's {@code stacktrace}, or its
 *                        crashed thread's); empty when the event has exceptions, which then carry the stack
 * @param fingerprint     a client-chosen grouping fingerprint; empty means "group by default"
 * @param source          {@code sentry-envelope}, {@code sentry-store} or {@code rollbar}
 * @param raw             the original event JSON ({@code access_token} removed from Rollbar items): a tree, or for
 *                        Sentry events its bytes, written back verbatim (see {@code Json.verbatim})
 */
public record CanonicalEvent(
        String eventId,
        Instant timestamp,
        Instant receivedAt,
        String platform,
        String level,
        String message,
        Optional<String> messageTemplate,
        Optional<String> title,
        Optional<String> release,
        Optional<String> environment,
        Optional<String> serverName,
        Optional<String> logger,
        Optional<String> transaction,
        Map<String, String> tags,
        User user,
        List<ExceptionValue> exceptions,
        List<Frame> stacktrace,
        List<Breadcrumb> breadcrumbs,
        Request request,
        Map<String, JsonNode> contexts,
        Map<String, JsonNode> extra,
        Optional<Sdk> sdk,
        List<String> fingerprint,
        String source,
        JsonNode raw) {

    public CanonicalEvent {
        requireNonNull(eventId, "eventId is null");
        if (!EventId.isCanonical(eventId)) {
            throw new IllegalArgumentException("eventId must be 32 lowercase hex digits, was '" + eventId + "'");
        }
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(receivedAt, "receivedAt is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(level, "level is null");
        if (!Level.isWireName(level)) {
            throw new IllegalArgumentException("level must be fatal|error|warning|info|debug, was '" + level + "'");
        }
        requireNonNull(message, "message is null");
        requireNonNull(messageTemplate, "messageTemplate is null");
        requireNonNull(title, "title is null");
        requireNonNull(release, "release is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(serverName, "serverName is null");
        requireNonNull(logger, "logger is null");
        requireNonNull(transaction, "transaction is null");
        tags = frozen(requireNonNull(tags, "tags is null"));
        requireNonNull(user, "user is null");
        exceptions = List.copyOf(requireNonNull(exceptions, "exceptions is null"));
        stacktrace = List.copyOf(requireNonNull(stacktrace, "stacktrace is null"));
        breadcrumbs = List.copyOf(requireNonNull(breadcrumbs, "breadcrumbs is null"));
        requireNonNull(request, "request is null");
        contexts = frozen(requireNonNull(contexts, "contexts is null"));
        extra = frozen(requireNonNull(extra, "extra is null"));
        requireNonNull(sdk, "sdk is null");
        fingerprint = List.copyOf(requireNonNull(fingerprint, "fingerprint is null"));
        requireNonNull(source, "source is null");
        requireNonNull(raw, "raw is null");
    }

    /** The same event under another id (an event rebuilt from its stored form keeps the id it was stored under). */
    public CanonicalEvent withEventId(String id) {
        return new CanonicalEvent(id, timestamp, receivedAt, platform, level, message, messageTemplate, title, release,
                environment, serverName, logger, transaction, tags, user, exceptions, stacktrace, breadcrumbs, request,
                contexts, extra, sdk, fingerprint, source, raw);
    }

    /** Whether this is an error event (it carries an exception) rather than a message event. */
    public boolean isError() {
        return !exceptions.isEmpty();
    }

    /** The outermost exception, the one that was thrown: the last of {@link #exceptions()}. */
    public Optional<ExceptionValue> outermostException() {
        return exceptions.isEmpty() ? Optional.empty() : Optional.of(exceptions.getLast());
    }

    /** A builder with every optional part empty, level {@code error}, platform {@code other}, raw JSON null. */
    public static Builder builder(String eventId, Instant receivedAt, String source) {
        return new Builder(eventId, receivedAt, source);
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Assembles an event field by field; decoders and tests use it instead of the 25-argument constructor. */
    public static final class Builder {
        private final String eventId;
        private final Instant receivedAt;
        private final String source;
        private Instant timestamp;
        private String platform = "other";
        private String level = "error";
        private String message = "";
        private Optional<String> messageTemplate = Optional.empty();
        private Optional<String> title = Optional.empty();
        private Optional<String> release = Optional.empty();
        private Optional<String> environment = Optional.empty();
        private Optional<String> serverName = Optional.empty();
        private Optional<String> logger = Optional.empty();
        private Optional<String> transaction = Optional.empty();
        private Map<String, String> tags = Map.of();
        private User user = User.NONE;
        private List<ExceptionValue> exceptions = new ArrayList<>();
        private List<Frame> stacktrace = List.of();
        private List<Breadcrumb> breadcrumbs = List.of();
        private Request request = Request.NONE;
        private Map<String, JsonNode> contexts = Map.of();
        private Map<String, JsonNode> extra = Map.of();
        private Optional<Sdk> sdk = Optional.empty();
        private List<String> fingerprint = List.of();
        private JsonNode raw = NullNode.getInstance();

        private Builder(String eventId, Instant receivedAt, String source) {
            this.eventId = requireNonNull(eventId, "eventId is null");
            this.receivedAt = requireNonNull(receivedAt, "receivedAt is null");
            this.source = requireNonNull(source, "source is null");
        }

        /** The payload's own time; {@code receivedAt} when never set. */
        public Builder timestamp(Instant value) {
            this.timestamp = requireNonNull(value, "timestamp is null");
            return this;
        }

        public Builder platform(String value) {
            this.platform = requireNonNull(value, "platform is null");
            return this;
        }

        public Builder level(String value) {
            this.level = requireNonNull(value, "level is null");
            return this;
        }

        public Builder message(String value) {
            this.message = requireNonNull(value, "message is null");
            return this;
        }

        public Builder messageTemplate(String value) {
            this.messageTemplate = Optional.ofNullable(value);
            return this;
        }

        public Builder title(String value) {
            this.title = Optional.ofNullable(value);
            return this;
        }

        public Builder release(String value) {
            this.release = Optional.ofNullable(value);
            return this;
        }

        public Builder environment(String value) {
            this.environment = Optional.ofNullable(value);
            return this;
        }

        public Builder serverName(String value) {
            this.serverName = Optional.ofNullable(value);
            return this;
        }

        public Builder logger(String value) {
            this.logger = Optional.ofNullable(value);
            return this;
        }

        public Builder transaction(String value) {
            this.transaction = Optional.ofNullable(value);
            return this;
        }

        public Builder tags(Map<String, String> value) {
            this.tags = requireNonNull(value, "tags is null");
            return this;
        }

        public Builder user(User value) {
            this.user = requireNonNull(value, "user is null");
            return this;
        }

        public Builder exceptions(List<ExceptionValue> value) {
            this.exceptions = requireNonNull(value, "exceptions is null");
            return this;
        }

        public Builder addException(ExceptionValue value) {
            this.exceptions.add(requireNonNull(value, "exception is null"));
            return this;
        }

        public Builder stacktrace(List<Frame> value) {
            this.stacktrace = requireNonNull(value, "stacktrace is null");
            return this;
        }

        public Builder breadcrumbs(List<Breadcrumb> value) {
            this.breadcrumbs = requireNonNull(value, "breadcrumbs is null");
            return this;
        }

        public Builder request(Request value) {
            this.request = requireNonNull(value, "request is null");
            return this;
        }

        public Builder contexts(Map<String, JsonNode> value) {
            this.contexts = requireNonNull(value, "contexts is null");
            return this;
        }

        public Builder extra(Map<String, JsonNode> value) {
            this.extra = requireNonNull(value, "extra is null");
            return this;
        }

        public Builder sdk(Sdk value) {
            this.sdk = Optional.ofNullable(value);
            return this;
        }

        public Builder fingerprint(List<String> value) {
            this.fingerprint = requireNonNull(value, "fingerprint is null");
            return this;
        }

        public Builder raw(JsonNode value) {
            this.raw = requireNonNull(value, "raw is null");
            return this;
        }

        public CanonicalEvent build() {
            return new CanonicalEvent(eventId, timestamp == null ? receivedAt : timestamp, receivedAt, platform,
                    level, message, messageTemplate, title, release, environment, serverName, logger, transaction,
                    tags, user, exceptions, stacktrace, breadcrumbs, request, contexts, extra, sdk, fingerprint,
                    source, raw);
        }
    }
}
