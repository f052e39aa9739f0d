package dev.breakwater.server.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.server.Breakwater;
import dev.breakwater.server.config.ConfigKeys;
import dev.breakwater.server.config.Settings;
import dev.breakwater.server.http.Json;
import dev.breakwater.spool.Lane;
import dev.breakwater.spool.LaneStats;
import dev.breakwater.spool.Spool;
import dev.breakwater.spool.SpoolConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code breakwater spool stats}: what each lane holds, read from disk with the server stopped. */
@Command(name = "spool", mixinStandardHelpOptions = true, description = "Inspect the spool.", subcommands = SpoolCommand.Stats.class)
public final class SpoolCommand {

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Print each lane's records and disk use as JSON.")
    static final class Stats implements Callable<Integer> {
        @Option(names = "--data", description = "data folder (default ./data)")
        Path data;

        @Option(names = "--config", description = "YAML configuration file")
        Path config;

        @Override
        public Integer call() throws Exception {
            Settings settings = Settings.load(
                    config, System.getenv(), data == null ? Map.of() : Map.of(ConfigKeys.DATA_DIR.name(), data.toString()));
            Path dir = Path.of(settings.text(ConfigKeys.DATA_DIR)).toAbsolutePath();
            if (!Files.isDirectory(dir.resolve("spool"))) {
                System.err.println("breakwater: no spool in " + dir + " (is --data right?)");
                return 2;
            }
            SpoolConfig spoolConfig = Breakwater.spoolConfig(settings, dir);
            ObjectNode out = Json.object();
            ArrayNode lanes = out.putArray("lanes");
            try (Spool spool = Spool.open(spoolConfig, Clock.systemUTC())) {
                for (Lane lane : spool.lanes()) {
                    LaneStats stats = lane.stats();
                    lanes.addObject()
                            .put("lane", stats.lane())
                            .put("records", stats.nextOffset() - stats.oldestOffset())
                            .put("oldestOffset", stats.oldestOffset())
                            .put("nextOffset", stats.nextOffset())
                            .put("diskUsedBytes", stats.diskUsedBytes())
                            .put("quotaBytes", stats.quotaBytes());
                }
            }
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return 0;
        }
    }
}
