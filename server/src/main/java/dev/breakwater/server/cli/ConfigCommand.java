package dev.breakwater.server.cli;

import dev.breakwater.server.config.ConfigKey;
import dev.breakwater.server.config.ConfigKeys;
import picocli.CommandLine.Command;

/** {@code breakwater config}: every configuration key with its default, environment variable and meaning. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "List the configuration keys.")
public final class ConfigCommand implements Runnable {
    @Override
    public void run() {
        for (ConfigKey key : ConfigKeys.ALL) {
            System.out.printf("%-32s %-10s %-40s %s%n", key.name(), key.defaultValue().isEmpty() ? "''" : key.defaultValue(),
                    key.environmentVariable(), key.doc());
        }
    }
}
