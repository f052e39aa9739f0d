package dev.breakwater.ingest;

import io.helidon.http.Headers;
import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.http.encoding.ContentEncodingContextConfig;

/**
 * Tells the HTTP server to hand every request body over as it arrived, whatever its {@code Content-Encoding}.
 *
 * <p>Ingest decodes bodies itself: it must support encodings the server does not (br, zstd, x-gzip), bound the
 * decoded size while streaming (decompression bombs), answer 415 rather than 400 to unknown encodings, and keep the
 * wire bytes it stores. Responses are never encoded.
 */
public final class PassThroughEncoding implements ContentEncodingContext {

    @Override
    public ContentEncodingContextConfig prototype() {
        return ContentEncodingContextConfig.builder().buildPrototype();
    }

    @Override
    public boolean contentEncodingEnabled() {
        return false;
    }

    @Override
    public boolean contentDecodingEnabled() {
        return true;
    }

    @Override
    public boolean contentEncodingSupported(String encodingId) {
        return false;
    }

    @Override
    public boolean contentDecodingSupported(String encodingId) {
        return true;
    }

    @Override
    public ContentEncoder encoder(String encodingId) {
        return ContentEncoder.NO_OP;
    }

    @Override
    public ContentDecoder decoder(String encodingId) {
        return ContentDecoder.NO_OP;
    }

    @Override
    public ContentEncoder encoder(Headers headers) {
        return ContentEncoder.NO_OP;
    }
}
