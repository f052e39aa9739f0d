package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.store.ChannelRecord;
import java.util.Map;

/**
 * A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat and others accept the same shape): POSTs
 * {@code {"text": "..."}} to the channel's URL, one headline line followed by the details and the link, in Slack's
 * mrkdwn with {@code & < >} escaped. A 2xx answer is success. Thread-safe.
 */
public final class SlackSender implements ChannelSender {
    public static final String KIND = "slack";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonPost post;

    SlackSender(JsonPost post) {
        this.post = requireNonNull(post, "post is null");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void send(ChannelRecord channel, Notification notification) throws DeliveryException {
        ObjectNode body = JSON.createObjectNode();
        body.put("text", text(notification));
        try {
            post.post(channel.target(), JSON.writeValueAsString(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialise", e);
        }
    }

    /** The message: {@code *[FIRING]* title}, then the details, then a link to the alert when there is one. */
    static String text(Notification notification) {
        StringBuilder text = new StringBuilder()
                .append("*[").append(notification.headline()).append("]* ")
                .append(escape(notification.title()));
        if (!notification.details().isBlank()) {
            text.append('\n').append(escape(notification.details()));
        }
        notification.url().ifPresent(url -> text.append("\n<").append(url).append("|Open alert ")
                .append(notification.alertId()).append(" in Breakwater>"));
        return text.toString();
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
