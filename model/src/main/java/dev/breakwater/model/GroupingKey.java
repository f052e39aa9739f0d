package dev.breakwater.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The sequence of components an event is grouped by, hashed into a fingerprint. Each component is written as
 * {@code name U+001F value U+001E}, so that no two different sequences write the same bytes (separators are
 * control characters that never occur in names and that are stripped from values). The hash is MD5, as Sentry's
 * group hashes are: it is an identity, not a security boundary, and 32 hex digits are what users expect.
 * Not thread-safe; one per fingerprint.
 */
final class GroupingKey {
    private final StringBuilder text = new StringBuilder(256);

    GroupingKey add(String name, String value) {
        text.append(name).append('\u001f');
        if (value.indexOf('\u001f') < 0 && value.indexOf('\u001e') < 0) {
            text.append(value); // nearly always: several times cheaper than char by char
        } else {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c != '\u001f' && c != '\u001e') {
                    text.append(c);
                }
            }
        }
        text.append('\u001e');
        return this;
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    /** 32 lowercase hex digits. */
    String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            char[] hex = new char[digest.length * 2];
            for (int i = 0; i < digest.length; i++) {
                hex[2 * i] = Character.forDigit((digest[i] >> 4) & 0xf, 16);
                hex[2 * i + 1] = Character.forDigit(digest[i] & 0xf, 16);
            }
            return new String(hex);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
    }

    @Override
    public String toString() {
        return text.toString().replace('\u001f', '=').replace('\u001e', '\n');
    }
}
