package dev.breakwater.ingest.sentry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.ingest.IngestException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Whatever a store body holds, scanning it gives an event id (or none) or an {@link IngestException}, never anything else. */
class StoreBodyPropertyTest {
    private static final byte[] EVENT =
            ("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"level\":\"error\",\"extra\":{\"n\":[1,2.5,-3e9,true,null]},"
                + "\"exception\":{\"values\":[{\"type\":\"E\",\"value\":\"\\u00e9\\\"\",\"stacktrace\":{\"frames\":[{\"lineno\":3}]}}]}}")
                    .getBytes(UTF_8);

    @Property(tries = 500)
    void damagedEventsScanOrFailWithIngestException(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] body = EVENT.clone();
        byte[] framing = {'{', '}', '[', ']', '"', ':', ',', '\\', 'e', '-', 0, (byte) 0xc3, (byte) 0xff};
        for (int m = 1 + random.nextInt(4); m > 0; m--) {
            body[random.nextInt(body.length)] =
                    random.nextBoolean() ? framing[random.nextInt(framing.length)] : (byte) random.nextInt(256);
        }
        scanOrRefuse(random.nextInt(4) == 0 ? Arrays.copyOf(body, random.nextInt(body.length)) : body);
    }

    @Property(tries = 300)
    void arbitraryBytesScanOrFailWithIngestException(@ForAll @Size(max = 200) byte[] body) {
        scanOrRefuse(body);
    }

    private static void scanOrRefuse(byte[] body) {
        try {
            Optional<String> eventId = StoreBody.scanEventId(body, 0, body.length);
            eventId.ifPresent(id -> assertThat(id).matches("[0-9a-f]{32}"));
        } catch (IngestException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
