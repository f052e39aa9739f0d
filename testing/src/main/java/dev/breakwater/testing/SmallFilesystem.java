package dev.breakwater.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A size-limited tmpfs mounted for one test, so that writes fail with a real ENOSPC. Needs root on Linux; the test is
 * skipped with a message saying so elsewhere.
 */
public final class SmallFilesystem implements AutoCloseable {
    private final Path mountPoint;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    public static SmallFilesystem mount(Path mountPoint, String size) throws IOException {
        Files.createDirectories(mountPoint);
        String output = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString());
        Assumptions.assumeTrue(output == null, () -> "cannot mount a " + size + " tmpfs to fill up (needs root on Linux): " + output);
        return new SmallFilesystem(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Writes a file that takes all but about {@code leaveBytes} of the free space. */
    public Path fill(String name, long leaveBytes) throws IOException {
        Path filler = mountPoint.resolve(name);
        long free = Files.getFileStore(mountPoint).getUsableSpace();
        long size = Math.max(0, free - leaveBytes);
        byte[] chunk = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            for (long written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
        return filler;
    }

    @Override
    public void close() throws IOException {
        if (run("umount", mountPoint.toString()) != null) {
            run("umount", "-l", mountPoint.toString()); // something still holds a file: detach it anyway
        }
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
            return process.waitFor() == 0 ? null : "exit " + process.exitValue() + ": " + output.strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
