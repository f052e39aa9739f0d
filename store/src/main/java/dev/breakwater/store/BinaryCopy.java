package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * Rows sent to one {@code COPY ... FROM STDIN (FORMAT binary)}, in PostgreSQL's binary copy format: a signature and
 * header, then per row its field count and each field as a length and its bytes (-1 for NULL), then a -1 trailer.
 * Fields are written through a buffer that goes to the server whenever it holds {@link #CHUNK} bytes, so what is
 * copied of a batch stays in memory about one chunk at a time.
 *
 * <p>Types as the server reads them in binary: {@code bigint} is 8 bytes big-endian, {@code text} is UTF-8 (pgjdbc
 * sets {@code client_encoding} to UTF8), {@code bytea} is the bytes as they are.
 *
 * <p>Use in try-with-resources: {@link #finish} ends the COPY, and closing one that was not finished (a row failed
 * to encode, the server refused one) cancels it, since the connection can run nothing else while a COPY is open.
 *
 * <p>Not thread-safe; one COPY at a time. Public for the benchmark's COPY ceiling, which sends the same format.
 */
public final class BinaryCopy implements AutoCloseable {
    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    /**
     * Bytes sent to the server in one CopyData message. Measured on 2026-12-06 with the benchmark's COPY ceiling
     * (300,000 rows of ~1.6 KB into an embedded PostgreSQL 14 on the same 2 cores): 70k rows/s with 256 KiB messages
     * against 105-124k with 1 MiB and 101-108k with 4 MiB, and the pipeline 23.8k against 27.9k events/s with 256 KiB
     * and 1 MiB. The cause was not found; 1 MiB is what the ceiling always sent.
     */
    static final int CHUNK = 1024 * 1024;

    private final CopyIn copy;
    private byte[] buffer = new byte[CHUNK];
    private int length;
    private long rows;

    /** Starts the stream with the format's header; {@code copy} must be a freshly started binary COPY FROM STDIN. */
    public BinaryCopy(CopyIn copy) throws SQLException {
        this.copy = requireNonNull(copy, "copy is null");
        put(SIGNATURE);
        putInt(0); // flags: no OIDs
        putInt(0); // header extension length
    }

    /** Starts a row of {@code fields} fields; exactly that many field calls follow. */
    public BinaryCopy row(int fields) throws SQLException {
        flushIfFull();
        putShort(fields);
        rows++;
        return this;
    }

    public BinaryCopy bigint(long value) {
        putInt(8);
        putLong(value);
        return this;
    }

    /** @param value the text, or null for SQL NULL */
    public BinaryCopy text(String value) {
        return value == null ? nullField() : bytea(value.getBytes(StandardCharsets.UTF_8));
    }

    public BinaryCopy bytea(byte[] value) {
        putInt(value.length);
        put(value);
        return this;
    }

    private BinaryCopy nullField() {
        putInt(-1);
        return this;
    }

    /**
     * Writes the trailer and ends the COPY.
     *
     * @throws SQLException when the server refused a row, or stored another number of rows than were written
     */
    public void finish() throws SQLException {
        putShort(-1);
        copy.writeToCopy(buffer, 0, length);
        length = 0;
        long stored = copy.endCopy();
        if (stored != rows) {
            throw new SQLException("COPY stored " + stored + " rows of the " + rows + " sent");
        }
    }

    /**
     * Cancels the COPY if it was not finished; nothing it sent is stored, and the transaction it was part of must roll
     * back. Does nothing after {@link #finish}.
     */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void flushIfFull() throws SQLException {
        if (length >= CHUNK) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void putShort(int value) {
        ensure(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void putInt(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    private void putLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    /** Grows the buffer for one field larger than what is left (a document bigger than a chunk). */
    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
