package dev.breakwater.bench.netty;

import static java.util.Objects.requireNonNull;

import dev.breakwater.ingest.Admission;
import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.ErrorBody;
import dev.breakwater.ingest.IngestException;
import dev.breakwater.ingest.Intake;
import dev.breakwater.ingest.LaneDraft;
import dev.breakwater.ingest.Lanes;
import dev.breakwater.ingest.Reply;
import dev.breakwater.ingest.SpoolWriter;
import dev.breakwater.ingest.encoding.BodyDecoder;
import dev.breakwater.ingest.encoding.DecodedBody;
import dev.breakwater.ingest.sentry.Envelope;
import dev.breakwater.ingest.sentry.EnvelopeParser;
import dev.breakwater.ingest.sentry.SentryAuth;
import dev.breakwater.ingest.sentry.SentryCredential;
import dev.breakwater.spool.AppendOutcome;
import dev.breakwater.spool.Lane;
import dev.breakwater.spool.RecordDraft;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What Breakwater's {@code POST /api/{projectId}/envelope/} does per request, with the real classes, minus the HTTP
 * server: {@link SentryAuth} on the headers and the key looked up before the body is decoded, {@link BodyDecoder}
 * within the body limits and the in-flight byte budget, {@link EnvelopeParser} on the decoded bytes (and the header
 * DSN resolved when present), then the wire bytes appended to the {@code events} lane; the reply is the one
 * Breakwater would give ({@code {"id":...}}, or {@link Intake#refusal} for every refusal, spool outcomes mapped by
 * {@link Admission#refusal}).
 *
 * <p>Left out, so read the numbers as a ceiling for this work: the per-project rate limiter (the bench runs
 * Breakwater with it off), the concurrency and header-size checks, metrics, and splitting an envelope whose items
 * span lanes (such an envelope is stored whole in {@code events}; the bench corpus has none).
 *
 * <p>Thread-safe. Decoding and parsing run on the calling thread (a Netty event loop); the returned future
 * completes at once, except in {@link ProbeMode#FULL} where it completes on a spool thread after the group commit.
 */
final class ProbeIngest {
    static final String ENVELOPE_CONTENT_TYPE = "application/x-sentry-envelope";
    private static final byte[] HELLO = idJson("00000000000000000000000000000000");
    private static final byte[] NO_ID = {'{', '}'};

    private final ProbeMode mode;
    private final Map<String, String> projectByKey;
    private final Set<String> projects;
    private final BodyDecoder decoder;
    private final EnvelopeParser parser;
    private final Lane lane;

    /**
     * @param projectByKey the project of each accepted Sentry public key
     * @param lane the {@code events} lane; null unless {@code mode} is {@link ProbeMode#FULL}
     */
    ProbeIngest(
            ProbeMode mode, Map<String, String> projectByKey, BodyDecoder decoder, EnvelopeParser parser, Lane lane) {
        this.mode = requireNonNull(mode, "mode is null");
        this.projectByKey = Map.copyOf(requireNonNull(projectByKey, "projectByKey is null"));
        this.projects = Set.copyOf(this.projectByKey.values());
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.parser = requireNonNull(parser, "parser is null");
        if (mode == ProbeMode.FULL) {
            requireNonNull(lane, "lane is null: full mode appends to the events lane");
        }
        this.lane = lane;
    }

    /**
     * Handles one envelope whose body has been received whole.
     *
     * @param urlProjectId the {@code {projectId}} of the URL
     * @param body the body as sent; read to its end before this method returns
     */
    CompletableFuture<Reply> envelope(
            String urlProjectId,
            String xSentryAuth,
            String authorization,
            String rawQuery,
            String contentEncoding,
            long contentLength,
            InputStream body) {
        if (mode == ProbeMode.HELLO) {
            return CompletableFuture.completedFuture(Reply.ok(HELLO));
        }
        try {
            Optional<SentryCredential> fromRequest = SentryAuth.fromRequest(xSentryAuth, authorization, rawQuery);
            if (fromRequest.isPresent()) {
                authenticate(fromRequest.get(), urlProjectId);
            }
            DecodedBody decoded = decoder.read(contentEncoding, contentLength, body);
            boolean handedOver = false;
            try {
                Envelope envelope = parser.parse(decoded.decoded(), 0, decoded.decodedLength());
                if (fromRequest.isEmpty() || envelope.header().dsn().isPresent()) {
                    SentryCredential credential =
                            SentryAuth.resolve(fromRequest, envelope.header().dsn(), urlProjectId);
                    if (fromRequest.isEmpty()) {
                        authenticate(credential, urlProjectId);
                    }
                }
                byte[] ok = envelope.eventId().map(ProbeIngest::idJson).orElse(NO_ID);
                if (mode == ProbeMode.DECODE) {
                    return CompletableFuture.completedFuture(Reply.ok(ok));
                }
                CompletableFuture<Reply> reply = append(urlProjectId, decoded, ok);
                handedOver = true;
                return reply;
            } finally {
                if (!handedOver) {
                    decoded.close();
                }
            }
        } catch (IngestException e) {
            return CompletableFuture.completedFuture(Intake.refusal(ErrorBody.Dialect.SENTRY, e));
        } catch (IOException e) {
            // the body is already in memory, so this is not a slow or vanished client
            return CompletableFuture.completedFuture(Intake.refusal(
                    ErrorBody.Dialect.SENTRY,
                    new IngestException(DiscardReason.STORAGE_FAILED, "could not read the buffered body: " + e, e)));
        }
    }

    /** Stores the body as it arrived, still compressed, as Breakwater does for an envelope bound for one lane. */
    private CompletableFuture<Reply> append(String project, DecodedBody decoded, byte[] ok) {
        RecordDraft draft = new RecordDraft(
                project,
                "sentry-envelope",
                ENVELOPE_CONTENT_TYPE,
                decoded.encoding().token(),
                ByteBuffer.wrap(decoded.wire(), 0, decoded.wireLength()).asReadOnlyBuffer());
        CompletableFuture<AppendOutcome> appended;
        try {
            appended = lane.append(draft);
        } catch (RuntimeException e) {
            decoded.close();
            throw e;
        }
        return appended.handle((outcome, failure) -> {
            // the spool has written (or given up on) the bytes: the buffers can go back to the budget
            decoded.close();
            AppendOutcome result = failure == null ? outcome : new AppendOutcome.Failed("spool append failed: " + failure);
            IngestException refusal = Admission.refusal(new SpoolWriter.Written(
                    List.of(new LaneDraft(Lanes.EVENTS, draft, Set.of("error", "default"))), List.of(result)));
            return refusal == null ? Reply.ok(ok) : Intake.refusal(ErrorBody.Dialect.SENTRY, refusal);
        });
    }

    /** The same checks, in the same order and with the same refusals, as Breakwater's envelope endpoint. */
    private void authenticate(SentryCredential credential, String urlProjectId) throws IngestException {
        String project = projectByKey.get(credential.publicKey());
        if (project == null) {
            throw new IngestException(
                    DiscardReason.UNKNOWN_KEY, "unknown Sentry key (from " + credential.carrier().label() + ")");
        }
        if (!projects.contains(urlProjectId)) {
            throw new IngestException(DiscardReason.UNKNOWN_PROJECT, "there is no project " + printable(urlProjectId));
        }
        if (!project.equals(urlProjectId)) {
            throw new IngestException(
                    DiscardReason.KEY_NOT_FOR_PROJECT,
                    "this key belongs to another project than " + printable(urlProjectId) + "; check the DSN");
        }
    }

    private static String printable(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return "'" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }

    private static byte[] idJson(String eventId) {
        return ("{\"id\":\"" + eventId + "\"}").getBytes(StandardCharsets.US_ASCII);
    }
}
