package dev.breakwater.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process has written, from {@code /proc/self/io}: {@code wchar}, the bytes passed to write system calls
 * (SQLite's WAL frames and its checkpoints' copies, each time), and {@code write_bytes}, the bytes of page cache it
 * dirtied for the disk (a page rewritten before it reached the disk counts once). For SQLite, which runs inside the
 * benchmark's JVM, these say how many bytes a row or an event cost the disk, a figure that moves far less between runs
 * than a rate does; PostgreSQL writes in processes of its own, so its phases show only the JDBC client's.
 *
 * @param writeCallBytes {@code wchar}
 * @param storageBytes {@code write_bytes}
 */
record ProcessWrites(long writeCallBytes, long storageBytes) {

    private static final Path IO = Path.of("/proc/self/io");

    /** Now, or null where the kernel does not say (not Linux, or no task I/O accounting). */
    static ProcessWrites now() {
        long wchar = -1;
        long writeBytes = -1;
        try {
            for (String line : Files.readAllLines(IO)) {
                if (line.startsWith("wchar:")) {
                    wchar = Long.parseLong(line.substring("wchar:".length()).trim());
                } else if (line.startsWith("write_bytes:")) {
                    writeBytes = Long.parseLong(line.substring("write_bytes:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return wchar < 0 || writeBytes < 0 ? null : new ProcessWrites(wchar, writeBytes);
    }

    /** Puts what was written since {@code start}, in all and per row, into {@code json}; nothing if either is null. */
    static void put(ObjectNode json, ProcessWrites start, long rows) {
        ProcessWrites end = now();
        if (start == null || end == null || rows <= 0) {
            return;
        }
        long calls = end.writeCallBytes - start.writeCallBytes;
        long storage = end.storageBytes - start.storageBytes;
        json.put("writeCallBytes", calls);
        json.put("writeCallBytesPerRow", Math.round((double) calls / rows));
        json.put("storageWriteBytes", storage);
        json.put("storageWriteBytesPerRow", Math.round((double) storage / rows));
    }
}
