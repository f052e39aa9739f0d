package dev.breakwater.web.api;

import dev.breakwater.store.IssueSort;
import dev.breakwater.store.IssueStatus;
import io.helidon.webserver.http.ServerRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and checks the read API's query and path parameters. Every refusal is a 400 naming the parameter and what
 * it accepts. Stateless.
 */
final class Params {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private static final Pattern EVENT_ID = Pattern.compile("[0-9a-f]{32}");

    private Params() {}

    /** A query parameter, stripped; absent when missing or blank. */
    static Optional<String> text(ServerRequest req, String name) {
        return req.query().first(name).map(String::strip).filter(s -> !s.isEmpty());
    }

    static int limit(ServerRequest req) throws ApiException {
        Optional<String> given = text(req, "limit");
        if (given.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(given.get());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below, with the accepted range
        }
        throw ApiException.badParameter(
                "limit must be a whole number from 1 to " + MAX_LIMIT + ", was '" + given.get() + "'");
    }

    /** {@code status}: unresolved (the default), resolved, ignored, or all (empty). */
    static Optional<IssueStatus> issueStatus(ServerRequest req) throws ApiException {
        String given = text(req, "status").orElse("unresolved");
        if (given.equals("all")) {
            return Optional.empty();
        }
        try {
            return Optional.of(IssueStatus.fromWire(given));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(
                    "status must be unresolved, resolved, ignored or all, was '" + given + "'");
        }
    }

    /** {@code sort}: lastSeen (the default), firstSeen or count. */
    static IssueSort issueSort(ServerRequest req) throws ApiException {
        String given = text(req, "sort").orElse(IssueSort.LAST_SEEN.wireName());
        try {
            return IssueSort.fromWire(given);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("sort must be lastSeen, firstSeen or count, was '" + given + "'");
        }
    }

    static String slug(ServerRequest req) {
        return req.path().pathParameters().get("slug");
    }

    static String lane(ServerRequest req) {
        return req.path().pathParameters().get("name");
    }

    static long issueId(ServerRequest req) throws ApiException {
        return id(req, "issue");
    }

    /** The {@code id} path parameter, a positive whole number naming a record of {@code what}, e.g. {@code channel}. */
    static long id(ServerRequest req, String what) throws ApiException {
        String given = req.path().pathParameters().get("id");
        try {
            long id = Long.parseLong(given);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badParameter("the " + what + " id must be a positive whole number, was '" + given + "'");
    }

    /**
     * The event id of the path, normalised to 32 lowercase hex digits: SDKs and logs often show it as a UUID with
     * dashes or in uppercase, and people paste what they see.
     */
    static String eventId(ServerRequest req) throws ApiException {
        String given = req.path().pathParameters().get("eventId");
        String normalised = given.replace("-", "").toLowerCase(Locale.ROOT);
        if (!EVENT_ID.matcher(normalised).matches()) {
            throw ApiException.badParameter("eventId must be 32 hex digits (dashes allowed), was '" + given + "'");
        }
        return normalised;
    }
}
