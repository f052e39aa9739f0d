package dev.breakwater.ingest;

import static java.util.Objects.requireNonNull;

import dev.breakwater.ingest.encoding.BodyDecoder;
import dev.breakwater.ingest.encoding.DecodedBody;
import dev.breakwater.ingest.sentry.Envelope;
import dev.breakwater.ingest.sentry.EnvelopeItem;
import dev.breakwater.ingest.sentry.EnvelopeParser;
import dev.breakwater.ingest.sentry.RateLimit;
import dev.breakwater.ingest.sentry.RateLimitHeader;
import dev.breakwater.ingest.sentry.SentryAuth;
import dev.breakwater.ingest.sentry.SentryCredential;
import dev.breakwater.ingest.sentry.StoreBody;
import dev.breakwater.model.DerivedIds;
import dev.breakwater.spool.AppendOutcome;
import dev.breakwater.spool.RecordDraft;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sentry's {@code /api/{projectId}/envelope/} and {@code /store/} (PROTOCOLS.md A).
 *
 * <p>Order of work: credentials from the headers or query (refused before the body is read when wrong), the rate
 * limit, the body (bounded, streamed), the envelope's framing and headers — never the event itself — then the
 * append. An envelope whose items all go to one lane is stored exactly as it arrived (still compressed); one that
 * spans lanes is split, one decompressed envelope per lane.
 */
final class SentryEndpoints {
    static final String ENVELOPE_CONTENT_TYPE = "application/x-sentry-envelope";

    private final KeyDirectory keys;
    private final Admission admission;
    private final RequestBody requestBody;
    private final BodyDecoder envelopeDecoder;
    private final BodyDecoder storeDecoder;
    private final EnvelopeParser parser;
    private final SpoolWriter writer;

    SentryEndpoints(
            KeyDirectory keys,
            Admission admission,
            RequestBody requestBody,
            BodyDecoder envelopeDecoder,
            BodyDecoder storeDecoder,
            EnvelopeParser parser,
            SpoolWriter writer) {
        this.keys = requireNonNull(keys, "keys is null");
        this.admission = requireNonNull(admission, "admission is null");
        this.requestBody = requireNonNull(requestBody, "requestBody is null");
        this.envelopeDecoder = requireNonNull(envelopeDecoder, "envelopeDecoder is null");
        this.storeDecoder = requireNonNull(storeDecoder, "storeDecoder is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    Reply envelope(ServerRequest req, String projectId) throws IngestException {
        Optional<SentryCredential> fromRequest = credentials(req);
        ProjectKey key = null;
        if (fromRequest.isPresent()) {
            key = authenticate(fromRequest.get(), projectId);
            admission.admit(key);
        }
        try (DecodedBody body = requestBody.read(req, envelopeDecoder)) {
            Envelope envelope = parser.parse(body.decoded(), 0, body.decodedLength());
            if (key == null || envelope.header().dsn().isPresent()) {
                SentryCredential credential = SentryAuth.resolve(fromRequest, envelope.header().dsn(), projectId);
                if (key == null) {
                    key = authenticate(credential, projectId);
                    admission.admit(key);
                }
            }
            Set<String> lanes = envelope.lanes();
            List<LaneDraft> drafts = new ArrayList<>(lanes.size());
            for (String lane : lanes) {
                ByteBuffer bytes;
                String encoding;
                if (lanes.size() == 1) {
                    // the common case: keep what arrived, compressed, with no copy
                    bytes = ByteBuffer.wrap(body.wire(), 0, body.wireLength());
                    encoding = body.encoding().token();
                } else {
                    bytes = ByteBuffer.wrap(envelope.forLane(lane));
                    encoding = "identity";
                }
                RecordDraft draft = new RecordDraft(
                        key.projectId(), "sentry-envelope", ENVELOPE_CONTENT_TYPE, encoding, bytes.asReadOnlyBuffer());
                drafts.add(new LaneDraft(lane, draft, categories(envelope, lane)));
            }
            SpoolWriter.Written written = writer.write(drafts);
            byte[] ok = envelope.eventId().map(SentryEndpoints::idJson).orElse(new byte[] {'{', '}'});
            return reply(written, ok);
        }
    }

    Reply store(ServerRequest req, String projectId) throws IngestException {
        SentryCredential credential = SentryAuth.resolve(credentials(req), Optional.empty(), projectId);
        ProjectKey key = authenticate(credential, projectId);
        admission.admit(key);
        try (DecodedBody received = requestBody.read(req, storeDecoder)) {
            boolean base64 = StoreBody.isBase64(received.decoded(), 0, received.decodedLength());
            DecodedBody body = base64 ? storeDecoder.inflateBase64(received) : received;
            Optional<String> eventId = StoreBody.scanEventId(body.decoded(), 0, body.decodedLength());
            // a base64 body is stored decoded: the pipeline then reads every stored body the same way
            RecordDraft draft = base64
                    ? new RecordDraft(key.projectId(), "sentry-store", "application/json", "identity",
                            ByteBuffer.wrap(body.decoded(), 0, body.decodedLength()).asReadOnlyBuffer())
                    : new RecordDraft(key.projectId(), "sentry-store", "application/json", body.encoding().token(),
                            ByteBuffer.wrap(body.wire(), 0, body.wireLength()).asReadOnlyBuffer());
            SpoolWriter.Written written = writer.write(List.of(new LaneDraft(Lanes.EVENTS, draft, Set.of("error", "default"))));
            String id = eventId.orElseGet(() -> written.outcomes().getFirst() instanceof AppendOutcome.Appended a
                    ? DerivedIds.eventId(writer.nodeId(), a.seq())
                    : "");
            return reply(written, idJson(id));
        }
    }

    private static Optional<SentryCredential> credentials(ServerRequest req) throws IngestException {
        return SentryAuth.fromRequest(
                req.headers().first(HeaderNames.create("X-Sentry-Auth")).orElse(null),
                req.headers().first(HeaderNames.AUTHORIZATION).orElse(null),
                req.query().rawValue());
    }

    private ProjectKey authenticate(SentryCredential credential, String projectId) throws IngestException {
        ProjectKey key = keys.bySentryKey(credential.publicKey())
                .orElseThrow(() -> new IngestException(
                        DiscardReason.UNKNOWN_KEY, "unknown Sentry key (from " + credential.carrier().label() + ")"));
        if (!keys.projectExists(projectId)) {
            throw new IngestException(DiscardReason.UNKNOWN_PROJECT, "there is no project " + printable(projectId));
        }
        if (!key.projectId().equals(projectId)) {
            throw new IngestException(
                    DiscardReason.KEY_NOT_FOR_PROJECT,
                    "this key belongs to another project than " + printable(projectId) + "; check the DSN");
        }
        return key;
    }

    private static Set<String> categories(Envelope envelope, String lane) {
        Set<String> categories = new LinkedHashSet<>();
        for (EnvelopeItem item : envelope.items()) {
            if (item.lane().equals(lane)) {
                categories.add(item.dataCategory());
            }
        }
        if (categories.contains("error")) {
            // an event item is "error" or "default" depending on its body, which ingest does not read
            categories.add("default");
        }
        return categories;
    }

    /**
     * 200 when everything was appended. Otherwise 429/503 (PROTOCOLS A.7: even when some items were queued, the
     * response carries the refusal), with {@code X-Sentry-Rate-Limits} naming only the refused categories so the
     * SDK keeps sending the rest.
     */
    private static Reply reply(SpoolWriter.Written written, byte[] ok) {
        IngestException refusal = Admission.refusal(written);
        if (refusal == null) {
            return Reply.ok(ok);
        }
        Reply reply = Intake.refusal(ErrorBody.Dialect.SENTRY, refusal);
        if (refusal.retryAfterSeconds() > 0) {
            List<String> categories = List.copyOf(Admission.refusedCategories(written));
            RateLimit limit = new RateLimit(
                    refusal.retryAfterSeconds(), categories, "project", Optional.of(refusal.reason().wireName()));
            reply = reply.withHeader("X-Sentry-Rate-Limits", RateLimitHeader.format(List.of(limit)));
        }
        return reply;
    }

    private static byte[] idJson(String eventId) {
        return ("{\"id\":\"" + eventId + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    private static String printable(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return "'" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }

    /** On every Sentry response: a browser SDK may read the answer and its rate-limit headers. */
    static final List<Header> CORS_RESPONSE = List.of(
            HeaderValues.create("Access-Control-Allow-Origin", "*"),
            HeaderValues.create(
                    "Access-Control-Expose-Headers", "x-sentry-error, x-sentry-rate-limits, retry-after"));

    /** On the preflight: what a browser SDK may send (PROTOCOLS A.2). */
    static final List<Header> CORS_PREFLIGHT = List.of(
            HeaderValues.create("Access-Control-Allow-Origin", "*"),
            HeaderValues.create("Access-Control-Allow-Methods", "POST"),
            HeaderValues.create(
                    "Access-Control-Allow-Headers",
                    "x-sentry-auth, x-requested-with, x-forwarded-for, origin, referer, accept, content-type, "
                            + "authentication, authorization, content-encoding, transfer-encoding"),
            HeaderValues.create(
                    "Access-Control-Expose-Headers", "x-sentry-error, x-sentry-rate-limits, retry-after"),
            HeaderValues.create("Access-Control-Max-Age", "3600"));
}
