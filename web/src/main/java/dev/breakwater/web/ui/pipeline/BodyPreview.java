package dev.breakwater.web.ui.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A short preview of a quarantined record's body for the quarantine page: the start of the body as one line of text
 * ({@code readable}), or a note such as {@code (binary, 812 bytes)} when it is not UTF-8 text.
 *
 * <p>Bodies are kept as ingest stored them, in their content encoding. Identity, gzip and deflate bodies are
 * previewed (only the first few KiB are inflated, so a compression bomb costs nothing); brotli and zstd bodies are
 * described, not decoded, because the pipeline's decoder is internal to it. The text is escaped where the page shows
 * it, like all event data.
 */
public record BodyPreview(String text, boolean readable) {
    /** At most this many characters of the body are shown. */
    public static final int MAX_CHARS = 500;
    /** UTF-8 needs at most 4 bytes a character: this many decoded bytes always hold {@link #MAX_CHARS} of them. */
    private static final int MAX_BYTES = MAX_CHARS * 4;

    public static BodyPreview of(String encoding, byte[] body) {
        if (body.length == 0) {
            return new BodyPreview("(empty)", false);
        }
        byte[] head;
        try {
            head = switch (encoding) {
                case "identity" -> Arrays.copyOf(body, Math.min(body.length, MAX_BYTES + 1));
                case "gzip", "x-gzip", "deflate" -> inflate(encoding, body);
                default -> null;
            };
        } catch (IOException e) {
            return new BodyPreview(
                    "(" + encoding + " body that does not decompress, " + body.length + " bytes)", false);
        }
        if (head == null) {
            return new BodyPreview("(" + encoding + "-compressed, " + body.length + " bytes)", false);
        }
        boolean cut = head.length > MAX_BYTES;
        Optional<String> text = text(cut ? Arrays.copyOf(head, MAX_BYTES) : head, cut);
        if (text.isEmpty()) {
            return new BodyPreview("(binary, " + body.length + " bytes)", false);
        }
        String line = shorten(text.get(), cut);
        return line.isEmpty()
                ? new BodyPreview("(blank, " + body.length + " bytes)", false)
                : new BodyPreview(line, true);
    }

    /** The first {@code MAX_BYTES + 1} decoded bytes (one more than shown, to know whether there is more). */
    private static byte[] inflate(String encoding, byte[] body) throws IOException {
        Inflater inflater = encoding.equals("deflate") ? new Inflater(!hasZlibHeader(body)) : null;
        ByteArrayInputStream raw = new ByteArrayInputStream(body);
        try (InputStream in = inflater == null ? new GZIPInputStream(raw) : new InflaterInputStream(raw, inflater)) {
            return in.readNBytes(MAX_BYTES + 1);
        } catch (RuntimeException e) {
            throw new IOException(e);
        } finally {
            if (inflater != null) {
                inflater.end(); // a stream given its own Inflater leaves ending it to the caller
            }
        }
    }

    /** HTTP deflate is zlib-wrapped, but some clients send raw deflate, which ingest accepts too. */
    private static boolean hasZlibHeader(byte[] in) {
        if (in.length < 2) {
            return false;
        }
        int cmf = in[0] & 0xff;
        int flg = in[1] & 0xff;
        return (cmf & 0x0f) == 8 && (cmf >>> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
    }

    /**
     * The bytes as text if they are valid UTF-8 without control characters (other than tabs and line breaks). A
     * {@code cut} prefix may end inside a character; that tail is dropped rather than counted against the body.
     */
    private static Optional<String> text(byte[] bytes, boolean cut) {
        CharsetDecoder decoder = UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), out, !cut);
        if (result.isError() || (!cut && decoder.flush(out).isError())) {
            return Optional.empty();
        }
        String text = out.flip().toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return Optional.empty();
            }
        }
        return Optional.of(text);
    }

    /** One line (runs of white space become one space) of at most {@link #MAX_CHARS}, with "…" when there is more. */
    private static String shorten(String text, boolean cut) {
        String line = text.strip().replaceAll("\\s+", " ");
        if (line.codePointCount(0, line.length()) > MAX_CHARS) {
            return line.substring(0, line.offsetByCodePoints(0, MAX_CHARS)) + "\u2026";
        }
        return cut ? line + "\u2026" : line;
    }
}
