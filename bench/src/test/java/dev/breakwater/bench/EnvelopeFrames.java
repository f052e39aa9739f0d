package dev.breakwater.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A strict reader of Sentry envelopes for tests, written from PROTOCOLS.md A.4 rather than borrowed from the code
 * under test: header line, then items of header line + payload, where a payload with {@code length} is exactly that
 * many bytes followed by {@code \n} or the end.
 */
record EnvelopeFrames(JsonNode header, List<Item> items) {

    record Item(JsonNode header, byte[] payload) {
        JsonNode json() {
            return parse(payload);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static EnvelopeFrames gunzipAndParse(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return parseEnvelope(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EnvelopeFrames parseEnvelope(byte[] envelope) {
        int newline = indexOf(envelope, 0);
        if (newline < 0) {
            throw new IllegalArgumentException("no envelope header line");
        }
        JsonNode header = parse(Arrays.copyOfRange(envelope, 0, newline));
        List<Item> items = new ArrayList<>();
        int pos = newline + 1;
        while (pos < envelope.length) {
            int end = indexOf(envelope, pos);
            if (end < 0) {
                throw new IllegalArgumentException("item header without newline at " + pos);
            }
            JsonNode itemHeader = parse(Arrays.copyOfRange(envelope, pos, end));
            if (!itemHeader.path("type").isTextual()) {
                throw new IllegalArgumentException("item header without type: " + itemHeader);
            }
            pos = end + 1;
            byte[] payload;
            if (itemHeader.has("length")) {
                int length = itemHeader.get("length").asInt();
                if (pos + length > envelope.length) {
                    throw new IllegalArgumentException("payload shorter than its length " + length);
                }
                payload = Arrays.copyOfRange(envelope, pos, pos + length);
                pos += length;
                if (pos < envelope.length) {
                    if (envelope[pos] != '\n') {
                        throw new IllegalArgumentException("payload not followed by newline at " + pos);
                    }
                    pos++;
                }
            } else {
                int payloadEnd = indexOf(envelope, pos);
                payloadEnd = payloadEnd < 0 ? envelope.length : payloadEnd;
                payload = Arrays.copyOfRange(envelope, pos, payloadEnd);
                pos = payloadEnd + 1;
            }
            items.add(new Item(itemHeader, payload));
        }
        return new EnvelopeFrames(header, items);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + new String(json, 0, Math.min(200, json.length), StandardCharsets.UTF_8), e);
        }
    }
}
