package dev.breakwater.web.ui.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.web.ui.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What was typed into the new-rule form, as text, so a refused form shows it again unchanged. {@link #toDraft} reads
 * the numbers; {@link RuleDraft#toNewRule} checks the rest. Level {@code any} means no level filter. Immutable.
 */
public record RuleForm(
        String name,
        String kind,
        String threshold,
        String windowMinutes,
        boolean perIssue,
        String level,
        String environment,
        String release,
        List<String> channels) {
    public static final String ANY_LEVEL = "any";

    public RuleForm {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(threshold, "threshold is null");
        requireNonNull(windowMinutes, "windowMinutes is null");
        requireNonNull(level, "level is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(release, "release is null");
        channels = List.copyOf(channels);
    }

    /** The form as a fresh page shows it. */
    static RuleForm blank() {
        return new RuleForm("", RuleDraft.NEW_ISSUE, "100", "5", true, ANY_LEVEL, "", "", List.of());
    }

    /** Unchecked boxes are not sent, so an absent {@code perIssue} is false. */
    static RuleForm of(Form form) {
        return new RuleForm(
                form.first("name").orElse(""),
                form.first("kind").orElse("").strip(),
                form.first("threshold").orElse("").strip(),
                form.first("windowMinutes").orElse("").strip(),
                form.first("perIssue").isPresent(),
                form.first("level").orElse(ANY_LEVEL).strip(),
                form.first("environment").orElse(""),
                form.first("release").orElse(""),
                form.all("channel").stream().map(String::strip).toList());
    }

    /** @throws IllegalArgumentException when a number or channel id is not one */
    RuleDraft toDraft() {
        boolean frequency = kind.equals(RuleDraft.FREQUENCY);
        int threshold = frequency ? number("threshold", this.threshold, RuleDraft.MAX_THRESHOLD) : 0;
        int window = frequency ? number("window", windowMinutes, RuleDraft.MAX_WINDOW_MINUTES) : 0;
        List<Long> channelIds = new ArrayList<>();
        for (String channel : channels) {
            try {
                channelIds.add(Long.parseLong(channel));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + channel + "' is not a channel id; reload the page and try again");
            }
        }
        return new RuleDraft(name, kind, threshold, window, perIssue,
                level.isEmpty() || level.equals(ANY_LEVEL) ? Optional.empty() : Optional.of(level),
                Optional.of(environment), Optional.of(release), channelIds);
    }

    private static int number(String field, String text, int max) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number from 1 to " + max + ", was '" + text + "'");
        }
    }

    public boolean checked(long channelId) {
        return channels.contains(Long.toString(channelId));
    }

    public List<String> kinds() {
        return RuleDraft.KINDS;
    }

    public List<String> levels() {
        return RuleDraft.LEVELS;
    }

    public static String kindLabel(String kind) {
        return switch (kind) {
            case RuleDraft.NEW_ISSUE -> "New issue";
            case RuleDraft.REGRESSION -> "Regression (a resolved issue comes back)";
            case RuleDraft.FREQUENCY -> "Frequency (more than N events in a window)";
            default -> kind;
        };
    }
}
