package dev.breakwater.web.ui.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    // a cheap cost keeps the test fast; verify() reads the cost from the stored string either way
    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom(), 1024, 1);

    @Test
    void aHashVerifiesItsPasswordOnly() {
        String hash = hasher.hash("correct horse battery");

        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void theSamePasswordGetsADifferentSaltEachTime() {
        assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
    }

    @Test
    void theDefaultCostIsOwaspsMinimumAndStillVerifies() {
        PasswordHasher production = new PasswordHasher(new SecureRandom());
        String hash = production.hash("a production password");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("a production password", hash)).as("the cost comes from the stored hash").isTrue();
    }

    @Test
    void aDamagedOrForeignHashNeverVerifies() {
        String hash = hasher.hash("some password!");
        // a character in the middle of the hash part carries six bits that all count
        int at = hash.length() - 20;
        String flipped = hash.substring(0, at) + (hash.charAt(at) == 'A' ? 'B' : 'A') + hash.substring(at + 1);
        assertThat(flipped).isNotEqualTo(hash);

        assertThat(hasher.verify("some password!", flipped)).isFalse();
        assertThat(hasher.verify("some password!", "$2a$12$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui")).isFalse();
        assertThat(hasher.verify("some password!", "")).isFalse();
        assertThat(hasher.verify("some password!", hash.replace("m=1024", "m=1"))).as("absurd cost").isFalse();
    }

    @Test
    void passwordsThatAreTooShortOrTooLongAreRefusedWhenSet() {
        assertThatThrownBy(() -> hasher.hash("short")).hasMessageContaining("at least 10 characters");
        assertThatThrownBy(() -> hasher.hash("x".repeat(1025))).hasMessageContaining("at most 1024");
        assertThat(hasher.verify("x".repeat(1025), hasher.hash("x".repeat(1024)))).isFalse();
    }
}
