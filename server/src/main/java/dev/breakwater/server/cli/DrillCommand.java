package dev.breakwater.server.cli;

import dev.breakwater.server.drill.Drill;
import dev.breakwater.server.drill.Drills;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code breakwater drill <name>}: re-enacts one post-mortem failure mode against a throwaway Breakwater (its own
 * temporary data folder and port, notifications to a local receiver) and prints what happened, with timings. Exit
 * status 0 when everything expected was seen, 1 when not, 2 for an unknown drill. {@code --set key=value} (repeatable)
 * gives the drill's Breakwater a setting, over the drill's own: e.g. the PostgreSQL database {@code blocked-lane}
 * needs.
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = "Re-enact a failure mode against a throwaway Breakwater and print what happened.")
public final class DrillCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "the drill to run; without it, the list")
    String name;

    @Option(names = "--work-dir", description = "where the throwaway data folder is made (default: the system's temp folder)")
    Path workDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "a setting for the drill's Breakwater, e.g. --set store.engine=postgresql; repeatable")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (name == null) {
            System.out.println("drills:");
            for (Drill drill : Drills.all()) {
                System.out.println("  " + drill.name() + "  " + drill.summary());
            }
            return 0;
        }
        Optional<Drill> drill = Drills.named(name);
        if (drill.isEmpty()) {
            System.err.println("breakwater: there is no drill '" + name + "'; run 'breakwater drill' for the list");
            return 2;
        }
        Path dir = workDir != null ? Files.createDirectories(workDir) : Path.of(System.getProperty("java.io.tmpdir"));
        Drills.Outcome outcome = Drills.run(drill.get(), dir, settings, System.out);
        System.out.println(outcome.passed() ? "drill " + name + " passed" : "drill " + name + " FAILED: " + outcome.failure().orElse(""));
        return outcome.passed() ? 0 : 1;
    }
}
