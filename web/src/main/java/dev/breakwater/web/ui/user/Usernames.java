package dev.breakwater.web.ui.user;

import java.util.regex.Pattern;

/**
 * What a username may be: 1 to 64 ASCII letters, digits, {@code .}, {@code _}, {@code -} and {@code @} (so an e-mail
 * address fits), nothing that looks like another character or needs escaping in a URL or a log line.
 */
public final class Usernames {
    public static final int MAX_LENGTH = 64;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._@-]+");

    private Usernames() {}

    /** The username without surrounding white space; {@link IllegalArgumentException} says what is wrong with it. */
    public static String check(String username) {
        String name = username == null ? "" : username.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a username is required");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "a username may have at most " + MAX_LENGTH + " characters, this one has " + name.length());
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a username may contain only letters A-Z and a-z, digits, '.', '_', '-' and '@'");
        }
        return name;
    }
}
