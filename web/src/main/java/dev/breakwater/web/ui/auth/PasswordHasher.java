package dev.breakwater.web.ui.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (Bouncy Castle) in the PHC string format other tools read,
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. The default cost is OWASP's minimum recommendation for
 * Argon2id (19 MiB, 2 passes, 1 lane); {@link #verify} reads the cost from the stored string, so raising it later
 * leaves existing hashes valid. Thread-safe.
 */
public final class PasswordHasher {
    /** Passwords shorter than this are refused when set; sign-in does not check it. */
    public static final int MIN_LENGTH = 10;
    /** Longer input is refused rather than hashed: hashing cost grows with it, and nobody types more. */
    public static final int MAX_LENGTH = 1024;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

    private final SecureRandom random;
    private final int memoryKiB;
    private final int iterations;

    public PasswordHasher(SecureRandom random) {
        this(random, 19 * 1024, 2);
    }

    PasswordHasher(SecureRandom random, int memoryKiB, int iterations) {
        this.random = requireNonNull(random, "random is null");
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
    }

    /** A new hash of the password with a fresh 16-byte salt. */
    public String hash(String password) {
        checkLength(password);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, memoryKiB, iterations, 1, 32);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=1$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(hash);
    }

    /** Whether the password matches the stored hash; false for a hash this class cannot read. */
    public boolean verify(String password, String stored) {
        requireNonNull(password, "password is null");
        if (password.length() > MAX_LENGTH) {
            return false;
        }
        Matcher m = PHC.matcher(requireNonNull(stored, "stored is null"));
        if (!m.matches()) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = B64_DECODE.decode(m.group(4));
            expected = B64_DECODE.decode(m.group(5));
        } catch (IllegalArgumentException e) {
            return false;
        }
        int memory = Integer.parseInt(m.group(1));
        int passes = Integer.parseInt(m.group(2));
        int lanes = Integer.parseInt(m.group(3));
        if (memory < 8 * lanes || passes < 1 || lanes < 1 || expected.length < 16 || expected.length > 64) {
            return false;
        }
        return MessageDigest.isEqual(expected, argon2(password, salt, memory, passes, lanes, expected.length));
    }

    /** Throws {@link IllegalArgumentException} naming what is wrong with a password someone wants to set. */
    public static void checkLength(String password) {
        requireNonNull(password, "password is null");
        if (password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a password may have at most " + MAX_LENGTH + " characters");
        }
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKiB, int passes, int lanes, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(passes)
                .withParallelism(lanes)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(UTF_8), out);
        return out;
    }
}
