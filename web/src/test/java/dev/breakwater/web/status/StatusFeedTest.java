package dev.breakwater.web.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.store.ComponentState;
import dev.breakwater.store.IncidentRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusFeedTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:20:00Z");

    @Test
    void charactersXmlCannotCarryAreDropped() {
        assertThat(StatusFeed.xmlSafe("a\u0000b\u001Fc\td\ne\uFFFEf 🌊")).isEqualTo("abc\td\nef 🌊");
        assertThat(StatusFeed.xmlSafe("lone \uDC00 surrogate")).isEqualTo("lone  surrogate");
    }

    @Test
    void emptyFeedIsStillValidAtomAndDoesNotChangeWithTheClock() {
        StatusReport report = new StatusReport(NOW, List.of(new ComponentState("Web", "operational", NOW.minusSeconds(60))),
                List.of(), List.of());

        String feed = StatusFeed.write(report, "http://localhost:8080");

        assertThat(feed).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">",
                "<updated>" + NOW.minusSeconds(60) + "</updated>", "href=\"http://localhost:8080/status.atom\"")
                .doesNotContain("<entry>");
    }

    @Test
    void controlCharactersInAMessageDoNotBreakTheFeed() {
        IncidentRecord incident = new IncidentRecord(1, "Web", "Web degraded", "investigating", NOW, Optional.empty(),
                List.of(new IncidentRecord.Update(1, NOW, "investigating", "bad\u0000byte & <b>", Optional.empty())));
        String feed = StatusFeed.write(new StatusReport(NOW, List.of(), List.of(incident), List.of()), "http://h");

        assertThat(feed).contains("<content type=\"text\">badbyte &amp; &lt;b&gt;</content>");
    }
}
