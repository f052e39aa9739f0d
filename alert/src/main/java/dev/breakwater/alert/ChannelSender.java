package dev.breakwater.alert;

import dev.breakwater.store.ChannelRecord;

/**
 * Sends notifications to the channels of one {@link ChannelRecord#kind()}. Every send is bounded in time (connect and
 * read timeouts), so a hung endpoint costs one delivery thread for at most that long. Implementations are
 * thread-safe: the delivery pool calls them concurrently for different channels.
 */
public interface ChannelSender {

    /** The channel kind this sends to, e.g. {@code webhook}. */
    String kind();

    /** Sends one notification; returns normally only when the channel accepted it. */
    void send(ChannelRecord channel, Notification notification) throws DeliveryException;
}
