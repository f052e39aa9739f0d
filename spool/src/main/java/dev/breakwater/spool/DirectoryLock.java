package dev.breakwater.spool;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;

/**
 * An exclusive lock on {@code <spool directory>/spool.lock}, held while a spool is open: two writers on one log
 * would interleave frames. The operating system releases it when the process dies, even by {@code kill -9}.
 */
final class DirectoryLock implements Closeable {

    static final String FILE_NAME = "spool.lock";

    private final FileChannel channel;

    private DirectoryLock(FileChannel channel) {
        this.channel = requireNonNull(channel, "channel is null");
    }

    static DirectoryLock acquire(Path directory) throws IOException {
        FileChannel channel = FileChannel.open(directory.resolve(FILE_NAME), CREATE, WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("spool directory " + directory + " is in use by another process");
            }
            return new DirectoryLock(channel);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("spool directory " + directory + " is already open in this process", e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Releases the lock with the channel that holds it. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
