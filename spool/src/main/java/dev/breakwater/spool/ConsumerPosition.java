package dev.breakwater.spool;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The persistent position of one named consumer, {@code consumers/<name>.pos}, {@value #BYTES} bytes:
 *
 * <pre>
 * version    u8    1
 * nextOffset i64   everything before it is done with
 * crc        u32   CRC32C of the 9 bytes before it
 * </pre>
 *
 * Replaced atomically: the new position goes to {@code <name>.pos.tmp}, which is forced, renamed over the old file,
 * and the directory forced, so after a crash the file holds the old or the new position, never a mix of both.
 *
 * <p>Besides what is committed it holds what the consumer attached to it is reading, so that {@link Retention} keeps
 * the segments a consumer has sought back into. Threading: both are volatile, read by retention on any thread;
 * commits come from the one consumer attached; attaching is guarded by {@link Retention}.
 */
final class ConsumerPosition {

    static final String SUFFIX = ".pos";
    static final String TEMP_SUFFIX = ".pos.tmp";
    private static final int BYTES = 1 + Long.BYTES + Integer.BYTES;
    private static final byte VERSION = 1;

    private final String name;
    private final Path file;
    private volatile long committed;
    private volatile long reading = Long.MAX_VALUE;
    private boolean attached;

    private ConsumerPosition(String name, Path file, long committed) {
        this.name = requireNonNull(name, "name is null");
        this.file = requireNonNull(file, "file is null");
        this.committed = committed;
    }

    /** A new consumer's position, persisted before it is returned. */
    static ConsumerPosition create(Path directory, String name, long offset) throws IOException {
        ConsumerPosition position = new ConsumerPosition(name, directory.resolve(name + SUFFIX), offset);
        position.commit(offset);
        return position;
    }

    static ConsumerPosition load(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        if (bytes.remaining() != BYTES
                || bytes.get(0) != VERSION
                || bytes.getInt(BYTES - Integer.BYTES) != crc(bytes)) {
            throw new IOException(String.format(
                    "consumer position %s is damaged; delete it to restart consumer '%s' from the oldest record",
                    file,
                    name));
        }
        return new ConsumerPosition(name, file, bytes.getLong(1));
    }

    String name() {
        return name;
    }

    long committed() {
        return committed;
    }

    /**
     * Persists {@code nextOffset}. Retention sees the new position even when persisting fails: the consumer is done
     * with the records before it either way, and on a full disk deleting the segments it has passed is what frees
     * the room to persist the next time.
     */
    void commit(long nextOffset) throws IOException {
        try {
            persist(nextOffset);
        } finally {
            committed = nextOffset;
        }
    }

    private void persist(long nextOffset) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(BYTES).put(VERSION).putLong(nextOffset);
        bytes.putInt(crc(bytes)).flip();
        Path temp = file.resolveSibling(name + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, CREATE, TRUNCATE_EXISTING, WRITE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, file, ATOMIC_MOVE, REPLACE_EXISTING);
        // The rename is not durable until the directory is.
        Fsync.directory(file.getParent());
    }

    /** The oldest offset this consumer still needs: what it has not committed, or has sought back to. */
    long retainedFrom() {
        return Math.min(committed, reading);
    }

    void reading(long offset) {
        reading = offset;
    }

    boolean attached() {
        return attached;
    }

    void attach() {
        attached = true;
        reading = committed;
    }

    void detach() {
        attached = false;
        reading = Long.MAX_VALUE;
    }

    private static int crc(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), 0, 1 + Long.BYTES);
        return (int) crc.getValue();
    }
}
