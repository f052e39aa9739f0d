package dev.breakwater.server;

import dev.breakwater.server.cli.BreakwaterCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Entry point of the runnable jar: {@code breakwater server}, {@code breakwater spool stats}, {@code breakwater config}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // the HTTP server logs through java.util.logging: send it where everything else goes
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(BreakwaterCommand.commandLine().execute(args));
    }
}
