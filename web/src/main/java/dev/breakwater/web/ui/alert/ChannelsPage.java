package dev.breakwater.web.ui.alert;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.breakwater.store.ChannelRecord;
import dev.breakwater.store.NewChannel;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiException;
import dev.breakwater.web.ui.UiReply;
import dev.breakwater.web.ui.UiRequest;
import java.net.URLEncoder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Notification channels, for admins only (403 for everyone else): {@code GET /channels} lists them (a webhook's
 * signing secret behind a disclosure, to copy to its receiver) with a form for a new one ({@code POST /channels});
 * {@code POST /channels/{id}/delete} deletes one, {@code POST /channels/{id}/enable} and {@code .../disable} switch
 * one on and off (deleting or disabling cancels its pending deliveries). Secrets are made here, never typed.
 * Thread-safe.
 */
final class ChannelsPage {
    private final UiContext context;
    private final Store store;
    private final ChannelSecrets secrets;

    ChannelsPage(UiContext context, ChannelSecrets secrets) {
        this.context = requireNonNull(context, "context is null");
        this.store = context.store();
        this.secrets = requireNonNull(secrets, "secrets is null");
    }

    UiReply show(UiRequest request) throws Exception {
        context.requireAdmin(request);
        return page(request, 200, "", new ChannelDraft("", ChannelDraft.WEBHOOK, ""));
    }

    UiReply create(UiRequest request) throws Exception {
        context.requireAdmin(request);
        ChannelDraft draft = new ChannelDraft(request.form().first("name").orElse(""),
                request.form().first("kind").orElse("").strip(), request.form().first("target").orElse(""));
        NewChannel channel;
        try {
            channel = draft.toNewChannel(secrets, context.clock().instant());
        } catch (IllegalArgumentException e) {
            return page(request, 400, AlertAccess.sentence(e.getMessage()), draft);
        }
        ChannelRecord created = store.createChannel(channel);
        return UiReply.redirect("/channels?created=" + encoded(created.name()));
    }

    UiReply delete(UiRequest request) throws Exception {
        context.requireAdmin(request);
        ChannelRecord channel = channel(request);
        if (!store.deleteChannel(channel.id())) {
            throw UiException.notFound("there is no channel " + channel.id());
        }
        return UiReply.redirect("/channels?deleted=" + encoded(channel.name()));
    }

    UiReply setEnabled(UiRequest request, boolean enabled) throws Exception {
        context.requireAdmin(request);
        ChannelRecord channel = channel(request);
        if (store.setChannelEnabled(channel.id(), enabled).isEmpty()) {
            throw UiException.notFound("there is no channel " + channel.id());
        }
        return UiReply.redirect("/channels" + (enabled ? "?enabled=" : "?disabled=") + encoded(channel.name()));
    }

    private ChannelRecord channel(UiRequest request) throws Exception {
        String id = request.path("id");
        return store.channels().stream()
                .filter(candidate -> Long.toString(candidate.id()).equals(id))
                .findFirst()
                .orElseThrow(() -> UiException.notFound("there is no channel '" + id + "'"));
    }

    private UiReply page(UiRequest request, int status, String error, ChannelDraft draft) throws StoreException {
        Instant now = context.clock().instant();
        List<ChannelRow> rows = store.channels().stream()
                .map(channel -> new ChannelRow(channel, Moments.relative(channel.createdAt(), now)))
                .toList();
        UiReply.Html page = (UiReply.Html) context.page(
                "channels.jte",
                context.frame(request, "Notification channels", "channels", Optional.empty()),
                "channels", rows,
                "draft", draft,
                "kinds", ChannelDraft.KINDS,
                "notice", status == 200 ? notice(request) : "",
                "error", error);
        return new UiReply.Html(status, page.body());
    }

    private static String notice(UiRequest request) {
        return request.query("created").map(name -> "Added the channel " + name + ".")
                .or(() -> request.query("deleted").map(name -> "Deleted the channel " + name + "."))
                .or(() -> request.query("enabled").map(name -> "Enabled the channel " + name + "."))
                .or(() -> request.query("disabled").map(name -> "Disabled the channel " + name
                        + ": nothing is sent to it until it is enabled again."))
                .orElse("");
    }

    /** A query value; spaces as {@code %20}, which every query parser reads as a space ({@code +} not always). */
    private static String encoded(String value) {
        return URLEncoder.encode(value, UTF_8).replace("+", "%20");
    }
}
