package dev.breakwater.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/** An ingest response: status, extra headers, JSON body. Built by an endpoint, written by {@link Intake}. */
public record Reply(int status, Map<String, String> headers, byte[] body, DiscardReason refusal) {

    public static Reply ok(byte[] json) {
        return new Reply(200, Map.of(), json, null);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, Map.copyOf(more), body, refusal);
    }
}
