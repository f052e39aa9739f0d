package dev.breakwater.ingest.sentry;

import static dev.breakwater.ingest.sentry.EnvelopeParserTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import dev.breakwater.ingest.sentry.SentryCredential.Carrier;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SentryAuthTest {
    private static final String KEY = "e12d836b15bb49d7bbf99e64295d995b";
    private static final String HEADER = "Sentry sentry_version=7, sentry_client=sentry.java/8.1.0, sentry_key=" + KEY;

    @Test
    void readsTheXSentryAuthHeader() throws Exception {
        SentryCredential credential = SentryAuth.fromRequest(HEADER, null, null).orElseThrow();
        assertThat(credential)
                .isEqualTo(new SentryCredential(
                        KEY, Optional.of("sentry.java/8.1.0"), Optional.of("7"), Carrier.X_SENTRY_AUTH));
    }

    @Test
    void headerToleratesNewlinesQuotesCaseAndBarePairNames() throws Exception {
        String header = "sentry sentry_key=" + KEY
                + ",\n\tsentry_version=7,\r\n sentry_timestamp=1700000000.5, client=\"raven-js/3.0\"";
        SentryCredential credential = SentryAuth.fromRequest(header, null, null).orElseThrow();
        assertThat(credential.publicKey()).isEqualTo(KEY);
        assertThat(credential.client()).contains("raven-js/3.0");
        assertThat(SentryAuth.fromRequest("Sentry key=" + KEY, null, null)
                        .orElseThrow()
                        .publicKey())
                .isEqualTo(KEY);
    }

    @Test
    void secretIsAcceptedAndIgnored() throws Exception {
        SentryCredential credential = SentryAuth.fromRequest(HEADER + ", sentry_secret=hunter2", null, null)
                .orElseThrow();
        assertThat(credential.publicKey()).isEqualTo(KEY);
        assertThat(credential.toString()).doesNotContain("hunter2");
        SentryCredential fromDsn = SentryAuth.resolve(
                Optional.empty(), Optional.of("https://" + KEY + ":hunter2@sentry.example.com/42"), "42");
        assertThat(fromDsn.publicKey()).isEqualTo(KEY);
    }

    @Test
    void readsTheAuthorizationHeaderOnlyWhenItIsSentryAuth() throws Exception {
        assertThat(SentryAuth.fromRequest(null, HEADER, null).orElseThrow().carrier())
                .isEqualTo(Carrier.AUTHORIZATION);
        assertThat(SentryAuth.fromRequest(null, "Bearer abc", null)).isEmpty();
        assertThat(SentryAuth.fromRequest(null, "Basic dXNlcjpwYXNz", null)).isEmpty();
        assertThat(SentryAuth.fromRequest(null, "SentryFoo x=1", null)).isEmpty();
    }

    @Test
    void readsTheQueryString() throws Exception {
        SentryCredential credential = SentryAuth.fromRequest(
                        null,
                        null,
                        "sentry_version=7&sentry_key=" + KEY
                                + "&sentry_client=sentry.javascript.browser%2F8.0.0&other=1")
                .orElseThrow();
        assertThat(credential)
                .isEqualTo(new SentryCredential(
                        KEY, Optional.of("sentry.javascript.browser/8.0.0"), Optional.of("7"), Carrier.QUERY));
        assertThat(SentryAuth.fromRequest(null, null, "sentry_version=7")).isEmpty();
        assertThat(SentryAuth.fromRequest(null, null, "page=2")).isEmpty();
        assertThat(SentryAuth.fromRequest(null, null, "")).isEmpty();
    }

    @Test
    void readsTheEnvelopeDsnWithAPathPrefix() throws Exception {
        SentryCredential credential = SentryAuth.resolve(
                Optional.empty(), Optional.of("https://" + KEY + "@errors.example.com/sentry/42"), "42");
        assertThat(credential)
                .isEqualTo(new SentryCredential(KEY, Optional.empty(), Optional.empty(), Carrier.ENVELOPE_DSN));
        // Legacy routes without a project id in the URL take the DSN as it is.
        assertThat(SentryAuth.resolve(Optional.empty(), Optional.of("https://" + KEY + "@h/7"), null)
                        .publicKey())
                .isEqualTo(KEY);
    }

    @Test
    void agreeingCarriersAreMergedAndTheFirstNamesTheCarrier() throws Exception {
        Optional<SentryCredential> request =
                SentryAuth.fromRequest("Sentry sentry_key=" + KEY, HEADER, "sentry_key=" + KEY + "&sentry_version=7");
        SentryCredential credential =
                SentryAuth.resolve(request, Optional.of("https://" + KEY + "@sentry.example.com/42"), "42");
        assertThat(credential)
                .isEqualTo(new SentryCredential(
                        KEY, Optional.of("sentry.java/8.1.0"), Optional.of("7"), Carrier.X_SENTRY_AUTH));
    }

    @Test
    void conflictingCarriersAreRefused() throws Exception {
        assertRefused(
                () -> SentryAuth.fromRequest(HEADER, null, "sentry_key=other"),
                DiscardReason.CONFLICTING_AUTH,
                "X-Sentry-Auth header names key " + KEY + " but the query string names key other");
        assertRefused(
                () -> SentryAuth.fromRequest(HEADER, "Sentry sentry_key=other", null),
                DiscardReason.CONFLICTING_AUTH,
                "X-Sentry-Auth header names key " + KEY + " but the Authorization header names key other");
        Optional<SentryCredential> request = SentryAuth.fromRequest(HEADER, null, null);
        assertRefused(
                () -> SentryAuth.resolve(request, Optional.of("https://other@sentry.example.com/42"), "42"),
                DiscardReason.CONFLICTING_AUTH,
                "X-Sentry-Auth header names key " + KEY + " but the envelope header dsn names key other");
        assertRefused(
                () -> SentryAuth.fromRequest("Sentry sentry_key=a, sentry_key=b", null, null),
                DiscardReason.CONFLICTING_AUTH,
                "X-Sentry-Auth header names two keys, a and b");
    }

    @Test
    void dsnForAnotherProjectThanTheUrlIsAConflict() {
        assertRefused(
                () -> SentryAuth.resolve(
                        Optional.empty(), Optional.of("https://" + KEY + "@sentry.example.com/41"), "42"),
                DiscardReason.CONFLICTING_AUTH,
                "envelope header dsn is for project 41 but the request was sent to project 42");
    }

    @Test
    void missingOrMalformedAuthIsMissingAuth() throws Exception {
        assertThat(SentryAuth.fromRequest(null, null, null)).isEmpty();
        assertThat(SentryAuth.fromRequest("  ", null, null)).isEmpty();
        assertRefused(
                () -> SentryAuth.resolve(Optional.empty(), Optional.empty(), "42"),
                DiscardReason.MISSING_AUTH,
                "no Sentry key: send X-Sentry-Auth, a sentry_key query parameter, or a dsn in the envelope header");
        assertRefused(
                () -> SentryAuth.fromRequest("Bearer " + KEY, null, null),
                DiscardReason.MISSING_AUTH,
                "X-Sentry-Auth header must start with 'Sentry ' followed by sentry_key=<public key>");
        assertRefused(
                () -> SentryAuth.fromRequest("Sentry sentry_version=7", null, null),
                DiscardReason.MISSING_AUTH,
                "X-Sentry-Auth header has no sentry_key");
        assertRefused(
                () -> SentryAuth.fromRequest("Sentry sentry_key=", null, null),
                DiscardReason.MISSING_AUTH,
                "X-Sentry-Auth header has an empty sentry_key");
        assertRefused(
                () -> SentryAuth.fromRequest(null, null, "sentry_key=%zz"),
                DiscardReason.MISSING_AUTH,
                "query parameter sentry_key has a malformed percent escape");
        assertRefused(
                () -> SentryAuth.resolve(Optional.empty(), Optional.of("not a dsn"), "42"),
                DiscardReason.MISSING_AUTH,
                "envelope header dsn is not a DSN: it has no scheme such as https://");
    }

    @Test
    void resolveWithoutDsnReturnsTheRequestCredential() throws IngestException {
        Optional<SentryCredential> request = SentryAuth.fromRequest(null, null, "sentry_key=" + KEY);
        assertThat(SentryAuth.resolve(request, Optional.empty(), "42").publicKey())
                .isEqualTo(KEY);
    }
}
