package dev.breakwater.web.ui.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.breakwater.model.DecodeException;
import dev.breakwater.model.StoredBodies;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.Optional;

/**
 * A short preview of a quarantined record's body for the quarantine page: the start of the body as one line of text
 * ({@code readable}), or a note such as {@code (binary, 812 bytes)} when it is not UTF-8 text.
 *
 * <p>Bodies are kept as ingest stored them, in their content encoding, and previewed through the decoder the pipeline
 * uses ({@link StoredBodies}): only the first few KiB are decoded, so a compression bomb costs nothing. A body in an
 * encoding that decoder does not know is described, not decoded. The text is escaped where the page shows it, like
 * all event data.
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
        if (!StoredBodies.isKnown(encoding)) {
            return new BodyPreview("(" + encoding + "-encoded, " + body.length + " bytes)", false);
        }
        byte[] head;
        try {
            // one more byte than shown, to know whether there is more
            head = StoredBodies.head(encoding, body, MAX_BYTES + 1);
        } catch (DecodeException e) {
            return new BodyPreview(
                    "(" + encoding + " body that does not decompress, " + body.length + " bytes)", false);
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
