package dev.breakwater.web.ui.alert;

import dev.breakwater.store.ChannelRecord;
import dev.breakwater.web.ui.issue.TimeView;

/** One channel as the channels page lists it; only a webhook has a signing secret to show. */
public record ChannelRow(ChannelRecord channel, TimeView created) {
    public boolean webhook() {
        return channel.kind().equals(ChannelDraft.WEBHOOK);
    }
}
