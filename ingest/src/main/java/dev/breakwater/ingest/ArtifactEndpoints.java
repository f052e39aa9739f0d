package dev.breakwater.ingest;

import static java.util.Objects.requireNonNull;

import dev.breakwater.ingest.encoding.BodyDecoder;
import dev.breakwater.ingest.encoding.DecodedBody;
import dev.breakwater.spool.RecordDraft;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Rollbar-style artifact uploads, {@code POST /api/1/sourcemap} and {@code /api/1/proguard}, into the artifacts lane.
 *
 * <p>The multipart body is stored as it arrived; the artifacts consumer parses it. The token is taken from the
 * {@code X-Rollbar-Access-Token} header or the {@code access_token} query parameter: a token only inside the
 * multipart form is not read here, because that would mean parsing a body of up to the wire limit on the
 * request path.
 */
final class ArtifactEndpoints {
    private final KeyDirectory keys;
    private final Admission admission;
    private final RequestBody requestBody;
    private final BodyDecoder decoder;
    private final SpoolWriter writer;

    ArtifactEndpoints(KeyDirectory keys, Admission admission, RequestBody requestBody, BodyDecoder decoder, SpoolWriter writer) {
        this.keys = requireNonNull(keys, "keys is null");
        this.admission = requireNonNull(admission, "admission is null");
        this.requestBody = requireNonNull(requestBody, "requestBody is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    Reply upload(ServerRequest req, String kind) throws IngestException {
        String token = req.headers()
                .first(RollbarEndpoints.TOKEN_HEADER)
                .or(() -> req.query().first("access_token").asOptional())
                .orElseThrow(() -> new IngestException(
                        DiscardReason.MISSING_AUTH,
                        "send the project's Rollbar access token in the X-Rollbar-Access-Token header"));
        ProjectKey key = keys.byRollbarToken(token)
                .orElseThrow(() -> new IngestException(DiscardReason.UNKNOWN_KEY, "unknown access token"));
        admission.admit(key);
        try (DecodedBody body = requestBody.read(req, decoder)) {
            String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("application/octet-stream");
            RecordDraft draft = new RecordDraft(
                    key.projectId(),
                    "rollbar-" + kind,
                    contentType,
                    body.encoding().token(),
                    ByteBuffer.wrap(body.wire(), 0, body.wireLength()).asReadOnlyBuffer());
            SpoolWriter.Written written = writer.write(List.of(new LaneDraft(Lanes.ARTIFACTS, draft, Set.of("attachment"))));
            IngestException refusal = Admission.refusal(written);
            if (refusal != null) {
                throw refusal;
            }
        }
        return Reply.ok("{\"err\":0,\"result\":{}}".getBytes(StandardCharsets.UTF_8));
    }
}
