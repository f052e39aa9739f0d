package dev.breakwater.ingest.sentry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import dev.breakwater.ingest.encoding.BodyDecoder;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of the legacy {@code POST /api/{project}/store/} endpoint (PROTOCOLS A.12): one event as a
 * JSON object, or that JSON as base64 of a zlib stream, without any {@code Content-Encoding} to say so
 * (A.3). Ingest only reads the top-level {@code event_id}; every other value is skipped with Jackson's
 * {@code skipChildren()}, which still checks the syntax of the whole body. Stateless and thread-safe.
 */
public final class StoreBody {
    private StoreBody() {}

    /**
     * Whether the body is base64 text rather than JSON, to be undone with
     * {@link BodyDecoder#inflateBase64}: its first non-whitespace byte is in the base64 alphabet. Any
     * other first byte ({@code {}, {@code [}, junk) is left to {@link #scanEventId} to refuse with a
     * JSON error, which says more than a failed base64 decoding would.
     */
    public static boolean isBase64(byte[] body, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, body.length);
        for (int i = offset; i < offset + length; i++) {
            int b = body[i];
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/';
        }
        return false;
    }

    /**
     * Checks that {@code body[offset, offset + length)} is exactly one JSON object and returns its
     * top-level {@code event_id}, normalised to 32 lowercase hex digits.
     *
     * @return empty when the event has no {@code event_id} (or it is null); the caller assigns one
     * @throws IngestException {@link DiscardReason#INVALID_JSON} for a syntax error, an empty body or data
     *     after the object; {@link DiscardReason#INVALID_PAYLOAD} when the JSON is not an object, or
     *     {@code event_id} is not a UUID string or appears twice
     */
    public static Optional<String> scanEventId(byte[] body, int offset, int length) throws IngestException {
        Objects.checkFromIndexSize(offset, length, body.length);
        String eventId = null;
        boolean seen = false;
        try (JsonParser json = Json.parser(body, offset, length)) {
            JsonToken token = json.nextToken();
            if (token == null) {
                throw new IngestException(DiscardReason.INVALID_JSON, "store body is empty; it must be a JSON event");
            }
            if (token != JsonToken.START_OBJECT) {
                throw new IngestException(
                        DiscardReason.INVALID_PAYLOAD, "store body must be a JSON object, not " + Json.describe(token));
            }
            while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
                boolean isEventId = json.currentName().equals("event_id");
                JsonToken value = json.nextToken();
                if (!isEventId) {
                    json.skipChildren();
                    continue;
                }
                if (seen) {
                    throw new IngestException(DiscardReason.INVALID_PAYLOAD, "store body has the key event_id twice");
                }
                seen = true;
                if (value == JsonToken.VALUE_STRING) {
                    String raw = json.getText();
                    eventId = EventId.normalize(raw)
                            .orElseThrow(() -> new IngestException(
                                    DiscardReason.INVALID_PAYLOAD,
                                    "event_id '" + Json.printable(raw)
                                            + "' is not a UUID (32 hex digits, or 36 with dashes)"));
                } else if (value != JsonToken.VALUE_NULL) {
                    throw new IngestException(
                            DiscardReason.INVALID_PAYLOAD, "event_id must be a string, not " + Json.describe(value));
                }
            }
            JsonToken after = json.nextToken();
            if (after != null) {
                throw new IngestException(
                        DiscardReason.INVALID_JSON,
                        "store body has " + Json.describe(after) + " after its JSON object, "
                                + Json.position(json.currentTokenLocation()));
            }
        } catch (IOException e) {
            throw new IngestException(
                    DiscardReason.INVALID_JSON, "store body is not valid JSON " + Json.syntaxError(e));
        }
        return Optional.ofNullable(eventId);
    }
}
