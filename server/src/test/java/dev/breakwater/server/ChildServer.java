package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server jar in a child JVM, for tests that {@code kill -9} it: started on a data folder with environment
 * settings, it is ready once it has printed the default project's DSN.
 */
final class ChildServer {
    private static final Pattern DSN = Pattern.compile("Sentry DSN:\\s+http://([0-9a-f]{32})@[^/]+/(\\d+)");

    /** The default project's Sentry public key and project id, as the server printed them. */
    record Credentials(String publicKey, String projectId) {}

    private ChildServer() {}

    /** Starts {@code breakwater server} on 127.0.0.1:{@code port}; {@code environment} holds BREAKWATER_* settings. */
    static Process start(Path data, int port, Map<String, String> environment) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("breakwater.jar");
        assertThat(jar).as("failsafe passes the built jar's path").isNotNull();
        assertThat(new File(jar)).exists();
        ProcessBuilder builder = new ProcessBuilder(
                java, "-Xmx256m", "-jar", jar, "server", "--port", Integer.toString(port), "--host", "127.0.0.1",
                "--data", data.toString());
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        Files.createDirectories(data);
        return builder.start();
    }

    /** Reads the child's output until it prints the DSN, which it does once it listens; then keeps draining it. */
    static Credentials awaitDsn(Process server) throws IOException {
        var reader = server.inputReader();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            Matcher m = DSN.matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> reader.lines().forEach(l -> {}));
                return new Credentials(m.group(1), m.group(2));
            }
        }
        throw new IllegalStateException("the server exited before printing its DSN (exit " + server.exitValue() + ")");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
