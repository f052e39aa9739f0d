package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void defaults() throws UsageException {
        LoadOptions options = LoadOptions.parse(new String[] {"--dsn", "http://abc123@127.0.0.1:18080/1"});

        assertThat(options.target()).isEqualTo(new Target("127.0.0.1", 18080, "/api/1/envelope/", "abc123"));
        assertThat(options.connections()).isEqualTo(64);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.rate()).isZero();
        assertThat(options.size()).isEqualTo(EventSize.REGULAR);
        assertThat(options.virtualThreads()).isFalse();
        assertThat(options.json()).isNull();
    }

    @Test
    void explicitValuesInBothSpellings() throws UsageException {
        LoadOptions options = LoadOptions.parse(new String[] {
            "--url", "http://localhost:8080/ingest?x=1", "--key=k", "--connections", "8", "--duration", "1.5s",
            "--warmup", "250ms", "--rate", "1500/s", "--size", "large", "--timeout", "2m", "--threads", "virtual", "--json", "out.json"});

        assertThat(options.target()).isEqualTo(new Target("localhost", 8080, "/ingest?x=1", "k"));
        assertThat(options.connections()).isEqualTo(8);
        assertThat(options.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(250));
        assertThat(options.rate()).isEqualTo(1500);
        assertThat(options.size()).isEqualTo(EventSize.LARGE);
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.virtualThreads()).isTrue();
        assertThat(options.json()).hasToString("out.json");
    }

    @Test
    void dsnWithAPathPrefixKeepsIt() throws UsageException {
        assertThat(Target.fromDsn("http://key:secret@[::1]:9000/sentry/42").path()).isEqualTo("/sentry/api/42/envelope/");
    }

    @Test
    void usageErrorsNameTheOption() {
        assertError("exactly one of --dsn or --url");
        assertError("exactly one of --dsn or --url", "--dsn", "http://k@127.0.0.1/1", "--url", "http://127.0.0.1/");
        assertError("unknown option --conections", "--dsn", "http://k@127.0.0.1/1", "--conections", "4");
        assertError("--connections needs a value", "--dsn", "http://k@127.0.0.1/1", "--connections");
        assertError("--connections must be a whole number", "--dsn", "http://k@127.0.0.1/1", "--connections", "many");
        assertError("--connections must be at least 1", "--dsn", "http://k@127.0.0.1/1", "--connections", "0");
        assertError("--duration must be a duration", "--dsn", "http://k@127.0.0.1/1", "--duration", "soon");
        assertError("--duration must be longer than 0", "--dsn", "http://k@127.0.0.1/1", "--duration", "0s");
        assertError("--rate must be a number", "--dsn", "http://k@127.0.0.1/1", "--rate", "fast");
        assertError("--rate must be a finite number >= 0", "--dsn", "http://k@127.0.0.1/1", "--rate", "-5");
        assertError("--size must be regular or large", "--dsn", "http://k@127.0.0.1/1", "--size", "huge");
        assertError("--dsn given twice", "--dsn", "http://k@127.0.0.1/1", "--dsn", "http://k@127.0.0.1/2");
        assertError("unexpected argument 'extra'", "--dsn", "http://k@127.0.0.1/1", "extra");
        assertError("--key comes from the DSN", "--dsn", "http://k@127.0.0.1/1", "--key", "other");
        assertError("--threads must be platform or virtual", "--dsn", "http://k@127.0.0.1/1", "--threads", "green");
        assertError("no public key", "--dsn", "http://127.0.0.1:18080/1");
        assertError("no project id", "--dsn", "http://k@127.0.0.1:18080/");
        assertError("must be an http:// URL", "--url", "https://127.0.0.1/");
        assertError("must point at this machine", "--url", "http://192.0.2.10:8080/");
    }

    private static void assertError(String message, String... argv) {
        assertThatThrownBy(() -> LoadOptions.parse(argv)).isInstanceOf(UsageException.class).hasMessageContaining(message);
    }
}
