package dev.breakwater.server.drill;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A size-limited tmpfs mounted for one drill, so that the drill can fill a filesystem for real without touching the
 * host's disks: {@code mount -t tmpfs -o size=<size> tmpfs <dir>}, unmounted by {@link #close()}. Needs root on Linux.
 * Used space is counted as the monitor counts it (what is used plus what may still be written). Not thread-safe.
 */
final class DrillFilesystem implements Closeable {
    private static final int CHUNK = 64 * 1024;

    private final Path mountPoint;

    private DrillFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code size} (as mount takes it, e.g. {@code 64m}) on {@code mountPoint}, creating it. */
    static DrillFilesystem mount(Path mountPoint, String size) throws IOException, DrillFailure {
        Files.createDirectories(mountPoint);
        String failure = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString());
        if (failure != null) {
            throw new DrillFailure("needs root to mount a small tmpfs (" + size + ") at " + mountPoint
                    + " to fill up; mount said: " + failure);
        }
        return new DrillFilesystem(mountPoint);
    }

    /** The tmpfs {@link #mount} mounted on {@code mountPoint}, to fill; a {@link DrillFailure} when there is none. */
    static DrillFilesystem mounted(Path mountPoint) throws IOException, DrillFailure {
        FileStore store = Files.getFileStore(mountPoint);
        // the parent may be a tmpfs too (/tmp often is): only a filesystem of its own is the drill's to fill
        if (!store.type().equals("tmpfs") || store.equals(Files.getFileStore(mountPoint.toAbsolutePath().getParent()))) {
            throw new DrillFailure(mountPoint + " is not the drill's own tmpfs: refusing to fill it");
        }
        return new DrillFilesystem(mountPoint);
    }

    Path path() {
        return mountPoint;
    }

    long totalBytes() throws IOException {
        FileStore store = Files.getFileStore(mountPoint);
        return usedBytes(store) + store.getUsableSpace();
    }

    /** The used fraction, as {@code df} and the health sampler count it. */
    double usedRatio() throws IOException {
        FileStore store = Files.getFileStore(mountPoint);
        long used = usedBytes(store);
        return (double) used / (used + store.getUsableSpace());
    }

    /**
     * Appends zeros to the filler file {@code name} until the filesystem is at least {@code ratio} used (nothing when
     * it already is); returns the bytes written.
     */
    long fillTo(String name, double ratio) throws IOException {
        FileStore store = Files.getFileStore(mountPoint);
        long used = usedBytes(store);
        long total = used + store.getUsableSpace();
        long missing = (long) Math.ceil(ratio * total) - used;
        if (missing <= 0) {
            return 0;
        }
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(
                mountPoint.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (long written = 0; written < missing; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, missing - written));
            }
        }
        return missing;
    }

    /** Deletes the filler file {@code name}, if any. */
    void free(String name) throws IOException {
        Files.deleteIfExists(mountPoint.resolve(name));
    }

    @Override
    public void close() throws IOException {
        if (run("umount", mountPoint.toString()) != null) {
            String failure = run("umount", "-l", mountPoint.toString()); // something still holds a file: detach it
            if (failure != null) {
                throw new IOException("cannot unmount the drill's tmpfs at " + mountPoint + ": " + failure);
            }
        }
    }

    private static long usedBytes(FileStore store) throws IOException {
        return Math.max(0, store.getTotalSpace() - store.getUnallocatedSpace());
    }

    /** Runs a command; null when it succeeds, else what it printed. */
    private static String run(String... command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() == 0) {
                return null;
            }
            return "exit " + process.exitValue() + ": " + output.strip().replaceAll("\\s*\n\\s*", " ");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
