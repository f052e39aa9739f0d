package dev.breakwater.ingest.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.ingest.Lanes;
import org.junit.jupiter.api.Test;

class ItemRoutingTest {
    @Test
    void errorsAndWhatBelongsToThemTravelInTheEventsLane() {
        for (String type : new String[] {"event", "attachment", "user_report", "feedback"}) {
            assertThat(ItemRouting.lane(type)).as(type).isEqualTo(Lanes.EVENTS);
        }
    }

    @Test
    void tracingDataTravelsInTheTransactionsLane() {
        for (String type : new String[] {
            "transaction",
            "span",
            "otel_span",
            "profile",
            "profile_chunk",
            "replay_event",
            "replay_recording",
            "replay_video"
        }) {
            assertThat(ItemRouting.lane(type)).as(type).isEqualTo(Lanes.TRANSACTIONS);
        }
    }

    @Test
    void healthAndCountersTravelInTheMetricsLane() {
        for (String type : new String[] {
            "session", "sessions", "client_report", "check_in", "statsd", "metric_buckets", "metric_meta"
        }) {
            assertThat(ItemRouting.lane(type)).as(type).isEqualTo(Lanes.METRICS);
        }
    }

    @Test
    void unknownTypesAreKeptInTheEventsLaneAsDefault() {
        for (String type : new String[] {"hologram", "EVENT", "", "log", "form_data"}) {
            assertThat(ItemRouting.lane(type)).as(type).isEqualTo(Lanes.EVENTS);
        }
        assertThat(ItemRouting.dataCategory("hologram")).isEqualTo("default");
        assertThat(ItemRouting.dataCategory("user_report")).isEqualTo("default");
    }

    @Test
    void dataCategoriesAreSentrysNotItemTypes() {
        assertThat(ItemRouting.dataCategory("event")).isEqualTo("error");
        assertThat(ItemRouting.dataCategory("transaction")).isEqualTo("transaction");
        assertThat(ItemRouting.dataCategory("attachment")).isEqualTo("attachment");
        assertThat(ItemRouting.dataCategory("session")).isEqualTo("session");
        assertThat(ItemRouting.dataCategory("sessions")).isEqualTo("session");
        assertThat(ItemRouting.dataCategory("check_in")).isEqualTo("monitor");
        assertThat(ItemRouting.dataCategory("profile")).isEqualTo("profile");
        assertThat(ItemRouting.dataCategory("profile_chunk")).isEqualTo("profile");
        assertThat(ItemRouting.dataCategory("span")).isEqualTo("span");
        assertThat(ItemRouting.dataCategory("client_report")).isEqualTo("internal");
        assertThat(ItemRouting.dataCategory("replay_recording")).isEqualTo("replay");
        assertThat(ItemRouting.dataCategory("feedback")).isEqualTo("feedback");
        assertThat(ItemRouting.dataCategory("statsd")).isEqualTo("metric_bucket");
        assertThat(ItemRouting.dataCategory("log")).isEqualTo("log_item");
        assertThat(ItemRouting.dataCategory("raw_security")).isEqualTo("security");
    }
}
