package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessingSummaryTest {

    @TempDir
    Path work;

    @Test
    void judgesEveryBarFromTheMeasuredNumbers() throws Exception {
        write("params.json", """
                {"quick":false,"events":1000,"pauseSeconds":600,"loadAverageAtStart":"0.1 0.1 0.1"}""");
        write("processing.json", """
                {"events":1000,"batchRows":1000,"corpus":{"meanGzipBytes":1400,"meanDocumentBytes":1700,"fingerprints":200},
                 "sqlite":{"raw":{"rowsPerSecond":20000,"seconds":0.05,"writeCallBytesPerRow":4012},
                           "breakwater":{"records":1000,"seconds":0.1,"eventsPerSecond":10000,"storedEvents":1000,"complete":true,"quarantined":0,"batchRecords":1000,
                                         "writeCallBytesPerRow":5864}},
                 "postgresql":{"raw":{"rowsPerSecond":40000,"seconds":0.025},
                           "breakwater":{"records":1000,"seconds":0.2,"eventsPerSecond":5000,"storedEvents":1000,"complete":true,"quarantined":0,"batchRecords":1000}}}""");
        write("server.json", """
                {"available":true,"ingestPerSecond":16000,"processingPerSecond":8000,"sustainablePerSecond":8000,
                 "sustainableBasis":"the processing rate","halfRatePerSecond":4000}""");
        write("drain.json", """
                {"drained":true,"backlogAtStart":160000,"processedPerSecond":8000}""");
        write("visibility.json", """
                {"probes":300,"visible":300,"timedOut":0,"pollMillis":20,"failures":{},
                 "visibleAfterAckMs":{"count":300,"p50":40.0,"p99":350.0,"max":480.0},"ackLatencyMs":{"p50":2.0,"p99":9.0}}""");
        write("catchup.json", """
                {"pauseSeconds":600,"pausedSeconds":600.0,"etaAfterSeconds":5.0,"backlogAtResume":2400000,"drained":true,
                 "catchUpSeconds":700,"drainOutPerSecond":7000,"drainNetPerSecond":3000,"inPerSecondDuringCatchUp":4000,
                 "eta":{"afterResumeSeconds":5.2,"backlog":2380000,"actualSeconds":695,"reportedSeconds":1000,"error":0.4388},
                 "samples":[{"t":0},{"t":1},{"t":2},{"t":3},{"t":4},{"t":5},{"t":6}]}""");

        ObjectNode results = ProcessingSummary.summarise(work, work, "2026-11-23");
        List<Bar> bars = ProcessingBars.evaluate(results);

        assertThat(bars).extracting(Bar::verdict)
                .containsExactly(Verdict.PASS, Verdict.FAIL, Verdict.PASS, Verdict.PASS, Verdict.FAIL);
        assertThat(bars.get(0).ratio()).isEqualTo("50.0 %");
        assertThat(bars.get(1).ratio()).isEqualTo("12.5 %");
        assertThat(bars.get(3).ratio()).isEqualTo("87.5 %");
        assertThat(bars.get(4).ratio()).isEqualTo("+43.9 %");
        assertThat(results.path("server").path("fullProcessingRate").path("source").asText()).contains("no ingest");
        assertThat(results.path("server").path("catchUp").path("samples")).hasSize(3); // every 5th, and the last

        String table = ProcessingTable.render(results, bars, "bench/results/x.json");
        assertThat(table).contains("| **pass** |").contains("| **FAIL** |").contains("ETA at resume + 5.0 s");
        assertThat(table).contains("| 4,012 B |").contains("| 5,864 B |");
    }

    @Test
    void aCeilingMeasuredAgainAfterThePipelineMakesTheBarCompareWithTheMeanOfTheTwo() throws Exception {
        write("params.json", """
                {"quick":false,"events":1000,"pauseSeconds":600}""");
        write("processing.json", """
                {"events":1000,"batchRows":1000,"corpus":{"meanGzipBytes":1400,"meanDocumentBytes":1700,"fingerprints":200},
                 "sqlite":{"raw":{"rowsPerSecond":24000,"seconds":0.05},
                           "breakwater":{"records":1000,"seconds":0.1,"eventsPerSecond":10000,"storedEvents":1000,"complete":true,"quarantined":0,"batchRecords":1000},
                           "rawAfter":{"rowsPerSecond":16000,"seconds":0.0625}},
                 "postgresql":{"raw":{"rowsPerSecond":40000,"seconds":0.025},
                           "breakwater":{"records":1000,"seconds":0.2,"eventsPerSecond":5000,"storedEvents":1000,"complete":true,"quarantined":0,"batchRecords":1000}}}""");

        ObjectNode results = ProcessingSummary.summarise(work, work, "2026-11-23");
        List<Bar> bars = ProcessingBars.evaluate(results);

        // 10,000 against (24,000 + 16,000) / 2: 50 %, where the run before alone would give 41.7 %
        assertThat(bars.get(0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(bars.get(0).ratio()).isEqualTo("50.0 %");
        assertThat(bars.get(0).ceiling()).contains("mean of 24,000/s before the pipeline and 16,000/s after it");
        // without a second run the one before is the ceiling, as it always was
        assertThat(bars.get(1).ratio()).isEqualTo("12.5 %");
        String table = ProcessingTable.render(results, bars, "bench/results/x.json");
        assertThat(table).contains("| SQLite | raw, again after the pipeline: ", "| 16,000/s | 80.0 % |",
                "the mean of its plain raw run just before the pipeline");
    }

    @Test
    void aProbeThatNeverShowsUpFailsTheVisibilityBarAndMissingPhasesArePending() throws Exception {
        write("params.json", """
                {"quick":true,"events":20000,"pauseSeconds":60}""");
        write("server.json", """
                {"available":true,"ingestPerSecond":4000,"sustainablePerSecond":4000,"sustainableBasis":"the ingest rate",
                 "halfRatePerSecond":2000}""");
        write("visibility.json", """
                {"probes":300,"visible":299,"timedOut":1,"timeoutSeconds":30,"pollMillis":20,"failures":{},
                 "visibleAfterAckMs":{"count":299,"p50":40.0,"p99":90.0,"max":120.0}}""");

        List<Bar> bars = ProcessingBars.evaluate(ProcessingSummary.summarise(work, work, "2026-11-23"));

        assertThat(bars).extracting(Bar::verdict)
                .containsExactly(Verdict.PENDING, Verdict.PENDING, Verdict.FAIL, Verdict.PENDING, Verdict.PENDING);
        assertThat(bars.get(2).measured()).contains("1 timed out");
    }

    @Test
    void noEtaRightAfterResumeFailsTheEtaBar() throws Exception {
        write("params.json", "{}");
        write("server.json", """
                {"available":true,"sustainablePerSecond":4000,"halfRatePerSecond":2000}""");
        write("drain.json", """
                {"processedPerSecond":6000}""");
        write("catchup.json", """
                {"pauseSeconds":60,"etaAfterSeconds":5.0,"backlogAtResume":120000,"drained":true,"catchUpSeconds":40,
                 "drainOutPerSecond":5000,"drainNetPerSecond":3000,
                 "eta":{"afterResumeSeconds":5.1,"backlog":110000,"actualSeconds":35,"reportedSeconds":null,
                        "firstReportedAfterResumeSeconds":24.0,"firstReportedSeconds":1219.0},"samples":[]}""");

        List<Bar> bars = ProcessingBars.evaluate(ProcessingSummary.summarise(work, work, "2026-11-23"));

        assertThat(bars.get(3).verdict()).isEqualTo(Verdict.PASS);
        assertThat(bars.get(4).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(bars.get(4).measured()).contains("the first ETA came 24 s after resume: 1219 s");
    }

    @Test
    void readsTheProcessedCounterOfOneLaneFromThePrometheusExposition() {
        String exposition = """
                # TYPE breakwater_pipeline_records_processed_total counter
                breakwater_pipeline_records_processed_total{lane="deploys"} 3.0
                breakwater_pipeline_records_processed_total{lane="events"} 1.2345E7
                """;

        assertThat(ServerApi.counter(exposition, ServerApi.PROCESSED_METRIC, "events").getAsDouble()).isEqualTo(12_345_000);
        assertThat(ServerApi.counter(exposition, ServerApi.PROCESSED_METRIC, "metrics")).isEmpty();
    }

    @Test
    void replacesOnlyItsOwnBlock() {
        String document = "# Benchmarks\n\n" + ResultsTable.BEGIN + "\ningest\n" + ResultsTable.END + "\n\n"
                + ProcessingTable.BEGIN + "\nold\n" + ProcessingTable.END + "\n";

        String replaced = ProcessingTable.replaceBlock(document, "new\n");

        assertThat(replaced).contains("ingest").contains(ProcessingTable.BEGIN + "\nnew\n" + ProcessingTable.END)
                .doesNotContain("old");
        assertThat(ProcessingTable.replaceBlock("# Benchmarks\n", "first\n"))
                .endsWith(ProcessingTable.BEGIN + "\nfirst\n" + ProcessingTable.END + "\n");
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(work.resolve(name), content);
    }
}
