package dev.breakwater.ingest.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DsnTest {
    @Test
    void parsesTheDocumentedExample() {
        Dsn dsn = Dsn.parse("https://public@sentry.example.com/1");
        assertThat(dsn).isEqualTo(new Dsn("https", "public", "sentry.example.com", "", "1"));
    }

    @Test
    void keepsAPathPrefixAndAPort() {
        assertThat(Dsn.parse("https://k@host/sentry/42")).isEqualTo(new Dsn("https", "k", "host", "/sentry", "42"));
        assertThat(Dsn.parse("http://k@localhost:9000/a/b/proj-7/"))
                .isEqualTo(new Dsn("http", "k", "localhost:9000", "/a/b", "proj-7"));
    }

    @Test
    void dropsTheSecretSoItCannotLeak() {
        Dsn dsn = Dsn.parse("https://e12d836b15bb49d7bbf99e64295d995b:topsecret@sentry.io/42");
        assertThat(dsn.publicKey()).isEqualTo("e12d836b15bb49d7bbf99e64295d995b");
        assertThat(dsn.toString()).doesNotContain("topsecret");
        assertThat(Dsn.parse("https://e12d836b15bb49d7bbf99e64295d995b:@sentry.io/42")
                        .projectId())
                .isEqualTo("42");
    }

    @Test
    void namesWhatIsMissing() {
        assertThatThrownBy(() -> Dsn.parse("sentry.io/42")).hasMessage("it has no scheme such as https://");
        assertThatThrownBy(() -> Dsn.parse("https://sentry.io/42")).hasMessageStartingWith("it has no public key");
        assertThatThrownBy(() -> Dsn.parse("https://:secret@sentry.io/42")).hasMessage("its public key is empty");
        assertThatThrownBy(() -> Dsn.parse("https://k@/42")).hasMessage("it has no host");
        assertThatThrownBy(() -> Dsn.parse("https://k@sentry.io")).hasMessage("it has no project id after the host");
        assertThatThrownBy(() -> Dsn.parse("https://k@sentry.io/")).hasMessage("it has no project id after the host");
        assertThatThrownBy(() -> Dsn.parse("ht tp://k@sentry.io/1")).hasMessage("its scheme has the character ' '");
    }
}
