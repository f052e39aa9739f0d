package dev.breakwater.model;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prints how long decode + group + document takes for the 4 KB sentry-java sample. Informational only: it asserts
 * nothing, since timings depend on the machine; the benchmarks module owns real measurements.
 */
class DecodeTimingTest {

    @Test
    void printsMicrosecondsPerEvent() throws Exception {
        byte[] body = Payloads.bytes("sentry-java-event.json");
        long sink = 0;
        for (int i = 0; i < 30_000; i++) {
            sink += once(body);
        }
        int rounds = 100_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            sink += once(body);
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf("decode+group+toJson of a %d-byte sentry-java event: %.1f µs/event (sink %d)%n",
                body.length, elapsed / 1000.0 / rounds, sink);
    }

    private static long once(byte[] body) throws DecodeException {
        List<CanonicalEvent> events = RecordDecoder.decode("sentry-store", body, Payloads.CTX);
        Grouping grouping = Fingerprinter.group(events.getFirst());
        return EventDocument.toJson(events.getFirst()).length + grouping.title().length();
    }
}
