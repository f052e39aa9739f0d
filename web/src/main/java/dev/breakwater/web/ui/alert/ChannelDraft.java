package dev.breakwater.web.ui.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.NewChannel;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A notification channel as an admin asked for it, before it is checked: {@link #toNewChannel} applies the rules both
 * the UI form and {@code POST /api/v1/notification-channels} share. A webhook gets a signing secret made here, never
 * typed; other kinds have none (an empty secret). Immutable.
 */
public record ChannelDraft(String name, String kind, String target) {
    public static final String WEBHOOK = "webhook";
    public static final String SLACK = "slack";
    public static final String EMAIL = "email";
    public static final List<String> KINDS = List.of(WEBHOOK, SLACK, EMAIL);
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_TARGET_LENGTH = 2000;
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    public ChannelDraft {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(target, "target is null");
    }

    /** @throws IllegalArgumentException with a sentence for the person who asked, naming the field */
    public NewChannel toNewChannel(ChannelSecrets secrets, Instant now) {
        String checkedName = name.strip();
        if (checkedName.isEmpty()) {
            throw new IllegalArgumentException("the channel needs a name");
        }
        if (checkedName.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "name must be at most " + MAX_NAME_LENGTH + " characters, was " + checkedName.length());
        }
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind must be webhook, slack or email, was '" + kind + "'");
        }
        String checkedTarget = target.strip();
        if (checkedTarget.isEmpty()) {
            throw new IllegalArgumentException(kind.equals(EMAIL)
                    ? "target must be the e-mail address to notify"
                    : "target must be the http or https URL to post to");
        }
        if (checkedTarget.length() > MAX_TARGET_LENGTH) {
            throw new IllegalArgumentException(
                    "target must be at most " + MAX_TARGET_LENGTH + " characters, was " + checkedTarget.length());
        }
        if (kind.equals(EMAIL)) {
            if (!EMAIL_ADDRESS.matcher(checkedTarget).matches()) {
                throw new IllegalArgumentException("target must be an e-mail address such as ops@example.com, was '"
                        + checkedTarget + "'");
            }
        } else {
            requireHttpUrl(checkedTarget);
        }
        String secret = kind.equals(WEBHOOK) ? secrets.next() : "";
        return new NewChannel(checkedName, kind, checkedTarget, secret, now);
    }

    private static void requireHttpUrl(String target) {
        String refusal = "target must be an http or https URL with a host, such as https://hooks.example.com/breakwater,"
                + " was '" + target + "'";
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(refusal);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(refusal);
        }
    }
}
