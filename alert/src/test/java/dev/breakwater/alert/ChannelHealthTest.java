package dev.breakwater.alert;

import static dev.breakwater.alert.AlertTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.ChannelRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelHealthTest {
    static final ChannelRecord HOOK = new ChannelRecord(1, "ops hook", "webhook", "http://x", "s", T0);
    static final ChannelRecord MAIL = new ChannelRecord(2, "ops mail", "email", "ops@example.com", "", T0);

    static AlertRecord failingAlert(long channelId) {
        return new AlertRecord(9, ChannelHealth.key(channelId), Optional.empty(), Optional.empty(), "failing", "x",
                AlertRecord.FIRING, 0, List.of(2L), T0, Optional.empty(), Optional.empty(), Optional.empty(), T0);
    }

    @Test
    void aGivenUpDeliveryMakesItsChannelFailingForAnHourOnTheOtherChannels() {
        ChannelHealth health = new ChannelHealth();
        health.givenUp(1, "answered HTTP 500", T0);
        health.givenUp(1, "answered HTTP 503", T0.plusSeconds(10));

        List<Condition> conditions = health.conditions(List.of(HOOK, MAIL), List.of(), T0.plusSeconds(20));

        assertThat(conditions).singleElement().satisfies(condition -> {
            assertThat(condition.dedupKey()).isEqualTo("channel:1:failing");
            assertThat(condition.active()).isTrue();
            assertThat(condition.title()).isEqualTo("Notification channel ops hook is failing");
            assertThat(condition.details()).startsWith("2 notifications to webhook channel 'ops hook' given up")
                    .endsWith("last error: answered HTTP 503");
            assertThat(condition.excludedChannelId()).contains(1L);
            assertThat(condition.channelIds()).isEmpty();
        });

        List<AlertRecord> open = List.of(failingAlert(1));
        assertThat(health.conditions(List.of(HOOK, MAIL), open, T0.plus(Duration.ofMinutes(61))))
                .singleElement()
                .satisfies(condition -> assertThat(condition.active()).isFalse());
    }

    @Test
    void aSuccessfulDeliveryEndsTheFailure() {
        ChannelHealth health = new ChannelHealth();
        health.givenUp(1, "boom", T0);
        health.delivered(1, T0.plusSeconds(5));

        assertThat(health.conditions(List.of(HOOK), List.of(failingAlert(1)), T0.plusSeconds(6)))
                .singleElement()
                .satisfies(condition -> {
                    assertThat(condition.active()).isFalse();
                    assertThat(condition.dedupKey()).isEqualTo("channel:1:failing");
                });
    }

    @Test
    void anOpenFailingAlertSurvivesARestartAndADeletedChannelClearsIt() {
        ChannelHealth health = new ChannelHealth();
        health.recover(List.of(failingAlert(1)));
        assertThat(health.conditions(List.of(HOOK), List.of(failingAlert(1)), T0.plusSeconds(60)))
                .singleElement()
                .satisfies(condition -> assertThat(condition.active()).isTrue());

        assertThat(health.conditions(List.of(MAIL), List.of(failingAlert(1)), T0.plusSeconds(60)))
                .singleElement()
                .satisfies(condition -> {
                    assertThat(condition.active()).isFalse();
                    assertThat(condition.details()).contains("deleted");
                });
    }
}
