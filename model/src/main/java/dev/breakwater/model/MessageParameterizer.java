package dev.breakwater.model;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the variable parts of a message (ids, numbers, addresses, times) with placeholders, so that
 * {@code "user 1234 not found"} and {@code "user 98 not found"} group together. The kinds and their order follow
 * Sentry's message grouping: {@code <email>}, {@code <url>}, {@code <hostname>}, {@code <ip>} (v4 and v6),
 * {@code <uuid>}, {@code <sha1>}, {@code <md5>}, {@code <date>} (ISO dates and date-times, HTTP dates, clock
 * times), {@code <duration>} ({@code 150ms}, {@code 2.5 seconds}, {@code PT30S}), {@code <hex>} ({@code 0x1f}, or
 * 8+ hex digits mixing digits and letters), {@code <float>}, {@code <int>}, {@code <quoted_str>},
 * {@code <bool>}.
 *
 * <p>All kinds are one alternation scanned left to right: the leftmost match wins, and among matches at the same
 * place the earlier kind wins (a date beats the int it starts with; a quoted string swallows what it quotes).
 * Numbers glued to letters ({@code user123}, {@code v2}) are names, not values, and are kept. Host names need a
 * known top-level domain, so that Java class names like {@code java.lang.String} stay as they are.
 * Thread-safe and stateless.
 */
public final class MessageParameterizer {
    private static final String HEX = "[0-9a-fA-F]";
    private static final String H16 = HEX + "{1,4}";
    private static final String IPV6 = "(?<![\\w:])(?:"
            + "(?:" + H16 + ":){7}" + H16
            + "|(?:" + H16 + ":){1,7}:"
            + "|(?:" + H16 + ":){1,6}:" + H16
            + "|(?:" + H16 + ":){1,5}(?::" + H16 + "){1,2}"
            + "|(?:" + H16 + ":){1,4}(?::" + H16 + "){1,3}"
            + "|(?:" + H16 + ":){1,3}(?::" + H16 + "){1,4}"
            + "|(?:" + H16 + ":){1,2}(?::" + H16 + "){1,5}"
            + "|" + H16 + ":(?::" + H16 + "){1,6}"
            + "|:(?::" + H16 + "){1,7}"
            + ")(?![\\w:])";
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final String IPV4 = "(?<![\\w.])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\d|\\.\\d)";
    private static final String TLD = "(?i:com|net|org|io|dev|app|co|uk|de|fr|jp|cn|ru|br|nl|eu|ca|au|ch|se|fi|dk"
            + "|pl|cz|es|info|biz|edu|gov|mil|tv|xyz|cloud|ai|local|localdomain|internal|lan|svc)";
    private static final String LABEL = "[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?";
    private static final String MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";

    /** Group names in Sentry's order; a group's placeholder is its name in angle brackets. */
    private static final String[] KINDS = {
        "email", "url", "hostname", "ip", "uuid", "sha1", "md5", "date", "duration", "hex", "float", "int",
        "quotedstr", "bool"
    };

    private static final Pattern PARAMETERS = Pattern.compile(String.join("|",
            "(?<email>(?<![\\w.%+-])[a-zA-Z0-9._%+-]+@" + LABEL + "(?:\\." + LABEL + ")+)",
            "(?<url>\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s'\"<>]+)",
            "(?<hostname>(?<![\\w.@/-])(?:" + LABEL + "\\.)+" + TLD + "(?![\\w-]|\\.[a-zA-Z0-9]))",
            "(?<ip>" + IPV6 + "|" + IPV4 + ")",
            "(?<uuid>(?<![\\w-])" + HEX + "{8}-" + HEX + "{4}-" + HEX + "{4}-" + HEX + "{4}-" + HEX
                    + "{12}(?![\\w-]))",
            "(?<sha1>(?<!\\w)" + HEX + "{40}(?!\\w))",
            "(?<md5>(?<!\\w)" + HEX + "{32}(?!\\w))",
            "(?<date>(?<![\\w])\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?"
                    + "(?:Z|[+-]\\d{2}:?\\d{2})?)?(?!\\w)"
                    + "|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} " + MONTH + " \\d{4} \\d{2}:\\d{2}:\\d{2}"
                    + "(?: (?:GMT|UTC|[+-]\\d{4}))?"
                    + "|(?<![\\w/])\\d{1,2}/\\d{1,2}/\\d{4}(?!\\w)|(?<![\\w/])\\d{4}/\\d{2}/\\d{2}(?!\\w)"
                    + "|(?<![\\w:.])\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?(?![\\w:]))",
            "(?<duration>(?<![\\w.])\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h|d)(?!\\w)"
                    + "|(?<![\\w.])\\d+(?:\\.\\d+)? ?(?:nanoseconds?|microseconds?|milliseconds?|seconds?|secs?"
                    + "|minutes?|mins?|hours?|hrs?|days?)(?!\\w)"
                    + "|(?<!\\w)P(?:\\d+[YMWD])*T(?:\\d+(?:\\.\\d+)?[HMS])+(?!\\w)"
                    + "|(?<!\\w)P(?:\\d+[YMWD])+(?!\\w))",
            "(?<hex>(?<!\\w)0[xX]" + HEX + "+(?!\\w)"
                    + "|(?<!\\w)(?=" + HEX + "*\\d)(?=" + HEX + "*[a-fA-F])" + HEX + "{8,}(?!\\w))",
            "(?<float>(?<!\\w)\\d+\\.\\d+(?:[eE][-+]?\\d+)?(?!\\w))",
            "(?<int>(?<!\\w)\\d+(?!\\w))",
            "(?<quotedstr>(?<!\\w)'[^'\\n]*'(?!\\w)|(?<!\\w)\"[^\"\\n]*\"(?!\\w))",
            "(?<bool>(?<!\\w)(?i:true|false)(?!\\w))"));

    private MessageParameterizer() {}

    /** {@code message} with every recognised value replaced by its kind's placeholder. */
    public static String parameterize(String message) {
        requireNonNull(message, "message is null");
        // Every kind starts at a token start (no word character before it), so the alternation is tried only
        // there, and not at all for plain words: trying it at every position made this the costliest step of
        // grouping. Transparent bounds let the lookbehinds see the text before the region.
        Matcher m = PARAMETERS.matcher(message).useTransparentBounds(true).useAnchoringBounds(false);
        int n = message.length();
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < n) {
            char c = message.charAt(i);
            if (Character.isWhitespace(c) || (i > 0 && isWordChar(message.charAt(i - 1)))) {
                i++;
                continue;
            }
            if (isLetter(c)) {
                int end = plainWordEnd(message, i);
                if (end > 0) {
                    i = end;
                    continue;
                }
            }
            m.region(i, n);
            if (m.lookingAt() && m.end() > i) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(message, copied, i).append(placeholder(m));
                copied = m.end();
                i = m.end();
            } else {
                i++;
            }
        }
        if (out == null) {
            return message;
        }
        return out.append(message, copied, n).toString();
    }

    /**
     * Where the letters starting at {@code from} end, when no kind can match there; else -1. A kind that starts
     * with a letter needs one of: an {@code @ . : /} after the token (email, host, URL, IPv6), a token of 8+ hex
     * digits and dashes (uuid, hashes), {@code true}/{@code false}, a weekday and comma (HTTP date), or a
     * {@code P} (ISO duration). Digits inside the word are then no value of their own: a number glued to letters
     * is a name.
     */
    private static int plainWordEnd(String s, int from) {
        int n = s.length();
        int letters = from;
        while (letters < n && isLetter(s.charAt(letters))) {
            letters++;
        }
        int token = letters;
        boolean allHex = true;
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (!(isWordChar(c) || c == '-' || c == '%' || c == '+')) {
                break;
            }
            allHex &= (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-';
            token = i + 1;
        }
        if (token < n) {
            char next = s.charAt(token);
            if (next == '@' || next == '.' || next == ':' || next == '/') {
                return -1;
            }
        }
        int length = letters - from;
        if ((allHex && token - from >= 8)
                || s.charAt(from) == 'P'
                || (length == 3 && letters < n && s.charAt(letters) == ',')
                || (length == 4 && s.regionMatches(true, from, "true", 0, 4))
                || (length == 5 && s.regionMatches(true, from, "false", 0, 5))) {
            return -1;
        }
        return letters;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWordChar(char c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }

    private static String placeholder(Matcher m) {
        for (String kind : KINDS) {
            if (m.start(kind) >= 0) {
                return kind.equals("quotedstr") ? "<quoted_str>" : "<" + kind + ">";
            }
        }
        throw new IllegalStateException("a match without a kind: " + m.group());
    }
}
