package dev.breakwater.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the events out of a Sentry envelope:
 *
 * <pre>
 * Envelope = Header { "\n" ItemHeader "\n" Payload } [ "\n" ]
 * </pre>
 *
 * Each header is one line of JSON. An item header's {@code length}, when present, is the payload's exact byte
 * count, and the byte after it must be {@code \n} or the end; without {@code length} the payload runs to the next
 * {@code \n} or the end. Only {@code event} items are decoded; items of every other type (attachments, sessions,
 * client reports, types not yet invented) are stepped over unread, as the protocol demands. Blank lines where an
 * item header is due are tolerated. Anything else that breaks the framing is a {@link DecodeException}: a
 * partial envelope is not silently turned into fewer events.
 */
final class SentryEnvelope {
    static final String SOURCE = "sentry-envelope";

    private SentryEnvelope() {}

    static List<CanonicalEvent> events(byte[] body, DecodeContext ctx) throws DecodeException {
        int end = body.length;
        if (end == 0) {
            throw new DecodeException("envelope is empty: its header line is missing");
        }
        int newline = indexOf(body, 0, end);
        int headerEnd = newline < 0 ? end : newline;
        ObjectNode header = Json.parseObject(body, 0, headerEnd, "envelope header");
        String headerEventId = null;
        JsonNode id = Json.value(header, "event_id");
        if (id != null) {
            headerEventId = id.isTextual() ? EventId.normalize(id.textValue()) : null;
            if (headerEventId == null) {
                throw new DecodeException("envelope header event_id is not 32 hex digits: "
                        + (id.isTextual() ? Json.quote(id.textValue()) : Json.kind(id)));
            }
        }
        List<CanonicalEvent> events = new ArrayList<>(1);
        int pos = newline < 0 ? end : newline + 1;
        int item = 0;
        while (pos < end) {
            if (body[pos] == '\n') {
                pos++;
                continue;
            }
            item++;
            int lineEnd = indexOf(body, pos, end);
            if (lineEnd < 0) {
                lineEnd = end;
            }
            ObjectNode itemHeader = Json.parseObject(body, pos, lineEnd - pos, "item " + item + " header");
            JsonNode typeNode = Json.value(itemHeader, "type");
            if (typeNode == null || !typeNode.isTextual()) {
                throw new DecodeException("item " + item + " header has no type"
                        + (typeNode == null ? "" : ": was " + Json.kind(typeNode)));
            }
            String type = typeNode.textValue();
            int payloadStart = Math.min(lineEnd + 1, end);
            int payloadEnd;
            JsonNode lengthNode = Json.value(itemHeader, "length");
            if (lengthNode != null) {
                if (!lengthNode.isIntegralNumber() || !lengthNode.canConvertToLong() || lengthNode.longValue() < 0) {
                    throw new DecodeException("item " + item + " (" + type
                            + ") length must be a non-negative integer, was " + Json.kind(lengthNode));
                }
                long length = lengthNode.longValue();
                if (length > end - payloadStart) {
                    throw new DecodeException("item " + item + " (" + type + ") declares length " + length
                            + " but only " + (end - payloadStart) + " bytes follow its header");
                }
                payloadEnd = payloadStart + (int) length;
                if (payloadEnd < end && body[payloadEnd] != '\n') {
                    throw new DecodeException("item " + item + " (" + type + ") payload of " + length
                            + " bytes is not followed by a newline");
                }
            } else {
                int next = indexOf(body, payloadStart, end);
                payloadEnd = next < 0 ? end : next;
            }
            if ("event".equals(type)) {
                String what = "item " + item + " (event)";
                ObjectNode event = Json.parseObject(body, payloadStart, payloadEnd - payloadStart, what + " payload");
                int index = events.size();
                String fallbackId = index == 0 && headerEventId != null
                        ? headerEventId
                        : DerivedIds.eventId(ctx.node(), ctx.seq(), index);
                try {
                    boolean headerIdWins = index == 0 && headerEventId != null;
                    JsonNode raw = Json.verbatim(body, payloadStart, payloadEnd - payloadStart);
                    events.add(SentryEvent.decode(event, raw, SOURCE, fallbackId, headerIdWins, ctx.receivedAt()));
                } catch (DecodeException e) {
                    throw new DecodeException(what + ": " + e.getMessage(), e);
                }
            }
            pos = payloadEnd + 1;
        }
        return events;
    }

    private static int indexOf(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
