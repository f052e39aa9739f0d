package dev.breakwater.model;

import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON text already validated by a parse, kept as the UTF-8 bytes it arrived in and written back as they are.
 *
 * <p>Jackson writes a raw value given as a {@link SerializableString} by asking for its UTF-8 bytes, so a byte-based
 * generator (the one the pipeline writes stored documents with) copies these bytes straight into its buffer: no
 * decoding to a {@code String} and encoding back, which cost a few microseconds per event. Character-based writers
 * (a {@code toString}, a {@code Writer}) get the decoded text, made once when first asked for.
 *
 * <p>Only raw (unquoted) output makes sense for a JSON value: the quoted forms are what Jackson would ask for if this
 * were used as a string, and give the value as a JSON string, as {@link com.fasterxml.jackson.core.io.SerializedString}
 * would.
 */
final class VerbatimJson implements SerializableString {
    private final byte[] utf8;
    private String text; // decoded on first use by a character-based writer

    VerbatimJson(byte[] bytes, int offset, int length) {
        this.utf8 = Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /** The JSON text's length in UTF-8 bytes. */
    int byteLength() {
        return utf8.length;
    }

    @Override
    public String getValue() {
        String decoded = text;
        if (decoded == null) {
            decoded = new String(utf8, StandardCharsets.UTF_8);
            text = decoded;
        }
        return decoded;
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        return quoted().asQuotedChars();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return utf8.clone();
    }

    @Override
    public byte[] asQuotedUTF8() {
        return quoted().asQuotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return quoted().appendQuotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return quoted().appendQuoted(buffer, offset);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + utf8.length > buffer.length) {
            return -1; // the generator then flushes and writes asUnquotedUTF8()
        }
        System.arraycopy(utf8, 0, buffer, offset, utf8.length);
        return utf8.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        String value = getValue();
        if (offset + value.length() > buffer.length) {
            return -1;
        }
        value.getChars(0, value.length(), buffer, offset);
        return value.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return quoted().writeQuotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(utf8);
        return utf8.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
        return quoted().putQuotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) throws IOException {
        if (utf8.length > buffer.remaining()) {
            return -1;
        }
        buffer.put(utf8);
        return utf8.length;
    }

    @Override
    public String toString() {
        return getValue();
    }

    private SerializableString quoted() {
        return new com.fasterxml.jackson.core.io.SerializedString(getValue());
    }
}
