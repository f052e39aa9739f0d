package dev.breakwater.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Forcing what a file's own fsync does not cover. */
final class Fsync {

    private Fsync() {}

    /**
     * Forces a directory, making the creation, rename or deletion of its entries durable: a file whose data was
     * forced can still vanish in a crash if the entry that names it was not.
     */
    static void directory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
