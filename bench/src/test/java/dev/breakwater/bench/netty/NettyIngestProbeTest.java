package dev.breakwater.bench.netty;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.spool.LaneReader;
import dev.breakwater.spool.Spool;
import dev.breakwater.spool.SpoolRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe in full mode, end to end over loopback: an acknowledged envelope is in the spool, a refused one is not. */
class NettyIngestProbeTest {
    private static final String EVENT_ID = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void fullModeAcknowledgesAnEnvelopeOnlyOnceItIsInTheSpool() throws Exception {
        Path data = dir.resolve("spool");
        byte[] body = gzip("{\"event_id\":\"" + EVENT_ID + "\"}\n"
                + "{\"type\":\"event\",\"length\":15}\n"
                + "{\"message\":\"x\"}\n");
        ProbeOptions options = new ProbeOptions("127.0.0.1", 0, ProbeMode.FULL, data, "probekey", "7", 1, "auto");

        try (NettyIngestProbe probe = NettyIngestProbe.start(options);
                HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> accepted = client.send(post(probe.port(), "probekey", body), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> unknownKey = client.send(post(probe.port(), "otherkey", body), HttpResponse.BodyHandlers.ofString());

            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(accepted.body()).isEqualTo("{\"id\":\"" + EVENT_ID + "\"}");
            assertThat(unknownKey.statusCode()).isEqualTo(401);
            assertThat(unknownKey.body()).contains("unknown_key");
        }

        try (Spool spool = Spool.open(NettyIngestProbe.spoolConfig(data), Clock.systemUTC());
                LaneReader reader = spool.lane("events").reader(0)) {
            List<SpoolRecord> records = reader.poll(10, 1 << 20);
            assertThat(records).hasSize(1);
            SpoolRecord record = records.getFirst();
            assertThat(record.header().project()).isEqualTo("7");
            assertThat(record.header().encoding()).isEqualTo("gzip");
            assertThat(record.body()).isEqualTo(ByteBuffer.wrap(body));
        }
    }

    private static HttpRequest post(int port, String key, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/7/envelope/"))
                .header("Content-Type", ProbeIngest.ENVELOPE_CONTENT_TYPE)
                .header("Content-Encoding", "gzip")
                .header("X-Sentry-Auth", "Sentry sentry_version=7, sentry_client=test/1.0, sentry_key=" + key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(UTF_8));
        }
        return out.toByteArray();
    }
}
