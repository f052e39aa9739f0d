package dev.breakwater.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads payload timestamps: RFC 3339 strings (a zone-less one is taken as UTC, as old Python SDKs mean it; a space
 * may stand for the {@code T}; any number of fraction digits, kept to nanoseconds) or numeric epoch seconds, with a
 * fraction (Sentry) or without (Rollbar). A numeric string is read as epoch seconds too.
 *
 * <p>Accepted instants lie in years 1970 to 9999, so every one prints as a valid RFC 3339 string; anything else is
 * garbage and a {@link DecodeException}. Fractional epoch seconds are rounded to microseconds: a double holds no
 * more precision than that for present-day times.
 */
final class Timestamps {
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

    private Timestamps() {}

    /** The field's instant, or null when absent or JSON null. */
    static Instant read(JsonNode parent, String field, Where where) throws DecodeException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        Instant instant = null;
        if (v.isNumber()) {
            instant = fromEpochSeconds(v);
        } else if (v.isTextual()) {
            String text = v.textValue().trim();
            instant = parseRfc3339(text);
            if (instant == null && looksNumeric(text)) {
                try {
                    instant = fromEpochSeconds(Double.parseDouble(text));
                } catch (NumberFormatException e) {
                    instant = null;
                }
            }
        }
        if (instant == null) {
            throw new DecodeException(where.describe(field)
                    + " must be an RFC 3339 timestamp or epoch seconds, was " + Json.kind(v));
        }
        return instant;
    }

    private static Instant fromEpochSeconds(JsonNode v) {
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                return null;
            }
            long seconds = v.longValue();
            return seconds < 0 || seconds > MAX_EPOCH_SECOND ? null : Instant.ofEpochSecond(seconds);
        }
        return fromEpochSeconds(v.doubleValue());
    }

    static Instant fromEpochSeconds(double seconds) {
        if (!(seconds >= 0 && seconds <= MAX_EPOCH_SECOND)) { // also false for NaN
            return null;
        }
        long micros = Math.round(seconds * 1_000_000d);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static boolean looksNumeric(String text) {
        if (text.isEmpty() || text.length() > 32) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.') {
                return false;
            }
        }
        return digit;
    }

    /**
     * {@code YYYY-MM-DD(T| )HH:MM[:SS[.fraction]][Z|±HH[:]MM]}, or null when {@code text} is not one. Written by
     * hand rather than with {@code DateTimeFormatter}: it runs once per event and breadcrumb, and a formatter
     * reports failure only by a costly exception.
     */
    static Instant parseRfc3339(String s) {
        int n = s.length();
        if (n < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':') {
            return null;
        }
        char t = s.charAt(10);
        if (t != 'T' && t != 't' && t != ' ') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        if ((year | month | day | hour | minute) < 0) {
            return null;
        }
        int i = 16;
        int second = 0;
        int nanos = 0;
        if (i < n && s.charAt(i) == ':') {
            second = digits(s, i + 1, 2);
            if (second < 0) {
                return null;
            }
            i += 3;
            if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                i++;
                int start = i;
                int scale = 100_000_000;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    nanos += (s.charAt(i) - '0') * scale;
                    scale /= 10;
                    i++;
                }
                if (i == start) {
                    return null;
                }
            }
        }
        int offsetSeconds = 0;
        if (i < n) {
            char z = s.charAt(i);
            if ((z == 'Z' || z == 'z') && i + 1 == n) {
                i++;
            } else if (z == '+' || z == '-') {
                int offHours = digits(s, i + 1, 2);
                int j = i + 3;
                if (j < n && s.charAt(j) == ':') {
                    j++;
                }
                int offMinutes = digits(s, j, 2);
                if (offHours < 0 || offMinutes < 0 || offHours > 18 || offMinutes > 59 || j + 2 != n) {
                    return null;
                }
                offsetSeconds = (offHours * 3600 + offMinutes * 60) * (z == '-' ? -1 : 1);
                i = n;
            } else {
                return null;
            }
        }
        if (i != n) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            Instant instant = local.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
            long epoch = instant.getEpochSecond();
            return epoch < 0 || epoch > MAX_EPOCH_SECOND ? null : instant;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The value of {@code count} decimal digits at {@code from}, or -1 when they are not all digits. */
    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
