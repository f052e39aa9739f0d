package dev.breakwater.ingest.sentry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses the framing of a Sentry envelope (PROTOCOLS A.4) without looking into payloads:
 *
 * <pre>
 * Envelope = Header { "\n" Item } [ "\n" ]      Header = one line of JSON, an object ("{}" is valid)
 * Item     = ItemHeader "\n" Payload           ItemHeader = one line of JSON, an object with "type"
 * </pre>
 *
 * A payload is exactly {@code length} bytes when the item header gives one (then a newline or the end
 * must follow), otherwise everything up to the next newline or the end; a {@code \r} before that
 * newline belongs to the payload. Header lines are parsed with Jackson's streaming parser, reading
 * only {@code event_id}, {@code dsn}, {@code sent_at} and the item fields; other values are skipped.
 *
 * <p>Like Relay's parser, it skips blank lines where an item header is expected, keeps items of
 * unknown type, and refuses a key it reads that appears twice in one header (two {@code length}s
 * would let two parsers frame the same bytes differently). It enforces {@link EnvelopeLimits}:
 * header line length, item count, payload size per type, at most one {@code event} or
 * {@code transaction}, and the number of session items.
 *
 * <p>Errors: broken framing is {@link DiscardReason#INVALID_ENVELOPE}, a header line that is not JSON
 * is {@link DiscardReason#INVALID_JSON}, a payload over its type's limit is
 * {@link DiscardReason#TOO_LARGE}; messages number items from 1.
 *
 * <p>Immutable and thread-safe.
 */
public final class EnvelopeParser {
    private final EnvelopeLimits limits;

    public EnvelopeParser(EnvelopeLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    public EnvelopeLimits limits() {
        return limits;
    }

    /** Parses {@code bytes[offset, offset + length)}; the returned envelope refers to, and does not copy, the array. */
    public Envelope parse(byte[] bytes, int offset, int length) throws IngestException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int end = offset + length;
        if (length == 0) {
            throw invalid("envelope is empty; it must start with a header line");
        }
        int headerEnd = lineEnd(bytes, offset, end, 0);
        EnvelopeHeader header = parseHeader(bytes, offset, headerEnd);

        List<EnvelopeItem> items = new ArrayList<>(4);
        int eventItem = 0;
        int sessionItems = 0;
        int pos = headerEnd + 1;
        while ((pos = skipBlank(bytes, pos, end)) < end) {
            int number = items.size() + 1;
            if (number > limits.maxItems()) {
                throw invalid("envelope has more than " + limits.maxItems() + " items");
            }
            int itemHeaderEnd = lineEnd(bytes, pos, end, number);
            ItemHeader itemHeader = parseItemHeader(bytes, pos, itemHeaderEnd, number);
            String type = itemHeader.type;
            int payloadStart = Math.min(itemHeaderEnd + 1, end);
            int payloadEnd;
            if (itemHeader.length >= 0) {
                int available = end - payloadStart;
                if (itemHeader.length > available) {
                    throw invalid(describe(number, type) + " declares length " + itemHeader.length + " but only "
                            + available + " bytes follow");
                }
                payloadEnd = payloadStart + (int) itemHeader.length;
                if (payloadEnd < end && bytes[payloadEnd] != '\n') {
                    throw invalid(describe(number, type) + " declares length " + itemHeader.length
                            + " but its payload is followed by byte 0x"
                            + String.format("%02x", bytes[payloadEnd] & 0xff)
                            + " instead of a newline");
                }
            } else {
                payloadEnd = indexOfNewline(bytes, payloadStart, end);
            }
            int payloadLength = payloadEnd - payloadStart;
            int maxPayload = limits.maxPayloadBytes(type);
            if (payloadLength > maxPayload) {
                throw new IngestException(
                        DiscardReason.TOO_LARGE,
                        describe(number, type) + " is " + payloadLength + " bytes, more than the " + maxPayload
                                + " allowed for " + Json.printable(type) + " items");
            }
            if (type.equals("event") || type.equals("transaction")) {
                if (eventItem > 0) {
                    throw invalid(describe(number, type)
                            + " is the second event or transaction; an envelope carries at most one (item " + eventItem
                            + " was the first)");
                }
                eventItem = number;
            } else if ((type.equals("session") || type.equals("sessions"))
                    && ++sessionItems > limits.maxSessionItems()) {
                throw new IngestException(
                        DiscardReason.TOO_LARGE,
                        "envelope has more than " + limits.maxSessionItems() + " session items");
            }
            items.add(new EnvelopeItem(
                    type,
                    pos,
                    itemHeaderEnd - pos,
                    payloadStart,
                    payloadLength,
                    itemHeader.length >= 0,
                    Optional.ofNullable(itemHeader.contentType),
                    Optional.ofNullable(itemHeader.filename),
                    Optional.ofNullable(itemHeader.attachmentType)));
            pos = payloadEnd + 1;
        }
        return new Envelope(bytes, offset, length, header, items);
    }

    private EnvelopeHeader parseHeader(byte[] bytes, int start, int end) throws IngestException {
        int line = 0; // for messages, see where()
        String eventId = null;
        String dsn = null;
        String sentAt = null;
        int seen = 0;
        try (JsonParser json = Json.parser(bytes, start, end - start)) {
            startObject(json, line);
            JsonToken token;
            while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (name) {
                    case "event_id" -> {
                        seen = once(seen, 1, line, name);
                        String raw = string(json, value, line, name);
                        eventId = raw == null
                                ? null
                                : EventId.normalize(raw)
                                        .orElseThrow(() -> invalid("envelope header event_id '" + Json.printable(raw)
                                                + "' is not a UUID (32 hex digits, or 36 with dashes)"));
                    }
                    case "dsn" -> {
                        seen = once(seen, 2, line, name);
                        dsn = string(json, value, line, name);
                    }
                    case "sent_at" -> {
                        seen = once(seen, 4, line, name);
                        sentAt = string(json, value, line, name);
                    }
                    default -> json.skipChildren();
                }
            }
            endObject(json, token, line);
        } catch (IOException e) {
            throw new IngestException(
                    DiscardReason.INVALID_JSON, where(line) + " is not valid JSON " + Json.syntaxError(e));
        }
        return new EnvelopeHeader(
                start,
                end - start,
                Optional.ofNullable(eventId),
                Optional.ofNullable(dsn),
                Optional.ofNullable(sentAt));
    }

    private static ItemHeader parseItemHeader(byte[] bytes, int start, int end, int line) throws IngestException {
        ItemHeader header = new ItemHeader();
        int seen = 0;
        try (JsonParser json = Json.parser(bytes, start, end - start)) {
            startObject(json, line);
            JsonToken token;
            while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (name) {
                    case "type" -> {
                        seen = once(seen, 1, line, name);
                        header.type = string(json, value, line, name);
                    }
                    case "length" -> {
                        seen = once(seen, 2, line, name);
                        header.length = length(json, value, line);
                    }
                    case "content_type" -> {
                        seen = once(seen, 4, line, name);
                        header.contentType = string(json, value, line, name);
                    }
                    case "filename" -> {
                        seen = once(seen, 8, line, name);
                        header.filename = string(json, value, line, name);
                    }
                    case "attachment_type" -> {
                        seen = once(seen, 16, line, name);
                        header.attachmentType = string(json, value, line, name);
                    }
                    default -> json.skipChildren();
                }
            }
            endObject(json, token, line);
        } catch (IOException e) {
            throw new IngestException(
                    DiscardReason.INVALID_JSON, where(line) + " is not valid JSON " + Json.syntaxError(e));
        }
        if (header.type == null || header.type.isEmpty()) {
            throw invalid(where(line) + " has no type");
        }
        return header;
    }

    private static void startObject(JsonParser json, int line) throws IOException, IngestException {
        JsonToken first = json.nextToken();
        if (first == null) {
            throw invalid(where(line) + " is an empty line; it must be a JSON object");
        }
        if (first != JsonToken.START_OBJECT) {
            throw invalid(where(line) + " must be a JSON object, not " + Json.describe(first));
        }
    }

    /** Checks that {@code last} closed the object and nothing but whitespace follows it on the line. */
    private static void endObject(JsonParser json, JsonToken last, int line) throws IOException, IngestException {
        if (last != JsonToken.END_OBJECT) {
            throw invalid(where(line) + " is not a JSON object");
        }
        JsonToken after = json.nextToken();
        if (after != null) {
            throw new IngestException(
                    DiscardReason.INVALID_JSON,
                    where(line) + " has " + Json.describe(after) + " after its JSON object, "
                            + Json.position(json.currentTokenLocation()));
        }
    }

    /** The value of a string field, or null for JSON null. */
    private static String string(JsonParser json, JsonToken value, int line, String name)
            throws IOException, IngestException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw invalid(where(line) + " field " + name + " must be a string, not " + Json.describe(value));
        }
        return json.getText();
    }

    /** The {@code length} field: a non-negative integer, or -1 for null. */
    private static long length(JsonParser json, JsonToken value, int line) throws IOException, IngestException {
        if (value == JsonToken.VALUE_NULL) {
            return -1;
        }
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw invalid(where(line) + " field length must be a non-negative integer, not " + Json.describe(value));
        }
        if (json.getNumberType() == JsonParser.NumberType.BIG_INTEGER || json.getLongValue() < 0) {
            throw invalid(where(line) + " field length must be a non-negative integer, not " + json.getText());
        }
        return json.getLongValue();
    }

    /** Marks key {@code bit} as seen, refusing it if it was seen before. */
    private static int once(int seen, int bit, int line, String name) throws IngestException {
        if ((seen & bit) != 0) {
            throw invalid(where(line) + " has the key " + name + " twice");
        }
        return seen | bit;
    }

    /**
     * Where the line starting at {@code start} ends: the index of its newline, or {@code end}.
     *
     * @param line 0 for the envelope header, else the item's number (for the message)
     */
    private int lineEnd(byte[] bytes, int start, int end, int line) throws IngestException {
        int max = limits.maxHeaderLineBytes();
        int scanEnd = (int) Math.min(end, (long) start + max + 1);
        int newline = indexOfNewline(bytes, start, scanEnd);
        if (newline - start > max) {
            throw invalid(where(line) + " line is longer than " + max + " bytes");
        }
        return newline;
    }

    private static int indexOfNewline(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return end;
    }

    private static int skipBlank(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end && (bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static String describe(int number, String type) {
        return "envelope item " + number + " (type " + Json.printable(type) + ")";
    }

    /** Names a header line in messages: 0 is the envelope header, n the header of item n. */
    private static String where(int line) {
        return line == 0 ? "envelope header" : "envelope item " + line + " header";
    }

    private static IngestException invalid(String message) {
        return new IngestException(DiscardReason.INVALID_ENVELOPE, message);
    }

    /** The fields of one item header; length is -1 when absent. */
    private static final class ItemHeader {
        String type;
        long length = -1;
        String contentType;
        String filename;
        String attachmentType;
    }
}
