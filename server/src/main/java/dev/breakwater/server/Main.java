package dev.breakwater.server;

import dev.breakwater.server.cli.BreakwaterCommand;
import picocli.CommandLine;

/** Entry point of the runnable jar: {@code breakwater server}, {@code breakwater spool stats}, {@code breakwater config}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(BreakwaterCommand.commandLine().execute(args));
    }
}
