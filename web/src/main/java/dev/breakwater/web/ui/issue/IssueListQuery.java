package dev.breakwater.web.ui.issue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.breakwater.store.IssueQuery;
import dev.breakwater.store.IssueStatus;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * What an issue list URL asks for: the status tab ({@code status}, default unresolved), the filters
 * ({@code environment}, {@code release}, {@code query}), the order ({@code sort}) and the page ({@code cursor}, the
 * store's cursor of the previous page). {@link #url} writes it back as the one canonical URL, used for the page's own
 * links, its live refresh and the return after a bulk action. Immutable.
 */
public record IssueListQuery(
        IssueStatus status,
        ListSort sort,
        Optional<String> environment,
        Optional<String> release,
        Optional<String> text,
        Optional<String> cursor) {
    /** Longest URL accepted back from a form; ours are far shorter. */
    private static final int MAX_BACK_LENGTH = 2000;

    public IssueListQuery {
        requireNonNull(status, "status is null");
        requireNonNull(sort, "sort is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(release, "release is null");
        requireNonNull(text, "text is null");
        requireNonNull(cursor, "cursor is null");
    }

    /**
     * Reads the query from parameters that are already stripped, blank meaning absent (as {@code UiRequest.query}
     * gives them). A release of {@code any} means no release filter.
     *
     * @throws IllegalArgumentException (a 400) for an unknown status or sort
     */
    static IssueListQuery parse(Function<String, Optional<String>> params) {
        return new IssueListQuery(
                params.apply("status").map(IssueStatus::fromWire).orElse(IssueStatus.UNRESOLVED),
                params.apply("sort").map(ListSort::fromValue).orElse(ListSort.LAST_SEEN),
                params.apply("environment"),
                params.apply("release").filter(release -> !release.equals("any")),
                params.apply("query"),
                params.apply("cursor"));
    }

    /**
     * The list a {@code back} form field points to, when it is this project's issue list ({@code /projects/{slug}/issues}
     * with an optional query); empty for anything else, so a form cannot send the browser elsewhere.
     */
    static Optional<IssueListQuery> fromBackLink(String back, String slug) {
        String path = path(slug);
        if (back.length() > MAX_BACK_LENGTH || back.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            return Optional.empty();
        }
        if (!back.equals(path) && !back.startsWith(path + "?")) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (back.length() > path.length()) {
            for (String pair : back.substring(path.length() + 1).split("&")) {
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8).strip();
                    if (!value.isEmpty()) {
                        params.putIfAbsent(name, value);
                    }
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(parse(name -> Optional.ofNullable(params.get(name))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String path(String slug) {
        return "/projects/" + slug + "/issues";
    }

    IssueQuery toStore(long projectId, int limit) {
        return new IssueQuery(projectId, Optional.of(status), sort.store(), text, environment, release, cursor, limit);
    }

    /** The same list in another tab, from its first page. */
    IssueListQuery withStatus(IssueStatus other) {
        return new IssueListQuery(other, sort, environment, release, text, Optional.empty());
    }

    /** The same tab and order without the environment, release and text filters. */
    IssueListQuery withoutFilters() {
        return new IssueListQuery(status, sort, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    IssueListQuery firstPage() {
        return withCursor(Optional.empty());
    }

    IssueListQuery withCursor(Optional<String> next) {
        return new IssueListQuery(status, sort, environment, release, text, next);
    }

    public boolean filtered() {
        return environment.isPresent() || release.isPresent() || text.isPresent();
    }

    /** The canonical URL of this list: the status always, the rest only when set, in a fixed order. */
    String url(String slug) {
        StringJoiner query = new StringJoiner("&", path(slug) + "?", "");
        query.add("status=" + status.wireName());
        environment.ifPresent(value -> query.add("environment=" + encode(value)));
        release.ifPresent(value -> query.add("release=" + encode(value)));
        text.ifPresent(value -> query.add("query=" + encode(value)));
        if (sort != ListSort.LAST_SEEN) {
            query.add("sort=" + sort.value());
        }
        cursor.ifPresent(value -> query.add("cursor=" + encode(value)));
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }
}
