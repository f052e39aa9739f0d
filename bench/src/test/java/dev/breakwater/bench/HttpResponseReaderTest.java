package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {

    @Test
    void readsContentLengthResponsesBackToBack() throws IOException {
        HttpResponseReader reader = reader(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 41\r\n\r\n"
                        + "{\"id\":\"0123456789abcdef0123456789abcdef\"}"
                        + "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nX-Sentry-Rate-Limits: 1::project\r\n"
                        + "Content-Length: 2\r\n\r\n{}");

        assertThat(reader.read()).isEqualTo(new HttpResponse(200, false, false, false));
        assertThat(reader.read()).isEqualTo(new HttpResponse(429, true, true, false));
    }

    @Test
    void readsChunkedBodiesAndTrailers() throws IOException {
        HttpResponseReader reader = reader(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "4\r\n{\"id\r\n5;ext=1\r\n\":\"\"}\r\n0\r\nX-Trailer: y\r\n\r\n"
                        + "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");

        assertThat(reader.read().status()).isEqualTo(200);
        assertThat(reader.read().status()).isEqualTo(503);
    }

    @Test
    void honoursConnectionHeadersAndHttp10() throws IOException {
        assertThat(reader("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").read().close()).isTrue();
        assertThat(reader("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").read().close()).isTrue();
        assertThat(reader("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n").read().close()).isFalse();
    }

    @Test
    void aBodyWithoutLengthRunsToTheEndAndClosesTheConnection() throws IOException {
        HttpResponse response = reader("HTTP/1.1 200 OK\r\n\r\nwhatever comes").read();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.close()).isTrue();
    }

    @Test
    void skipsInterimResponses() throws IOException {
        assertThat(reader("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n").read().status()).isEqualTo(204);
    }

    @Test
    void findsLinesSplitAcrossReads() throws IOException {
        String response = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc";
        InputStream trickle = new InputStream() {
            private final byte[] bytes = response.getBytes(StandardCharsets.US_ASCII);
            private int pos;

            @Override
            public int read() {
                return pos < bytes.length ? bytes[pos++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[pos++];
                return 1;
            }
        };

        assertThat(new HttpResponseReader(trickle).read().status()).isEqualTo(200);
    }

    @Test
    void failsOnTruncatedOrMalformedResponses() {
        assertThatThrownBy(() -> reader("").read()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc").read())
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader("SSH-2.0-OpenSSH\r\n\r\n").read()).isInstanceOf(IOException.class)
                .hasMessageContaining("status line");
        assertThatThrownBy(() -> reader("HTTP/1.1 2x0 OK\r\n\r\n").read()).hasMessageContaining("status code");
        assertThatThrownBy(() -> reader("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n").read())
                .hasMessageContaining("Content-Length");
        assertThatThrownBy(() -> reader("HTTP/1.1 200 OK\r\n" + "X: " + "y".repeat(9000) + "\r\n\r\n").read())
                .hasMessageContaining("longer than");
    }

    private static HttpResponseReader reader(String bytes) {
        return new HttpResponseReader(new ByteArrayInputStream(bytes.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
