package dev.breakwater.spool;

import java.util.Locale;

/** Argument checks whose messages name the setting or parameter at fault. */
final class Checks {

    private Checks() {}

    static void requireArgument(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, format, args));
        }
    }
}
