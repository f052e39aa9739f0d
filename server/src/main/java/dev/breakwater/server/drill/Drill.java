package dev.breakwater.server.drill;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One failure mode from the post-mortems Breakwater was built against, re-enacted against a throwaway instance
 * ({@link DrillBench}). {@link #run} returns when everything expected was seen, and throws {@link DrillFailure} naming
 * what was not.
 */
public interface Drill {
    String name();

    /** One line: what failure the drill re-enacts and what it expects. */
    String summary();

    /** Settings the drill's Breakwater needs beyond {@link DrillBench#FAST}. */
    default Map<String, String> settings(Path data) {
        return Map.of();
    }

    /**
     * Readies the drill's data folder before its Breakwater starts there (e.g. mounts a small filesystem to fill), and
     * returns what undoes it once that Breakwater has stopped; a {@link DrillFailure} when the drill cannot run here.
     */
    default Closeable prepare(Path data) throws IOException, DrillFailure {
        return () -> {};
    }

    void run(DrillBench bench) throws Exception;
}
