package dev.breakwater.alert;

import static dev.breakwater.alert.AlertTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.DeliveryRecord;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationPayloadTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static AlertRecord alert(long id, Optional<Long> project) {
        return new AlertRecord(id, "rule:3:frequency", project, Optional.of(3L), "Too many events", "12 events",
                AlertRecord.FIRING, 1, List.of(7L), T0, Optional.empty(), Optional.empty(), Optional.empty(), T0);
    }

    static DeliveryRecord delivery(long id, long alertId, String payload) {
        return new DeliveryRecord(id, alertId, 7, "fired", payload, DeliveryRecord.PENDING, 0, T0, Optional.empty(),
                T0, Optional.empty());
    }

    @Test
    void theOutboxCopyHasTheDocumentedShape() throws Exception {
        JsonNode root = JSON.readTree(NotificationPayload.of("fired", alert(0, Optional.of(4L)), T0));

        assertThat(root.properties()).extracting(Map.Entry::getKey)
                .containsExactly("delivery", "alert", "project", "sentAt");
        assertThat(root.get("delivery").asText()).isEqualTo("fired");
        assertThat(root.get("project").asLong()).isEqualTo(4);
        assertThat(root.get("alert").properties()).extracting(Map.Entry::getKey)
                .containsExactly("id", "key", "title", "details", "state", "step", "openedAt");
    }

    @Test
    void sendingCompletesTheAlertIdTheLinkAndTheSendTime() throws Exception {
        String stored = NotificationPayload.of("fired", alert(0, Optional.empty()), T0);

        Notification notification = NotificationPayload.forSending(delivery(55, 12, stored),
                Optional.of(URI.create("https://bw.example.com/")), T0.plusSeconds(3));

        assertThat(notification.deliveryId()).isEqualTo(55);
        assertThat(notification.alertId()).isEqualTo(12);
        assertThat(notification.kind()).isEqualTo("fired");
        assertThat(notification.headline()).isEqualTo("FIRING");
        assertThat(notification.dedupKey()).isEqualTo("rule:3:frequency");
        assertThat(notification.step()).isEqualTo(1);
        assertThat(notification.url()).contains("https://bw.example.com/alerts/12");
        assertThat(notification.projectId()).isEmpty();
        JsonNode root = JSON.readTree(notification.json());
        assertThat(root.get("alert").get("id").asLong()).isEqualTo(12);
        assertThat(root.get("alert").get("url").asText()).isEqualTo("https://bw.example.com/alerts/12");
        assertThat(root.get("sentAt").asText()).isEqualTo(T0.plusSeconds(3).toString());
        assertThat(root.get("project").isNull()).isTrue();
    }

    @Test
    void withoutAPublicUrlThereIsNoLink() throws Exception {
        String stored = NotificationPayload.of("resolved", alert(12, Optional.of(4L)), T0);

        Notification notification = NotificationPayload.forSending(delivery(1, 12, stored), Optional.empty(), T0);

        assertThat(notification.url()).isEmpty();
        assertThat(notification.headline()).isEqualTo("RESOLVED");
        assertThat(notification.projectId()).contains(4L);
        assertThat(JSON.readTree(notification.json()).get("alert").has("url")).isFalse();
        assertThat(NotificationPayload.link(URI.create("http://host:8080/bw"), 9)).isEqualTo("http://host:8080/bw/alerts/9");
    }

    @Test
    void aPayloadThatIsNotANotificationIsRefused() {
        assertThatThrownBy(() -> NotificationPayload.forSending(delivery(1, 2, "not json"), Optional.empty(), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delivery 1");
        assertThatThrownBy(() -> NotificationPayload.forSending(delivery(1, 2, "{\"a\":1}"), Optional.empty(), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no alert");
    }

    @Test
    void slackAndEmailRenderingsAreReadable() {
        Notification notification = NotificationPayload.forSending(
                delivery(1, 12, NotificationPayload.of("renotified", alert(12, Optional.of(4L)), T0)),
                Optional.of(URI.create("https://bw.example.com")), T0);

        assertThat(SlackSender.text(notification)).isEqualTo(
                "*[STILL FIRING]* Too many events\n12 events\n<https://bw.example.com/alerts/12|Open alert 12 in Breakwater>");
        assertThat(EmailSender.subject(notification)).isEqualTo("[Breakwater] STILL FIRING: Too many events");
        assertThat(EmailSender.body(notification)).startsWith("STILL FIRING: Too many events\n\n12 events\n\n")
                .contains("Alert:   12 (rule:3:frequency)")
                .contains("State:   firing, step 1")
                .contains("Project: 4")
                .endsWith("https://bw.example.com/alerts/12\n");
    }
}
