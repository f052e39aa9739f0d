package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessWritesTest {

    @TempDir
    Path directory;

    @Test
    void countsTheBytesThisProcessWritesAndPutsThemPerRow() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/io")), "no /proc/self/io on this platform");
        ProcessWrites start = ProcessWrites.now();
        assertThat(start).as("what /proc/self/io says").isNotNull();

        try (FileChannel file = FileChannel.open(directory.resolve("written"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            for (int i = 0; i < 100; i++) {
                file.write(ByteBuffer.allocate(10_000));
            }
        }
        ObjectNode json = new ObjectMapper().createObjectNode();
        ProcessWrites.put(json, start, 100);

        // other threads of the JVM may write too (logs), so at least what this test wrote
        assertThat(json.path("writeCallBytes").asLong()).isGreaterThanOrEqualTo(1_000_000);
        assertThat(json.path("writeCallBytesPerRow").asLong()).isGreaterThanOrEqualTo(10_000);
        assertThat(json.has("storageWriteBytes")).isTrue();
    }
}
