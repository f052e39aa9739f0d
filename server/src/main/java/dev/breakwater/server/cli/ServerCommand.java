package dev.breakwater.server.cli;

import dev.breakwater.server.Breakwater;
import dev.breakwater.server.config.ConfigKeys;
import dev.breakwater.server.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code breakwater server}: runs ingest until SIGTERM/SIGINT, then shuts down gracefully. */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run the Breakwater server.")
public final class ServerCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (config http.port, default 8080)")
    Integer port;

    @Option(names = "--host", description = "address to bind (config http.host, default 0.0.0.0)")
    String host;

    @Option(names = "--data", description = "data folder (config data.dir, default ./data)")
    Path data;

    @Option(names = "--config", description = "YAML configuration file; environment variables BREAKWATER_* override it")
    Path config;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new HashMap<>();
        if (port != null) {
            overrides.put(ConfigKeys.HTTP_PORT.name(), port.toString());
        }
        if (host != null) {
            overrides.put(ConfigKeys.HTTP_HOST.name(), host);
        }
        if (data != null) {
            overrides.put(ConfigKeys.DATA_DIR.name(), data.toString());
        }
        Settings settings = Settings.load(config, System.getenv(), overrides);
        Breakwater breakwater = Breakwater.start(settings, Clock.systemUTC());
        breakwater.printWelcome(System.out);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                breakwater.close();
            } catch (Exception e) {
                System.err.println("breakwater: error during shutdown: " + e);
            } finally {
                stopped.countDown();
            }
        }, "breakwater-shutdown"));
        stopped.await();
        return 0;
    }
}
