package dev.breakwater.server.http;

import static java.util.Objects.requireNonNull;

import dev.breakwater.server.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The bearer token of the admin API. Set by configuration ({@code admin.token} / {@code BREAKWATER_ADMIN_TOKEN}),
 * or generated once and kept in {@code <data>/admin-token} (owner-readable only).
 */
public final class AdminToken {
    private final byte[] token;
    private final boolean generated;

    private AdminToken(String token, boolean generated) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.generated = generated;
    }

    public static AdminToken load(Path dataDir, String configured) throws IOException {
        requireNonNull(dataDir, "dataDir is null");
        if (configured != null && !configured.isBlank()) {
            if (configured.strip().length() < 16) {
                throw new IllegalArgumentException("admin.token must have at least 16 characters");
            }
            return new AdminToken(configured.strip(), false);
        }
        Path file = dataDir.resolve("admin-token");
        if (Files.exists(file)) {
            return new AdminToken(Files.readString(file).strip(), false);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = "bw_" + HexFormat.of().formatHex(random);
        DurableFiles.replace(file, (token + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX filesystem: the file keeps the folder's default permissions
        }
        return new AdminToken(token, true);
    }

    /** True only for the first start, when the token was just made and must be shown once. */
    public boolean generated() {
        return generated;
    }

    public String value() {
        return new String(token, StandardCharsets.UTF_8);
    }

    /** Checks an {@code Authorization} header value in constant time. */
    public boolean admits(Optional<String> authorization) {
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.get().substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }
}
