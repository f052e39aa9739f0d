package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which issue an event belongs to, following Sentry's grouping (PROTOCOLS.md B), and labels it.
 *
 * <h2>Design notes</h2>
 * The default fingerprint is the MD5 ({@link GroupingKey}) of the first strategy that applies:
 * <ol>
 *   <li><b>exception</b>: every exception value, oldest to newest, contributes its type, then its contributing
 *       frames; an exception whose frames contribute nothing contributes its parameterised value instead. Chained
 *       exceptions thus all count, as in Sentry, so a different cause makes a different issue.
 *   <li><b>stacktrace</b>: an event without exception but with a stack (see {@link CanonicalEvent#stacktrace()}).
 *   <li><b>message</b>: the template ({@code logentry.message}) else the message, its first two non-empty lines,
 *       through {@link MessageParameterizer}.
 *   <li><b>fallback</b>: nothing to go by; platform and level, so such events at least split by those.
 * </ol>
 * A frame contributes its module (else its file's lowercased basename, unless that is a URL,
 * {@code <anonymous>} or {@code [native code]}), its function cleaned by {@link GeneratedNames}, and, only on the
 * platforms that send source lines (javascript, node, python, php, ruby), its stripped context line when at most
 * 120 characters. Line and column numbers never contribute, so an edit elsewhere in a file does not split an
 * issue. Consecutive identical frames (recursion) count once. When any frame of the event is in-app, only in-app
 * frames contribute; otherwise all do.
 *
 * <p>A client fingerprint replaces the default. Its {@code {{ default }}} entry folds the default hash in, which
 * subdivides the default group (a fingerprint of nothing but {@code {{ default }}} is the default grouping); {@code {{ transaction }}}, {@code {{ type }}}, {@code {{ module }}},
 * {@code {{ function }}}, {@code {{ level }}}, {@code {{ logger }}} and {@code {{ message }}} are filled in too.
 *
 * <p>The version is stored with every hash rather than mixed into it: a version that leaves a strategy unchanged
 * keeps that strategy's groups. Bump {@link #GROUPING_VERSION} whenever any hash input changes.
 * Thread-safe and stateless.
 */
public final class Fingerprinter {
    /** The version of the algorithm above; stored in every {@link Grouping}. */
    public static final int GROUPING_VERSION = 1;

    private static final Set<String> CONTEXT_LINE_PLATFORMS = Set.of("javascript", "node", "python", "php", "ruby");
    private static final int MAX_CONTEXT_LINE = 120;
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([\\w.]+)\\s*\\}\\}");

    private Fingerprinter() {}

    public static Grouping group(CanonicalEvent event) {
        requireNonNull(event, "event is null");
        GroupingKey key = isDefaultOnly(event.fingerprint()) ? defaultKey(event) : customKey(event);
        return new Grouping(key.hash(), GROUPING_VERSION, Title.of(event), Culprit.of(event),
                event.isError() ? "error" : "message");
    }

    /** No fingerprint, or one that says only {@code {{ default }}}: Sentry groups both exactly by default. */
    private static boolean isDefaultOnly(List<String> fingerprint) {
        for (String part : fingerprint) {
            Matcher variable = VARIABLE.matcher(part.strip());
            if (!variable.matches() || !variable.group(1).equalsIgnoreCase("default")) {
                return false;
            }
        }
        return true;
    }

    static GroupingKey customKey(CanonicalEvent event) {
        GroupingKey key = new GroupingKey();
        for (String part : event.fingerprint()) {
            Matcher variable = VARIABLE.matcher(part.strip());
            if (!variable.matches()) {
                key.add("value", part);
                continue;
            }
            String name = variable.group(1).toLowerCase(Locale.ROOT);
            switch (name) {
                case "default" -> key.add("default", defaultKey(event).hash());
                case "transaction" -> key.add(name, event.transaction().orElse("<no-transaction>"));
                case "type" -> key.add(name, event.outermostException().map(ExceptionValue::type).orElse("<no-type>"));
                case "module" -> key.add(name, crashingFrame(event).map(Frame::module).orElse("<no-module>"));
                case "function" -> key.add(name, crashingFrame(event).map(Frame::function).orElse("<no-function>"));
                case "level" -> key.add(name, event.level());
                case "logger" -> key.add(name, event.logger().orElse("<no-logger>"));
                case "message" -> key.add(name, groupingText(event.message()));
                default -> key.add("value", part);
            }
        }
        return key;
    }

    static GroupingKey defaultKey(CanonicalEvent event) {
        GroupingKey key = new GroupingKey();
        String platform = event.platform();
        if (event.isError()) {
            boolean appOnly = false;
            for (ExceptionValue exception : event.exceptions()) {
                appOnly |= anyInApp(exception.frames());
            }
            key.add("strategy", "exception");
            for (ExceptionValue exception : event.exceptions()) {
                key.add("type", GeneratedNames.cleanClass(exception.type().strip()));
                List<String> frames = contributingFrames(exception.frames(), appOnly, platform);
                if (frames.isEmpty()) {
                    key.add("value", groupingText(exception.value()));
                } else {
                    for (String frame : frames) {
                        key.add("frame", frame);
                    }
                }
            }
            return key;
        }
        List<String> frames = contributingFrames(event.stacktrace(), anyInApp(event.stacktrace()), platform);
        if (!frames.isEmpty()) {
            key.add("strategy", "stacktrace");
            for (String frame : frames) {
                key.add("frame", frame);
            }
            return key;
        }
        String template = event.messageTemplate().filter(t -> !t.isBlank()).orElse(event.message());
        String message = groupingText(template);
        if (!message.isEmpty()) {
            return key.add("strategy", "message").add("message", message);
        }
        return key.add("strategy", "fallback").add("platform", platform).add("level", event.level());
    }

    /** The first two non-empty lines of {@code text}, stripped and parameterised. */
    static String groupingText(String text) {
        StringBuilder lines = new StringBuilder(Math.min(text.length(), 256));
        int taken = 0;
        int from = 0;
        while (taken < 2 && from <= text.length()) {
            int newline = text.indexOf('\n', from);
            int end = newline < 0 ? text.length() : newline;
            String line = text.substring(from, end).strip();
            if (!line.isEmpty()) {
                if (taken > 0) {
                    lines.append('\n');
                }
                lines.append(line);
                taken++;
            }
            if (newline < 0) {
                break;
            }
            from = newline + 1;
        }
        return MessageParameterizer.parameterize(lines.toString());
    }

    private static boolean anyInApp(List<Frame> frames) {
        for (Frame frame : frames) {
            if (frame.isInApp()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> contributingFrames(List<Frame> frames, boolean appOnly, String platform) {
        List<String> out = new ArrayList<>(frames.size());
        String previous = null;
        for (Frame frame : frames) {
            if (appOnly && !frame.isInApp()) {
                continue;
            }
            String component = frameComponent(frame, platform);
            if (component != null && !component.equals(previous)) {
                out.add(component);
            }
            previous = component;
        }
        return out;
    }

    /** What one frame contributes, or null when nothing. */
    static String frameComponent(Frame frame, String eventPlatform) {
        StringBuilder out = new StringBuilder(96);
        if (frame.module() != null && !frame.module().isBlank()) {
            out.append("module:").append(GeneratedNames.cleanClass(frame.module().strip()));
        } else {
            String file = frame.filename() != null && !frame.filename().isBlank() ? frame.filename() : frame.absPath();
            String basename = file == null ? null : basename(file.strip());
            if (basename != null) {
                out.append("file:").append(basename);
            }
        }
        String function = frame.function();
        if (function != null && !function.isBlank() && !function.equals("?")) {
            out.append(out.isEmpty() ? "" : " ").append("function:")
                    .append(GeneratedNames.cleanFunction(function.strip()));
        }
        String platform = frame.platform() != null ? frame.platform() : eventPlatform;
        if (frame.contextLine() != null && CONTEXT_LINE_PLATFORMS.contains(platform)) {
            String line = frame.contextLine().strip();
            if (!line.isEmpty() && line.length() <= MAX_CONTEXT_LINE) {
                out.append(out.isEmpty() ? "" : " ").append("context:").append(line);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    /** The lowercased last path segment, or null when the name says nothing stable (a URL, an anonymous script). */
    private static String basename(String file) {
        if (file.isEmpty() || file.contains("://") || file.startsWith("data:") || file.startsWith("blob:")
                || file.equals("<anonymous>") || file.equals("[native code]") || file.equals("native")
                || file.equals("<unknown>")) {
            return null;
        }
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        String name = file.substring(slash + 1);
        return name.isEmpty() ? null : name.toLowerCase(Locale.ROOT);
    }

    /** The frame an issue is blamed on: the outermost stack's most recent in-app frame, else its most recent. */
    private static Optional<Frame> crashingFrame(CanonicalEvent event) {
        List<Frame> frames = event.outermostException().map(ExceptionValue::frames).orElse(event.stacktrace());
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i).isInApp()) {
                return Optional.of(frames.get(i));
            }
        }
        return frames.isEmpty() ? Optional.empty() : Optional.of(frames.getLast());
    }
}
