package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.ChannelRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns given-up deliveries into Breakwater's own alerts: a channel that gave up a delivery within the last hour, and
 * has delivered nothing since, is failing, which raises {@code channel:<id>:failing} on every <em>other</em> channel.
 * It resolves after an hour without another give-up, or at the channel's next successful delivery.
 *
 * <p>Failures are kept in memory, fed by the {@link OutboxDispatcher}. After a restart an open failing alert counts
 * as a failure at its last notification, so a restart neither resolves it nor needs to re-learn it.
 * Thread-safe.
 */
public final class ChannelHealth {
    static final Duration WINDOW = Duration.ofHours(1);
    private static final Pattern KEY = Pattern.compile("channel:(\\d+):failing");

    private final Map<Long, Failure> failures = new ConcurrentHashMap<>();

    /** The dedup key of a channel's failing alert. */
    public static String key(long channelId) {
        return "channel:" + channelId + ":failing";
    }

    /** The channel whose failing alert has this dedup key; empty for any other key. */
    static Optional<Long> channelOf(String dedupKey) {
        Matcher matcher = KEY.matcher(dedupKey);
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    void givenUp(long channelId, String error, Instant at) {
        failures.merge(channelId, new Failure(at, at, 1, error), (old, fresh) -> old.lastAt.plus(WINDOW).isBefore(at)
                ? fresh
                : new Failure(old.firstAt, at, old.count + 1, error));
    }

    void delivered(long channelId, Instant at) {
        failures.computeIfPresent(channelId, (id, failure) -> failure.lastAt.isAfter(at) ? failure : null);
    }

    /** Takes open failing alerts as failures, so a restart does not resolve them. */
    void recover(List<AlertRecord> openAlerts) {
        for (AlertRecord alert : openAlerts) {
            Matcher matcher = KEY.matcher(alert.dedupKey());
            if (matcher.matches()) {
                Instant at = alert.lastNotifiedAt();
                failures.putIfAbsent(Long.parseLong(matcher.group(1)), new Failure(at, at, 1, alert.details()));
            }
        }
    }

    /**
     * The failing channels' conditions, and cleared conditions for the open failing alerts whose channel is fine
     * again or gone.
     */
    List<Condition> conditions(List<ChannelRecord> channels, List<AlertRecord> openAlerts, Instant now) {
        List<Condition> conditions = new ArrayList<>();
        Set<String> failingKeys = new HashSet<>();
        Instant since = now.minus(WINDOW);
        for (ChannelRecord channel : channels) {
            Failure failure = failures.get(channel.id());
            if (failure == null || failure.lastAt.isBefore(since)) {
                continue;
            }
            String key = key(channel.id());
            failingKeys.add(key);
            String details = failure.count + (failure.count == 1 ? " notification" : " notifications")
                    + " to " + channel.kind() + " channel '" + channel.name() + "' given up since " + failure.firstAt
                    + "; last error: " + failure.lastError;
            conditions.add(new Condition(key, "Notification channel " + channel.name() + " is failing", details, true,
                    0, Optional.empty(), Optional.empty(), List.of(), Optional.of(channel.id())));
        }
        for (AlertRecord alert : openAlerts) {
            Matcher matcher = KEY.matcher(alert.dedupKey());
            if (matcher.matches() && !failingKeys.contains(alert.dedupKey())) {
                long channelId = Long.parseLong(matcher.group(1));
                boolean exists = channels.stream().anyMatch(channel -> channel.id() == channelId);
                conditions.add(Condition.cleared(alert.dedupKey(),
                        exists ? "the channel delivers again, or gave up nothing for an hour" : "the channel was deleted"));
            }
        }
        failures.entrySet().removeIf(entry -> entry.getValue().lastAt.isBefore(since));
        return conditions;
    }

    private record Failure(Instant firstAt, Instant lastAt, int count, String lastError) {
        Failure {
            requireNonNull(lastError, "lastError is null");
        }
    }
}
