package dev.breakwater.web.ui.alert;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.NewAlertRule;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An alert rule as a person or script asked for it, before it is checked: {@link #toNewRule} applies the rules both
 * the UI form and {@code POST /api/v1/projects/{slug}/alert-rules} share. Threshold and window only mean something
 * for {@code frequency} rules; other kinds store them as 0. Immutable.
 */
public record RuleDraft(
        String name,
        String kind,
        int threshold,
        int windowMinutes,
        boolean perIssue,
        Optional<String> level,
        Optional<String> environment,
        Optional<String> release,
        List<Long> channelIds) {
    public static final String NEW_ISSUE = "new_issue";
    public static final String REGRESSION = "regression";
    public static final String FREQUENCY = "frequency";
    public static final List<String> KINDS = List.of(NEW_ISSUE, REGRESSION, FREQUENCY);
    public static final List<String> LEVELS = List.of("fatal", "error", "warning", "info", "debug");
    public static final int MAX_THRESHOLD = 1_000_000;
    public static final int MAX_WINDOW_MINUTES = 1440;
    public static final int MAX_TEXT_LENGTH = 200;

    public RuleDraft {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(level, "level is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(release, "release is null");
        channelIds = List.copyOf(channelIds);
    }

    /**
     * The rule to create in the project, notifying channels among {@code existingChannels}.
     *
     * @throws IllegalArgumentException with a sentence for the person who asked, naming the field
     */
    public NewAlertRule toNewRule(long projectId, Collection<Long> existingChannels, Instant now) {
        String checkedName = text("name", Optional.of(name))
                .orElseThrow(() -> new IllegalArgumentException("the rule needs a name"));
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind must be new_issue, regression or frequency, was '" + kind + "'");
        }
        boolean frequency = kind.equals(FREQUENCY);
        if (frequency && (threshold < 1 || threshold > MAX_THRESHOLD)) {
            throw new IllegalArgumentException(
                    "threshold must be a whole number from 1 to " + MAX_THRESHOLD + ", was " + threshold);
        }
        if (frequency && (windowMinutes < 1 || windowMinutes > MAX_WINDOW_MINUTES)) {
            throw new IllegalArgumentException("window must be from 1 to " + MAX_WINDOW_MINUTES
                    + " minutes (a day), was " + windowMinutes);
        }
        Optional<String> checkedLevel = text("level", level);
        if (checkedLevel.isPresent() && !LEVELS.contains(checkedLevel.get())) {
            throw new IllegalArgumentException(
                    "level must be fatal, error, warning, info or debug (or none for any), was '" + checkedLevel.get() + "'");
        }
        if (channelIds.isEmpty()) {
            throw new IllegalArgumentException("choose at least one channel for the rule to notify");
        }
        Set<Long> channels = new LinkedHashSet<>(channelIds);
        for (long channel : channels) {
            if (!existingChannels.contains(channel)) {
                throw new IllegalArgumentException("there is no channel with id " + channel);
            }
        }
        return new NewAlertRule(projectId, checkedName, kind, frequency ? threshold : 0, frequency ? windowMinutes : 0,
                frequency && perIssue, checkedLevel, text("environment", environment), text("release", release),
                List.copyOf(channels), now);
    }

    /** Stripped, empty when blank, at most {@link #MAX_TEXT_LENGTH} characters. */
    private static Optional<String> text(String field, Optional<String> value) {
        Optional<String> stripped = value.map(String::strip).filter(s -> !s.isEmpty());
        if (stripped.isPresent() && stripped.get().length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(
                    field + " must be at most " + MAX_TEXT_LENGTH + " characters, was " + stripped.get().length());
        }
        return stripped;
    }
}
