package dev.breakwater.server.cli;

import dev.breakwater.server.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code breakwater} command and its subcommands. */
@Command(
        name = "breakwater",
        mixinStandardHelpOptions = true,
        version = "breakwater 0.1.0",
        description = "Self-hosted error tracking, APM metrics and alerting.",
        subcommands = {ServerCommand.class, SpoolCommand.class, ConfigCommand.class, DrillCommand.class})
public final class BreakwaterCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'breakwater server'");
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new BreakwaterCommand());
        // a bad configuration is the user's to fix: one clear line, no stack trace
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("breakwater: " + e.getMessage());
                return 2;
            }
            if (e instanceof java.io.IOException) {
                // the data folder is unusable (locked by another server, not writable, full): say which and stop
                cmd.getErr().println("breakwater: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return commandLine;
    }
}
