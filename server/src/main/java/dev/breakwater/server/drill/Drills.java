package dev.breakwater.server.drill;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every drill, by name, and how one is run: a throwaway Breakwater, the drill, its timeline and verdict. */
public final class Drills {
    /** What a run showed: whether everything expected was seen, the reason when not, and the timeline. */
    public record Outcome(String drill, boolean passed, Optional<String> failure, List<String> timeline) {}

    private static final List<Drill> ALL = List.of(
            new SilentBacklogDrill(), new AckedDiskAlertDrill(), new AlertStormDrill(), new ThunderingHerdDrill(),
            new BlockedLaneDrill());

    private Drills() {}

    public static List<Drill> all() {
        return ALL;
    }

    public static Optional<Drill> named(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /**
     * Runs the drill against a fresh Breakwater in a new folder under {@code workDir}, printing its timeline; the
     * folder is deleted afterwards (a drill's data is throwaway by design).
     */
    public static Outcome run(Drill drill, Path workDir, Map<String, String> extraSettings, PrintStream out) throws IOException {
        Path data = Files.createTempDirectory(workDir, "drill-" + drill.name() + "-");
        try {
            return runIn(drill, data, extraSettings, out);
        } finally {
            deleteTree(data);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static Outcome runIn(Drill drill, Path data, Map<String, String> extraSettings, PrintStream out) throws IOException {
        out.println("drill " + drill.name() + ": " + drill.summary());
        Map<String, String> settings = new HashMap<>(drill.settings(data));
        settings.putAll(extraSettings);
        Closeable prepared;
        try {
            prepared = drill.prepare(data);
        } catch (DrillFailure e) {
            String line = "FAILED: " + e.getMessage();
            out.println(line);
            return new Outcome(drill.name(), false, Optional.of(e.getMessage()), List.of(line));
        }
        // closed in reverse order: Breakwater stops before what prepare() set up is undone
        try (prepared; DrillBench bench = DrillBench.start(data, settings, out)) {
            try {
                drill.run(bench);
                bench.note("PASSED");
                return new Outcome(drill.name(), true, Optional.empty(), bench.timeline());
            } catch (DrillFailure e) {
                bench.note("FAILED: " + e.getMessage());
                return new Outcome(drill.name(), false, Optional.of(e.getMessage()), bench.timeline());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(drill.name(), false, Optional.of("interrupted"), bench.timeline());
            } catch (Exception e) {
                bench.note("FAILED: " + e);
                return new Outcome(drill.name(), false, Optional.of(e.toString()), bench.timeline());
            }
        }
    }
}
