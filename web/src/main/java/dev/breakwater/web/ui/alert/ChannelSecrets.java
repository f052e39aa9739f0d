package dev.breakwater.web.ui.alert;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Webhook signing secrets: 32 random bytes as URL-safe base64 without padding (43 characters), made by the server
 * so that no one picks a weak one. Thread-safe ({@link SecureRandom} is).
 */
public final class ChannelSecrets {
    private final SecureRandom random;

    public ChannelSecrets(SecureRandom random) {
        this.random = requireNonNull(random, "random is null");
    }

    public String next() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
