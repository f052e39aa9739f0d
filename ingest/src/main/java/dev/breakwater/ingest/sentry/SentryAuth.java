package dev.breakwater.ingest.sentry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import dev.breakwater.ingest.sentry.SentryCredential.Carrier;
import java.net.URLDecoder;
import java.util.Optional;

/**
 * Finds the Sentry key in a request (PROTOCOLS A.2). The carriers, any of which may be used:
 *
 * <ol>
 *   <li>{@code X-Sentry-Auth: Sentry sentry_version=7, sentry_client=..., sentry_key=...}: a
 *       comma-separated {@code key=value} list after {@code Sentry}; whitespace and newlines may
 *       follow the commas, values may be double-quoted, and like Relay the {@code sentry_} prefix is
 *       optional ({@code key=}, {@code public_key=} work too). {@code sentry_secret} and
 *       {@code sentry_timestamp} are ignored.
 *   <li>{@code Authorization} with the same {@code Sentry ...} value, which Relay also accepts. Other
 *       schemes ({@code Bearer}, {@code Basic}) are not a Sentry carrier and are ignored, since a proxy
 *       in front may use the header for itself.
 *   <li>The query string: {@code sentry_key}, {@code sentry_version}, {@code sentry_client}.
 *   <li>The envelope header's {@code dsn}, on the envelope endpoint.
 * </ol>
 *
 * <p>Decisions: carriers that are present must name the same key, else
 * {@link DiscardReason#CONFLICTING_AUTH} (Relay refuses any second carrier; agreeing ones are harmless
 * and browsers behind tunnels send them). A DSN naming another project than the URL is
 * {@link DiscardReason#CONFLICTING_AUTH} too: the request contradicts itself, whichever project the
 * key belongs to (the caller's key lookup yields {@link DiscardReason#KEY_NOT_FOR_PROJECT}). No carrier,
 * a malformed {@code X-Sentry-Auth}, one without a key, or an unparseable DSN is
 * {@link DiscardReason#MISSING_AUTH}. A query string without {@code sentry_key} is no carrier at all.
 *
 * <p>Two steps, so the key can be checked before the body is read when a header or the query carries
 * it: {@link #fromRequest} looks at the request line and headers, {@link #resolve} adds the envelope's
 * DSN. Stateless and thread-safe.
 */
public final class SentryAuth {
    private static final String SCHEME = "sentry";

    private SentryAuth() {}

    /**
     * The key from {@code X-Sentry-Auth}, {@code Authorization} and the query string.
     *
     * @param xSentryAuth the {@code X-Sentry-Auth} header, or null
     * @param authorization the {@code Authorization} header, or null
     * @param rawQuery the query string as sent (percent-encoded, without {@code ?}), or null
     * @return empty when none of them carries a key
     */
    public static Optional<SentryCredential> fromRequest(String xSentryAuth, String authorization, String rawQuery)
            throws IngestException {
        SentryCredential found = null;
        if (xSentryAuth != null && !xSentryAuth.isBlank()) {
            found = fromHeader(xSentryAuth, Carrier.X_SENTRY_AUTH);
        }
        if (authorization != null && isSentryScheme(authorization.strip())) {
            found = agree(found, fromHeader(authorization, Carrier.AUTHORIZATION));
        }
        if (rawQuery != null && rawQuery.contains("sentry_")) {
            SentryCredential query = fromQuery(rawQuery);
            if (query != null) {
                found = agree(found, query);
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Settles on the request's key, adding the envelope header's DSN as a carrier.
     *
     * @param fromRequest what {@link #fromRequest} found
     * @param envelopeDsn the envelope header's {@code dsn}; empty on {@code /store/}
     * @param urlProjectId the project id in the URL, or null on legacy routes without one
     */
    public static SentryCredential resolve(
            Optional<SentryCredential> fromRequest, Optional<String> envelopeDsn, String urlProjectId)
            throws IngestException {
        requireNonNull(fromRequest, "fromRequest is null");
        requireNonNull(envelopeDsn, "envelopeDsn is null");
        if (envelopeDsn.isEmpty()) {
            return fromRequest.orElseThrow(() -> new IngestException(
                    DiscardReason.MISSING_AUTH,
                    "no Sentry key: send X-Sentry-Auth, a sentry_key query parameter, or a dsn in the envelope"
                            + " header"));
        }
        Dsn dsn;
        try {
            dsn = Dsn.parse(envelopeDsn.get());
        } catch (IllegalArgumentException e) {
            throw new IngestException(
                    DiscardReason.MISSING_AUTH, "envelope header dsn is not a DSN: " + e.getMessage());
        }
        if (urlProjectId != null && !dsn.projectId().equals(urlProjectId)) {
            throw new IngestException(
                    DiscardReason.CONFLICTING_AUTH,
                    "envelope header dsn is for project " + Json.printable(dsn.projectId())
                            + " but the request was sent to project " + Json.printable(urlProjectId));
        }
        SentryCredential fromDsn =
                new SentryCredential(dsn.publicKey(), Optional.empty(), Optional.empty(), Carrier.ENVELOPE_DSN);
        return fromRequest.isPresent() ? agree(fromRequest.get(), fromDsn) : fromDsn;
    }

    private static SentryCredential fromHeader(String value, Carrier carrier) throws IngestException {
        String text = value.strip();
        if (!isSentryScheme(text)) {
            throw new IngestException(
                    DiscardReason.MISSING_AUTH,
                    carrier.label() + " must start with 'Sentry ' followed by sentry_key=<public key>");
        }
        Fields fields = new Fields(carrier);
        for (String pair : text.substring(SCHEME.length()).split(",")) {
            int eq = pair.indexOf('=');
            if (eq >= 0) {
                fields.put(
                        pair.substring(0, eq).strip(),
                        unquote(pair.substring(eq + 1).strip()));
            }
        }
        if (fields.key == null) {
            throw new IngestException(DiscardReason.MISSING_AUTH, carrier.label() + " has no sentry_key");
        }
        return fields.credential();
    }

    /** The credential in a query string, or null when it has no {@code sentry_key}. */
    private static SentryCredential fromQuery(String rawQuery) throws IngestException {
        Fields fields = new Fields(Carrier.QUERY);
        for (String pair : rawQuery.split("&")) {
            if (!pair.startsWith("sentry_")) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            try {
                fields.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IngestException(
                        DiscardReason.MISSING_AUTH,
                        "query parameter " + Json.printable(name) + " has a malformed percent escape");
            }
        }
        return fields.key == null ? null : fields.credential();
    }

    private static SentryCredential agree(SentryCredential first, SentryCredential second) throws IngestException {
        if (first == null) {
            return second;
        }
        if (!first.publicKey().equals(second.publicKey())) {
            throw new IngestException(
                    DiscardReason.CONFLICTING_AUTH,
                    first.carrier().label() + " names key " + Json.printable(first.publicKey()) + " but the "
                            + second.carrier().label() + " names key " + Json.printable(second.publicKey()));
        }
        return new SentryCredential(
                first.publicKey(),
                first.client().or(second::client),
                first.version().or(second::version),
                first.carrier());
    }

    private static boolean isSentryScheme(String text) {
        return text.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && (text.length() == SCHEME.length() || Character.isWhitespace(text.charAt(SCHEME.length())));
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    /** The auth fields of one carrier, collected pair by pair. */
    private static final class Fields {
        private final Carrier carrier;
        String key;
        String client;
        String version;

        Fields(Carrier carrier) {
            this.carrier = carrier;
        }

        void put(String name, String value) throws IngestException {
            String bare = name.startsWith("sentry_") ? name.substring("sentry_".length()) : name;
            switch (bare) {
                case "key", "public_key" -> {
                    if (value.isEmpty()) {
                        throw new IngestException(
                                DiscardReason.MISSING_AUTH, carrier.label() + " has an empty sentry_key");
                    }
                    if (key != null && !key.equals(value)) {
                        throw new IngestException(
                                DiscardReason.CONFLICTING_AUTH,
                                carrier.label() + " names two keys, " + Json.printable(key) + " and "
                                        + Json.printable(value));
                    }
                    key = value;
                }
                case "client" -> client = value.isEmpty() ? client : value;
                case "version" -> version = value.isEmpty() ? version : value;
                default -> {
                    // sentry_secret and sentry_timestamp are deprecated; unknown fields are future ones
                }
            }
        }

        SentryCredential credential() {
            return new SentryCredential(key, Optional.ofNullable(client), Optional.ofNullable(version), carrier);
        }
    }
}
