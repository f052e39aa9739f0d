package dev.breakwater.web.ui.alert;

import static dev.breakwater.web.api.ShopData.NOW;

import dev.breakwater.store.AlertChange;
import dev.breakwater.store.AlertRecord;
import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.DeliveryRecord;
import dev.breakwater.store.NewChannel;
import dev.breakwater.store.NewDelivery;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import dev.breakwater.web.api.ShopData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Channels and alerts on top of {@link ShopData}, written with the store operations the alerting engine uses:
 *
 * <pre>
 * channels  ops hook (webhook), team chat (slack)
 * shop      firing    "New issue in shop: ValueError: bad input"  NOW-10m, notifies both; the hook's delivery
 *                     was given up after 5 attempts, the chat's is delivered
 *           resolved  "Regression in shop: KeyError: 'sku'"       NOW-3h, resolved NOW-2h
 * blog      firing    "New issue in blog: TypeError"              NOW-1h, notifies the hook
 * internal  firing    "Spool disk 91 % full" (no project)         NOW-30m, step 1, notifies both
 * </pre>
 */
public final class AlertData {
    public static final String HOOK_ERROR = "hooks.example.com answered HTTP 500";

    public final ChannelRecord hook;
    public final ChannelRecord chat;
    public final AlertRecord shopFiring;
    public final AlertRecord shopResolved;
    public final AlertRecord blogFiring;
    public final AlertRecord internal;

    private AlertData(Store store, ShopData data) throws StoreException {
        hook = store.createChannel(new NewChannel("ops hook", "webhook", "https://hooks.example.com/breakwater",
                "hook-secret-0123456789", NOW.minus(Duration.ofDays(2))));
        chat = store.createChannel(new NewChannel("team chat", "slack", "https://chat.example.com/hooks/T1/B2",
                "", NOW.minus(Duration.ofDays(2))));
        List<Long> both = List.of(hook.id(), chat.id());
        AlertRecord shop = fire(store, alert("rule:1:new_issue:issue:" + data.issue("a").id(), Optional.of(data.shop.id()),
                "New issue in shop: ValueError: bad input", 0, both, NOW.minus(Duration.ofMinutes(10))));
        for (DeliveryRecord delivery : store.deliveries(shop.id())) {
            if (delivery.channelId() == hook.id()) {
                store.deliveryFailed(delivery.id(), "outbox-test", 5, HOOK_ERROR, Optional.empty(), NOW.minus(Duration.ofMinutes(2)));
            } else {
                store.deliverySucceeded(delivery.id(), "outbox-test", 1, NOW.minus(Duration.ofMinutes(9)));
            }
        }
        shopFiring = store.alert(shop.id()).orElseThrow();
        AlertRecord regression = fire(store, alert("rule:2:regression:issue:" + data.issue("b").id() + ":signal:9",
                Optional.of(data.shop.id()), "Regression in shop: KeyError: 'sku'", 0, both,
                NOW.minus(Duration.ofHours(3))));
        shopResolved = store.applyAlertChange(new AlertChange(new AlertRecord(regression.id(), regression.dedupKey(),
                regression.projectId(), regression.ruleId(), regression.title(), regression.details(),
                AlertRecord.RESOLVED, 0, both, regression.openedAt(), Optional.empty(), Optional.empty(),
                Optional.of(NOW.minus(Duration.ofHours(2))), NOW.minus(Duration.ofHours(2))), "resolved",
                "resolved: the issue is resolved", NOW.minus(Duration.ofHours(2)), List.of()));
        blogFiring = fire(store, alert("rule:3:new_issue:issue:" + data.issue("d").id(), Optional.of(data.blog.id()),
                "New issue in blog: TypeError: x is undefined", 0, List.of(hook.id()), NOW.minus(Duration.ofHours(1))));
        internal = fire(store, alert("disk:spool", Optional.empty(), "Spool disk 91 % full", 1, both,
                NOW.minus(Duration.ofMinutes(30))));
    }

    public static AlertData seed(Store store, ShopData data) throws StoreException {
        return new AlertData(store, data);
    }

    private static AlertRecord alert(String key, Optional<Long> project, String title, int step, List<Long> channels,
            Instant at) {
        return new AlertRecord(0, key, project, Optional.empty(), title, "details of " + title + "\nsecond line",
                AlertRecord.FIRING, step, channels, at, Optional.empty(), Optional.empty(), Optional.empty(), at);
    }

    private static AlertRecord fire(Store store, AlertRecord alert) throws StoreException {
        List<NewDelivery> deliveries = alert.channelIds().stream()
                .map(channel -> new NewDelivery(channel, "fired", "{\"kind\": \"fired\"}"))
                .toList();
        return store.applyAlertChange(new AlertChange(alert, "fired", "fired: " + alert.title(), alert.openedAt(),
                deliveries));
    }
}
