package dev.breakwater.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.breakwater.ingest.encoding.BodyDecoder;
import dev.breakwater.ingest.encoding.DecodedBody;
import dev.breakwater.ingest.rollbar.RollbarDeploy;
import dev.breakwater.ingest.rollbar.RollbarItem;
import dev.breakwater.model.DerivedIds;
import dev.breakwater.spool.AppendOutcome;
import dev.breakwater.spool.RecordDraft;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rollbar's {@code POST /api/1/item/} and {@code POST /api/1/deploy} (PROTOCOLS.md C), answering in Rollbar's shape.
 * A JSON item is stored as it arrived; a form-encoded one ({@code payload=}) as its JSON. Deploys are stored as a
 * small normalised JSON object, whatever form they came in.
 */
final class RollbarEndpoints {
    static final HeaderName TOKEN_HEADER = HeaderNames.create("X-Rollbar-Access-Token");
    private static final JsonFactory JSON = new JsonFactory();

    private final KeyDirectory keys;
    private final Admission admission;
    private final RequestBody requestBody;
    private final BodyDecoder itemDecoder;
    private final BodyDecoder deployDecoder;
    private final SpoolWriter writer;

    RollbarEndpoints(
            KeyDirectory keys,
            Admission admission,
            RequestBody requestBody,
            BodyDecoder itemDecoder,
            BodyDecoder deployDecoder,
            SpoolWriter writer) {
        this.keys = requireNonNull(keys, "keys is null");
        this.admission = requireNonNull(admission, "admission is null");
        this.requestBody = requireNonNull(requestBody, "requestBody is null");
        this.itemDecoder = requireNonNull(itemDecoder, "itemDecoder is null");
        this.deployDecoder = requireNonNull(deployDecoder, "deployDecoder is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    Reply item(ServerRequest req) throws IngestException {
        Optional<String> headerToken = req.headers().first(TOKEN_HEADER);
        ProjectKey key = null;
        if (headerToken.isPresent()) {
            key = authenticate(headerToken.get());
            admission.admit(key);
        }
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
        try (DecodedBody body = requestBody.read(req, itemDecoder)) {
            RollbarItem item = RollbarItem.parse(body.decoded(), 0, body.decodedLength(), contentType);
            if (key == null) {
                key = authenticate(item.accessToken().orElseThrow(() -> new IngestException(
                        DiscardReason.MISSING_AUTH,
                        "no access token: send X-Rollbar-Access-Token or access_token in the body")));
                admission.admit(key);
            }
            boolean form = item.json() != body.decoded();
            RecordDraft draft = form
                    ? new RecordDraft(key.projectId(), "rollbar-item", "application/json", "identity",
                            ByteBuffer.wrap(item.json(), item.offset(), item.length()).asReadOnlyBuffer())
                    : new RecordDraft(key.projectId(), "rollbar-item", "application/json", body.encoding().token(),
                            ByteBuffer.wrap(body.wire(), 0, body.wireLength()).asReadOnlyBuffer());
            SpoolWriter.Written written = writer.write(List.of(new LaneDraft(Lanes.EVENTS, draft, Set.of("error"))));
            throwIfRefused(written);
            String uuid = item.uuid().orElseGet(() -> DerivedIds.uuid(
                            writer.nodeId(), ((AppendOutcome.Appended) written.outcomes().getFirst()).seq())
                    .toString());
            return Reply.ok(("{\"err\":0,\"result\":{\"id\":null,\"uuid\":\"" + uuid + "\"}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    Reply deploy(ServerRequest req) throws IngestException {
        Optional<String> headerToken = req.headers().first(TOKEN_HEADER);
        ProjectKey key = null;
        if (headerToken.isPresent()) {
            key = authenticate(headerToken.get());
            admission.admit(key);
        }
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
        try (DecodedBody body = requestBody.read(req, deployDecoder)) {
            RollbarDeploy deploy = RollbarDeploy.parse(body.decoded(), 0, body.decodedLength(), contentType);
            if (key == null) {
                key = authenticate(deploy.accessToken().orElseThrow(() -> new IngestException(
                        DiscardReason.MISSING_AUTH, "no access token: send X-Rollbar-Access-Token or access_token")));
                admission.admit(key);
            }
            RecordDraft draft = new RecordDraft(
                    key.projectId(), "rollbar-deploy", "application/json", "identity", ByteBuffer.wrap(json(deploy)));
            SpoolWriter.Written written = writer.write(List.of(new LaneDraft(Lanes.DEPLOYS, draft, Set.of())));
            throwIfRefused(written);
            long deployId = ((AppendOutcome.Appended) written.outcomes().getFirst()).seq();
            // Rollbar's docs show both shapes; answer with both so either reader is satisfied
            return Reply.ok(("{\"err\":0,\"result\":{\"deploy_id\":" + deployId + "},\"data\":{\"deploy_id\":" + deployId
                            + "}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private ProjectKey authenticate(String token) throws IngestException {
        return keys.byRollbarToken(token.strip())
                .orElseThrow(() -> new IngestException(DiscardReason.UNKNOWN_KEY, "unknown Rollbar access token"));
    }

    private static void throwIfRefused(SpoolWriter.Written written) throws IngestException {
        IngestException refusal = Admission.refusal(written);
        if (refusal != null) {
            throw refusal;
        }
    }

    private static byte[] json(RollbarDeploy deploy) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("environment", deploy.environment());
            json.writeStringField("revision", deploy.revision());
            writeOptional(json, "rollbar_username", deploy.rollbarUsername());
            writeOptional(json, "local_username", deploy.localUsername());
            writeOptional(json, "comment", deploy.comment());
            writeOptional(json, "status", deploy.status());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeOptional(JsonGenerator json, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(name, value.get());
        }
    }
}
