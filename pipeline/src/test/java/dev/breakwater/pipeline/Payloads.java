package dev.breakwater.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.breakwater.testing.Gzip;
import java.io.ByteArrayOutputStream;

/** Payloads as SDKs send them, small but real: a Java exception with frames, a Rollbar trace, a deploy. */
final class Payloads {
    private Payloads() {}

    /** A sentry-java style error event thrown in {@code function} of {@code com.example.Checkout}. */
    static String sentryEvent(String eventId, String type, String message, String function, int line) {
        return """
                {"event_id":"%s","timestamp":"2026-11-23T10:00:00.123Z","platform":"java","level":"error",
                 "release":"shop@1.4.2","environment":"production","server_name":"web-1",
                 "tags":{"region":"eu"},"user":{"id":"u-17","email":"ann@example.com"},
                 "exception":{"values":[{"type":"%s","value":"%s","module":"java.lang",
                   "stacktrace":{"frames":[
                     {"module":"java.lang.Thread","function":"run","filename":"Thread.java","lineno":1583,"in_app":false},
                     {"module":"com.example.Checkout","function":"%s","filename":"Checkout.java","lineno":%d,"in_app":true}
                   ]}}]},
                 "sdk":{"name":"sentry.java","version":"8.62.0"}}
                """
                .formatted(eventId, type, message, function, line);
    }

    /** The event as a one-item envelope, with the item's {@code length}. */
    static byte[] envelope(String eventId, String eventJson) {
        byte[] payload = eventJson.getBytes(UTF_8);
        String head = "{\"event_id\":\"" + eventId + "\",\"sent_at\":\"2026-11-23T10:00:01Z\"}\n"
                + "{\"type\":\"event\",\"length\":" + payload.length + "}\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(UTF_8));
        out.writeBytes(payload);
        out.write('\n');
        return out.toByteArray();
    }

    /** A rollbar-java style item with a trace. */
    static String rollbarItem(String uuid, String exceptionClass, String message, String method) {
        return """
                {"access_token":"secret-token","data":{"environment":"production","level":"error","platform":"java",
                 "language":"java","uuid":"%s","timestamp":1795428000,"code_version":"2.0.0",
                 "body":{"trace":{"frames":[
                     {"filename":"Main.java","method":"main","class_name":"com.example.Main","lineno":10},
                     {"filename":"Billing.java","method":"%s","class_name":"com.example.Billing","lineno":42}
                   ],"exception":{"class":"%s","message":"%s"}}},
                 "notifier":{"name":"rollbar-java","version":"2.3.0"}}}
                """
                .formatted(uuid, method, exceptionClass, message);
    }

    static String deploy(String revision) {
        return "{\"environment\":\"production\",\"revision\":\"" + revision + "\",\"local_username\":\"ci\"}";
    }

    static String eventId(int n) {
        return String.format("%032x", n);
    }

    static byte[] gzip(byte[] bytes) {
        return Gzip.compress(bytes);
    }
}
