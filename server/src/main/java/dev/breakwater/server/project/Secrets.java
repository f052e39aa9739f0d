package dev.breakwater.server.project;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random tokens for keys: 128 bits as 32 lowercase hex characters, the shape of a Sentry public key. */
final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    static String token() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
