package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.server.cli.BreakwaterCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI fails with one clear line, not a stack trace, when the machine is not as it needs to be. */
class CommandLineIT {
    @TempDir
    Path data;

    record Run(int exitCode, String err) {}

    static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = BreakwaterCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, err.toString());
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Run run = run("server", "--host", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()), "--data",
                    data.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()).doesNotContain("\tat ");
        }
    }

    @Test
    void aDataFolderInUseByAnotherServerIsNamed() throws Exception {
        try (TestingServer running = TestingServer.start(data, Map.of())) {
            assertThat(running.breakwater.port()).isPositive();
            Run run = run("server", "--port", "0", "--data", data.toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).containsAnyOf("in use by another process", "already open in this process").doesNotContain("\tat ");
        }
    }

    @Test
    void badConfigurationIsNamed() throws Exception {
        Path config = data.resolve("breakwater.yaml");
        java.nio.file.Files.writeString(config, "spool:\n  segment-size: huge\n");
        Run run = run("server", "--port", "0", "--data", data.resolve("d").toString(), "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("spool.segment-size").contains("huge");
    }

    @Test
    void spoolStatsReadsAStoppedServersLanes() throws Exception {
        try (TestingServer server = TestingServer.start(data, Map.of())) {
            server.breakwater.spool().lane("events").append(new dev.breakwater.spool.RecordDraft(
                    "1", "test", "application/json", "identity", java.nio.ByteBuffer.wrap(new byte[] {'{', '}'})))
                    .get();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BreakwaterCommand.commandLine().execute("spool", "stats", "--data", data.toString());
        } finally {
            System.setOut(stdout);
        }
        assertThat(exit).isZero();
        JsonNode stats = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(stats.path("lanes")).anySatisfy(lane -> {
            assertThat(lane.path("lane").asText()).isEqualTo("events");
            assertThat(lane.path("records").asLong()).isEqualTo(1);
        });
    }
}
