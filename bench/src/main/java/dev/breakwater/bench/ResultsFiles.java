package dev.breakwater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Publishes a benchmark run's summary the same way for every script: the bars' verdicts added to the results, the
 * results JSON file, the run's block regenerated in BENCHMARKS.md, and one line per bar on standard output.
 */
final class ResultsFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Renders the markdown block of a run, given where the results file is relative to BENCHMARKS.md. */
    @FunctionalInterface
    interface Block {
        String render(ObjectNode results, List<Bar> bars, String resultsPath);
    }

    /** Puts a rendered block between the run's markers in the document. */
    @FunctionalInterface
    interface Splice {
        String replace(String document, String block);
    }

    /** Reads a run's work directory into its results. */
    @FunctionalInterface
    interface Summariser {
        ObjectNode summarise(Path work, Path dataDirectory, String date) throws IOException, UsageException;
    }

    private ResultsFiles() {}

    /**
     * The main of a summary program: {@code --work DIR --out RESULTS.json --markdown BENCHMARKS.md --data DIR
     * [--date YYYY-MM-DD]}; summarises, judges the bars and publishes; exit 2 with the usage on a usage error.
     */
    static void main(String[] argv, String usage, Summariser summariser, Function<ObjectNode, List<Bar>> judge,
            Block block, Splice splice) throws IOException {
        try {
            Args args = Args.parse(argv, Set.of("work", "out", "markdown", "data", "date"));
            Path out = Path.of(args.required("out"));
            Path markdown = Path.of(args.required("markdown"));
            ObjectNode results = summariser.summarise(Path.of(args.required("work")), Path.of(args.required("data")),
                    args.string("date", LocalDate.now().toString()));
            publish(results, judge.apply(results), out, markdown, block, splice);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage);
            System.exit(2);
        }
    }

    static void publish(ObjectNode results, List<Bar> bars, Path out, Path markdown, Block block, Splice splice)
            throws IOException {
        ArrayNode barsJson = results.putArray("bars");
        for (Bar bar : bars) {
            barsJson.add(JSON.valueToTree(bar));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, results.toPrettyString() + "\n");
        Path relative = markdown.toAbsolutePath().getParent().relativize(out.toAbsolutePath());
        String rendered = block.render(results, bars, relative.toString());
        String document = Files.exists(markdown) ? Files.readString(markdown) : "# Benchmarks\n";
        Files.writeString(markdown, splice.replace(document, rendered));
        for (Bar bar : bars) {
            System.out.printf("%-8s %s: %s%s%n", bar.verdict(), bar.name(), bar.measured(),
                    bar.ratio().isEmpty() ? "" : " (" + bar.ratio() + " of " + bar.ceiling() + ", target " + bar.target() + ")");
        }
    }
}
