package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.ChannelRecord;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook: POSTs the notification's JSON document ({@link NotificationPayload}) to the channel's URL.
 *
 * <p>Headers let the receiver check and de-duplicate it:
 * <ul>
 *   <li>{@code X-Breakwater-Timestamp}: the send time in epoch seconds;
 *   <li>{@code X-Breakwater-Signature}: {@code sha256=} and the hex HMAC-SHA256, under the channel's secret (UTF-8),
 *       of {@code timestamp + "." + body}; signing the timestamp lets a receiver refuse replays of old deliveries;
 *   <li>{@code X-Breakwater-Delivery}: the outbox delivery id, the same on every retry, so a receiver drops a
 *       delivery it already has (the outbox delivers at least once).
 * </ul>
 * A 2xx answer is success. Thread-safe.
 */
public final class WebhookSender implements ChannelSender {
    public static final String KIND = "webhook";
    public static final String SIGNATURE_HEADER = "X-Breakwater-Signature";
    public static final String TIMESTAMP_HEADER = "X-Breakwater-Timestamp";
    public static final String DELIVERY_HEADER = "X-Breakwater-Delivery";

    private final JsonPost post;

    WebhookSender(JsonPost post) {
        this.post = requireNonNull(post, "post is null");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void send(ChannelRecord channel, Notification notification) throws DeliveryException {
        String timestamp = Long.toString(notification.sentAt().getEpochSecond());
        String body = notification.json();
        post.post(channel.target(), body, Map.of(
                SIGNATURE_HEADER, "sha256=" + signature(channel.secret(), timestamp, body),
                TIMESTAMP_HEADER, timestamp,
                DELIVERY_HEADER, Long.toString(notification.deliveryId())));
    }

    /** The hex HMAC-SHA256 under {@code secret} of {@code timestamp + "." + body}, as receivers recompute it. */
    public static String signature(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // an empty secret is not a valid HMAC key for the JDK; sign with one zero byte instead (HMAC pads anyway)
            byte[] key = secret.isEmpty() ? new byte[1] : secret.getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
