package dev.breakwater.web.ui.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.store.IssueQuery;
import dev.breakwater.store.IssueSort;
import dev.breakwater.store.IssueStatus;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IssueListQueryTest {

    @Test
    void defaultsToUnresolvedIssuesLastSeenFirst() {
        IssueListQuery query = parse(Map.of());

        assertThat(query.status()).isEqualTo(IssueStatus.UNRESOLVED);
        assertThat(query.sort()).isEqualTo(ListSort.LAST_SEEN);
        assertThat(query.filtered()).isFalse();
        assertThat(query.url("shop")).isEqualTo("/projects/shop/issues?status=unresolved");
    }

    @Test
    void readsEveryFilterAndWritesTheCanonicalUrl() {
        IssueListQuery query = parse(Map.of("status", "resolved", "sort", "events", "environment", "prod eu",
                "release", "shop@1.1", "query", "a&b=c", "cursor", "Y3Vy"));

        assertThat(query.url("shop")).isEqualTo("/projects/shop/issues?status=resolved&environment=prod+eu"
                + "&release=shop%401.1&query=a%26b%3Dc&sort=events&cursor=Y3Vy");
        IssueQuery store = query.toStore(7, 25);
        assertThat(store).isEqualTo(new IssueQuery(7, Optional.of(IssueStatus.RESOLVED), IssueSort.COUNT,
                Optional.of("a&b=c"), Optional.of("prod eu"), Optional.of("shop@1.1"), Optional.of("Y3Vy"), 25));
    }

    @Test
    void anyReleaseMeansNoReleaseFilter() {
        assertThat(parse(Map.of("release", "any")).release()).isEmpty();
    }

    @Test
    void refusesAnUnknownStatusOrSort() {
        assertThatThrownBy(() -> parse(Map.of("status", "done"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unresolved, resolved or ignored");
        assertThatThrownBy(() -> parse(Map.of("sort", "count"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last_seen, first_seen or events");
    }

    @Test
    void anotherTabOrTheFirstPageDropsTheCursorButKeepsTheFilters() {
        IssueListQuery query = parse(Map.of("environment", "prod", "cursor", "abc"));

        assertThat(query.withStatus(IssueStatus.IGNORED).url("shop"))
                .isEqualTo("/projects/shop/issues?status=ignored&environment=prod");
        assertThat(query.firstPage().url("shop")).isEqualTo("/projects/shop/issues?status=unresolved&environment=prod");
    }

    @Test
    void readsBackALinkToTheSameProjectsIssueList() {
        IssueListQuery query = parse(Map.of("status", "ignored", "release", "shop@1.1", "query", "a&b", "cursor", "x"));

        assertThat(IssueListQuery.fromBackLink(query.url("shop"), "shop")).contains(query);
        assertThat(IssueListQuery.fromBackLink("/projects/shop/issues", "shop")).contains(parse(Map.of()));
        // notices and unknown parameters of the link are not carried over
        assertThat(IssueListQuery.fromBackLink("/projects/shop/issues?status=resolved&notice=none&x=1", "shop")
                        .map(back -> back.url("shop")))
                .contains("/projects/shop/issues?status=resolved");
    }

    @Test
    void refusesBackLinksThatLeadElsewhere() {
        for (String link : new String[] {
            "/projects/blog/issues", "/projects/shop/issuesx", "/projects/shop/issues/../../users", "//evil.example/",
            "https://evil.example/projects/shop/issues", "/projects/shop/issues?status=done",
            "/projects/shop/issues?status=resolved\r\nSet-Cookie:x", "/projects/shop/issues?query=%zz", "",
            "/projects/shop/issues?query=" + "a".repeat(2000)}) {
            assertThat(IssueListQuery.fromBackLink(link, "shop")).as(link).isEmpty();
        }
    }

    private static IssueListQuery parse(Map<String, String> params) {
        return IssueListQuery.parse(name -> Optional.ofNullable(params.get(name)));
    }
}
