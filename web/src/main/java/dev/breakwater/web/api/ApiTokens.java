package dev.breakwater.web.api;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Project read-API tokens: {@code bwp_} and 64 random hex digits, shown once when made. The store keeps only their
 * SHA-256 (lowercase hex), so a leaked database does not leak working tokens. Thread-safe.
 */
final class ApiTokens {
    private static final String PREFIX = "bwp_";

    private final SecureRandom random;

    ApiTokens(SecureRandom random) {
        this.random = requireNonNull(random, "random is null");
    }

    String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + HexFormat.of().formatHex(bytes);
    }

    static String hashHex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
