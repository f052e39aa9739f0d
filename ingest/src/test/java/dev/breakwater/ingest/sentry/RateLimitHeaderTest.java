package dev.breakwater.ingest.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitHeaderTest {
    @Test
    void formatsLimitsAsRelayDoes() {
        assertThat(RateLimitHeader.format(List.of(
                        new RateLimit(60, List.of("transaction"), "key", Optional.empty()),
                        new RateLimit(
                                2700, List.of("default", "error", "security"), "organization", Optional.empty()))))
                .isEqualTo("60:transaction:key, 2700:default;error;security:organization");
        assertThat(RateLimitHeader.format(List.of(RateLimit.all(60, "project", "rate_limited"))))
                .isEqualTo("60::project:rate_limited");
    }

    @Test
    void parsesWhatItFormatsAndWhatRelaySends() {
        List<RateLimit> limits = List.of(
                new RateLimit(60, List.of("transaction"), "key", Optional.empty()),
                new RateLimit(2700, List.of("default", "error"), "organization", Optional.of("quota_exceeded")),
                RateLimit.all(1, "project", "lane_full"));
        assertThat(RateLimitHeader.parse(RateLimitHeader.format(limits))).isEqualTo(limits);
        assertThat(RateLimitHeader.parse("2700:metric_bucket:organization:quota_exceeded:custom"))
                .containsExactly(
                        new RateLimit(2700, List.of("metric_bucket"), "organization", Optional.of("quota_exceeded")));
        assertThat(RateLimitHeader.parse("1.2::key"))
                .containsExactly(new RateLimit(2, List.of(), "key", Optional.empty()));
    }

    @Test
    void retryAfterIsTheLongestLimit() {
        assertThat(RateLimitHeader.retryAfterSeconds(
                        RateLimitHeader.parse("60:transaction:key, 300::project, 5:error:key")))
                .isEqualTo(300);
        assertThat(RateLimitHeader.retryAfterSeconds(List.of())).isZero();
    }

    @Test
    void refusesValuesThatWouldCorruptTheHeader() {
        assertThatThrownBy(() -> new RateLimit(1, List.of("error;default"), "key", Optional.empty()))
                .hasMessage("category 'error;default' may only hold a-z, 0-9 and _");
        assertThatThrownBy(() -> new RateLimit(1, List.of(), "project, 5", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(-1, List.of(), "key", Optional.empty()))
                .hasMessage("retry-after must not be negative, was -1");
        assertThatThrownBy(() -> RateLimitHeader.format(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimitHeader.parse("soon::key"))
                .hasMessage("rate limit 'soon::key' has no number of seconds");
        assertThatThrownBy(() -> RateLimitHeader.parse("60:error"))
                .hasMessage("rate limit '60:error' needs retry_after:categories:scope");
    }
}
