package dev.breakwater.ingest;

import static java.util.Objects.requireNonNull;

import dev.breakwater.ingest.encoding.BodyDecoder;
import dev.breakwater.ingest.encoding.DecodedBody;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Reads a request's body through a {@link BodyDecoder}, within a deadline for the whole body.
 *
 * <p>The HTTP server has no read timeout of its own, so a client that stalls mid-body (or trickles a byte at a
 * time) would hold a thread and its buffers until the idle-connection sweep, minutes later. The {@link Watchdog}
 * interrupts the reading thread at the deadline instead; for a virtual thread blocked on a socket that closes the connection,
 * which is the answer a slow-loris client gets. The request is counted as {@code request_timeout} and nothing is
 * appended.
 */
public final class RequestBody {
    private final Duration timeout;

    public RequestBody(Duration timeout) {
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    public DecodedBody read(ServerRequest req, BodyDecoder decoder) throws IngestException {
        String encoding = req.headers().first(HeaderNames.CONTENT_ENCODING).orElse(null);
        long length = req.headers().contentLength().orElse(-1L);
        Watchdog.Alarm alarm = Watchdog.arm(timeout);
        try {
            return decoder.read(encoding, length, req.content().inputStream());
        } catch (IOException | UncheckedIOException e) {
            throw new IngestException(DiscardReason.TIMEOUT, "the request body could not be read: " + e.getMessage(), e);
        } catch (DataReader.InsufficientDataAvailableException e) {
            throw new IngestException(
                    DiscardReason.CLIENT_DISCONNECTED, "the client closed the connection before the whole body arrived");
        } catch (RuntimeException e) {
            if (alarm.fired()) {
                throw timedOut();
            }
            throw e;
        } finally {
            alarm.close();
            if (alarm.fired()) {
                throw timedOut();
            }
        }
    }

    private IngestException timedOut() {
        return new IngestException(
                DiscardReason.TIMEOUT, "the request body did not arrive within " + timeout.toMillis() + " ms");
    }
}
