package dev.breakwater.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {

    @TempDir
    Path work;

    @Test
    void judgesEveryBarFromTheMeasuredNumbers() throws Exception {
        writeCeilings();
        write("spool.json", """
                {"available":true,"recordBytes":2048,"forceCounter":"forces","results":[
                  {"appenders":1,"appendsPerSecond":4600,"recordsPerForce":1.0,"ackLatencyMs":{"p99":0.4}},
                  {"appenders":16,"appendsPerSecond":50000,"recordsPerForce":8.4,"ackLatencyMs":{"p99":0.9}},
                  {"appenders":64,"appendsPerSecond":90000,"ackLatencyMs":{"p99":1.9}}]}""");
        write("breakwater.json", """
                {"available":true,"phases":["wrk-warmup","wrk","load","overload"]}""");
        write("bw-wrk-warmup.json", wrk(1000, 0, 10));
        write("bw-wrk.json", wrk(70000, 100, 10));
        write("bw-load.json", """
                {"measured":{"sent":100,"accepted":100,"sentPerSecond":10,"acceptedPerSecond":10,"refused429":0,"refused503":0,
                 "otherStatus":{},"errors":{}},"acceptedLatencyMs":{"count":100,"p50":1.0,"p99":2.0,"p999":3.0,"max":4.0},
                 "total":{"accepted":150}}""");
        write("bw-overload.json", """
                {"ratePerSecond":30,"measured":{"sent":900,"accepted":300,"sentPerSecond":30,"acceptedPerSecond":10,
                 "offeredPerSecond":30,"missed":0,"refused429":600,"refused429WithRetryAfter":600,"refused503":0,
                 "otherStatus":{},"errors":{}},"acceptedLatencyMs":{"count":300},"total":{"accepted":300}}""");
        write("rss.txt", "1 300000 310000\n2 400000 420000\n3 40");
        write("spool-stats.json", """
                starting...
                {"lanes":[{"lane":"events","records":12000,"nextOffset":70800,"diskUsedBytes":1},{"lane":"sessions","records":0,"nextOffset":0}]}""");

        ObjectNode results = RunSummary.summarise(work, work, "2026-01-02");
        List<Bar> bars = Bars.evaluate(results);

        assertThat(results.at("/breakwater/durability/acknowledged").asLong()).isEqualTo(1000 + 69900 + 150 + 300);
        assertThat(results.at("/breakwater/rss/maxRssMb").asDouble()).isEqualTo(390.6);
        assertThat(bars).extracting(Bar::verdict).containsExactly(
                Verdict.PASS, // 6,990/s vs nginx 10,000/s = 69.9 %
                Verdict.PASS, // 4,600 vs 5,000 = 92 %
                Verdict.FAIL, // 50,000 vs 60,000 at batch 8 (its records per force) = 83 %
                Verdict.PASS, // no force count: compared at batch 64, 90,000 vs 95,000 = 94.7 %
                Verdict.PASS, // 391 MB <= 512 MB
                Verdict.PASS, // every refusal a 429 with Retry-After
                Verdict.FAIL); // 70,800 records appended (12,000 still on disk) < 71,350 acknowledged
        assertThat(bars.getFirst().ratio()).isEqualTo("69.9 %");
        assertThat(bars.get(2).name()).contains("8.4 records/force", "at batch 8 ");
        assertThat(bars.get(3).ratio()).isEqualTo("94.7 %");
        assertThat(bars.getLast().measured()).startsWith("550 missing");
    }

    @Test
    void aSpoolRunThatTookTurnsWithTheRawLoopIsJudgedOnTheirTotals() throws Exception {
        writeCeilings();
        write("spool.json", """
                {"available":true,"recordBytes":2048,"forceCounter":"forces","sliceSeconds":0.5,"results":[
                  {"appenders":4,"appendsPerSecond":18000,"recordsPerForce":3.4,"ackLatencyMs":{"p99":0.7},
                   "rawSameBatch":{"interleaved":true,"batch":3,"batches":[3,4],"appendsPerSecond":19000}},
                  {"appenders":16,"appendsPerSecond":40000,"recordsPerForce":12.6,"ackLatencyMs":{"p99":1.0},
                   "rawSameBatch":{"interleaved":true,"batch":13,"batches":[13],"appendsPerSecond":50000}}]}""");
        write("breakwater.json", """
                {"available":false,"reason":"not this test"}""");

        ObjectNode results = RunSummary.summarise(work, work, "2026-01-02");
        List<Bar> groupCommit = Bars.evaluate(results).stream().filter(bar -> bar.name().startsWith("Spool group commit")).toList();
        String table = ResultsTable.render(results, Bars.evaluate(results), "r.json");

        assertThat(groupCommit).extracting(Bar::verdict).containsExactly(
                Verdict.PASS, // 18,000 vs 19,000 in turns = 94.7 %
                Verdict.FAIL); // 40,000 vs 50,000 = 80 %
        assertThat(groupCommit.get(0).name()).contains("in turns with it at batch 3–4");
        assertThat(groupCommit.get(1).name()).contains("in turns with it at batch 13 ");
        assertThat(table).contains("| 19,000 (3–4) | 94.7 % |", "took turns in slices of 0.5 s");
    }

    @Test
    void theNettyProbeIsReportedBesideNginxAndBreakwater() throws Exception {
        writeCeilings();
        write("netty-hello.json", wrk(90000, 0, 10));
        write("netty-full.json", wrk(40000, 1000, 10));
        write("breakwater.json", """
                {"available":true,"phases":["wrk"]}""");
        write("bw-wrk.json", wrk(25000, 0, 10));

        ObjectNode results = RunSummary.summarise(work, work, "2026-01-02");
        String table = ResultsTable.render(results, Bars.evaluate(results), "bench/results/2026-01-02.json");

        assertThat(results.at("/nettyProbe/full/okPerSecond").asDouble()).isEqualTo(3900.0);
        assertThat(table).contains("| Netty probe `hello` (reads body, answers 200) | 9,000 | 0 |")
                .contains("| Netty probe `full` (auth, gunzip, envelope parse, 200 after fsync) | 3,900 | 1,000 |")
                .contains("did 39.0 % of nginx in full mode in this run; Breakwater 25.0 %.");
    }

    @Test
    void withoutTheNettyProbeTheTableSaysNothingOfIt() throws Exception {
        writeCeilings();
        ObjectNode results = RunSummary.summarise(work, work, "2026-01-02");
        assertThat(results.has("nettyProbe")).isFalse();
        assertThat(ResultsTable.render(results, Bars.evaluate(results), "r.json")).doesNotContain("Netty");
    }

    @Test
    void withoutTheServerItsBarsArePendingWithTheReason() throws Exception {
        writeCeilings();
        write("spool.json", """
                {"available":false,"reason":"spool API not usable: skeleton"}""");
        write("breakwater.json", """
                {"available":false,"reason":"no server jar at server/target/breakwater.jar"}""");

        ObjectNode results = RunSummary.summarise(work, work, "2026-01-02");
        List<Bar> bars = Bars.evaluate(results);

        assertThat(bars).extracting(Bar::verdict).containsOnly(Verdict.PENDING);
        assertThat(bars.getFirst().measured()).contains("no server jar");
        assertThat(bars.get(1).measured()).contains("skeleton");
        String table = ResultsTable.render(results, bars, "bench/results/2026-01-02.json");
        assertThat(table).contains("| 16 | 70,000 |", "Spool group commit not measured: spool API not usable",
                "Breakwater rows pending: no server jar");
    }

    @Test
    void aLostPhaseResultMakesTheDurabilityCheckPendingNotPassing() throws Exception {
        writeCeilings();
        write("breakwater.json", """
                {"available":true,"phases":["wrk","overload"]}""");
        write("bw-wrk.json", wrk(100, 0, 1));
        write("bw-overload.json", """
                {"measured":{"sent":1,"accepted":1},"total":{"accepted":1}}""");
        // "wrk" ran but spool stats say nothing; and with a missing phase file the count would be unknown anyway
        write("spool-stats.json", "{\"lanes\":[{\"lane\":\"events\",\"records\":0,\"nextOffset\":0}]}");
        Files.delete(work.resolve("bw-wrk.json"));

        List<Bar> bars = Bars.evaluate(RunSummary.summarise(work, work, "2026-01-02"));

        assertThat(bars.getLast().verdict()).isEqualTo(Verdict.PENDING);
        assertThat(bars.getLast().measured()).contains("phase wrk produced no result");
    }

    @Test
    void excessThatWasQueuedRatherThanRefusedFailsAndAClientThatFellBehindIsNotJudged() throws Exception {
        writeOverloadOnlyRun();

        // 50/s x 1.9 s = 95 of 100 connections always waiting on the server
        write("bw-overload.json", overload(500, 9500, 1900.0));
        assertThat(refusalBar())
                .satisfies(bar -> assertThat(bar.verdict()).isEqualTo(Verdict.FAIL))
                .satisfies(bar -> assertThat(bar.measured()).contains("3× was not reached", "95 of 100 connections"));

        // 50/s x 2 ms: connections idle, so the client was the limit
        write("bw-overload.json", overload(500, 9500, 2.0));
        assertThat(refusalBar().verdict()).isEqualTo(Verdict.PENDING);

        write("bw-overload.json", overload(500, 10, 2.0));
        assertThat(refusalBar().verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void excessThatNginxRefusingAtOnceCouldNotBeOfferedEitherIsNotJudged() throws Exception {
        writeOverloadOnlyRun();
        // 95 of 100 connections waiting on the server, which alone would fail the bar
        write("bw-overload.json", overload(500, 9500, 1900.0));

        // the same load against nginx refusing at once: 40 % of the due requests never sent either
        write("refusal-control.json", """
                {"measured":{"sent":6000,"missed":4000,"sentPerSecond":600},"serviceLatencyMs":{"mean":150.0}}""");
        assertThat(refusalBar())
                .satisfies(bar -> assertThat(bar.verdict()).isEqualTo(Verdict.PENDING))
                .satisfies(bar -> assertThat(bar.measured()).contains(
                        "could not offer the rate even to nginx refusing every request at once", "it sent 600/s, 40.0 %"));

        // nginx was offered nearly all of it: the shortfall against the server is the server's
        write("refusal-control.json", """
                {"measured":{"sent":9900,"missed":100,"sentPerSecond":990},"serviceLatencyMs":{"mean":2.0}}""");
        assertThat(refusalBar())
                .satisfies(bar -> assertThat(bar.verdict()).isEqualTo(Verdict.FAIL))
                .satisfies(bar -> assertThat(bar.measured()).contains("nginx refusing at once was offered 990/s"));
    }

    /** A run whose server phase was the overload alone, with every acknowledged request in the spool. */
    private void writeOverloadOnlyRun() throws IOException {
        writeCeilings();
        write("breakwater.json", """
                {"available":true,"phases":["overload"]}""");
        write("spool-stats.json", "{\"lanes\":[{\"lane\":\"events\",\"records\":500,\"nextOffset\":500}]}");
    }

    private Bar refusalBar() throws Exception {
        return Bars.evaluate(RunSummary.summarise(work, work, "d")).stream()
                .filter(bar -> bar.name().contains("every excess request")).findFirst().orElseThrow();
    }

    private static String overload(long sent, long missed, double serviceMean) {
        return """
                {"ratePerSecond":1000,"connections":100,"measured":{"sent":%d,"accepted":%d,"missed":%d,"sentPerSecond":%d,
                 "refused429":0,"refused429WithRetryAfter":0,"refused503":0,"otherStatus":{},"errors":{}},
                 "serviceLatencyMs":{"p50":%s,"mean":%s},"total":{"accepted":%d}}"""
                .formatted(sent, sent, missed, sent / 10, serviceMean, serviceMean, sent);
    }

    @Test
    void theGeneratedBlockReplacesOnlyItself() {
        String doc = "# Benchmarks\n\nintro\n\n" + ResultsTable.BEGIN + "\nold table\n" + ResultsTable.END + "\n\nafter\n";

        String updated = ResultsTable.replaceBlock(doc, "new table\n");

        assertThat(updated).isEqualTo("# Benchmarks\n\nintro\n\n" + ResultsTable.BEGIN + "\nnew table\n" + ResultsTable.END + "\n\nafter\n");
        assertThat(ResultsTable.replaceBlock("# B\n", "t")).endsWith(ResultsTable.BEGIN + "\nt\n" + ResultsTable.END + "\n");
    }

    private void writeCeilings() throws IOException {
        write("params.json", """
                {"quick":false,"connections":64,"overloadFactor":3,"overloadSeconds":60,"rssLimitMb":512}""");
        write("corpus.json", "{\"gzipBytes\":{\"mean\":1400}}");
        write("nginx-wrk.json", wrk(100000, 0, 10));
        write("fsync.json", """
                {"results":[{"batch":1,"appendsPerSecond":5000,"forcesPerSecond":5000,"forceLatencyMs":{"p99":0.3}},
                            {"batch":8,"appendsPerSecond":60000,"forcesPerSecond":7500,"forceLatencyMs":{"p99":0.5}},
                            {"batch":16,"appendsPerSecond":70000,"forcesPerSecond":4375,"forceLatencyMs":{"p99":0.5}},
                            {"batch":64,"appendsPerSecond":95000,"forcesPerSecond":1484,"forceLatencyMs":{"p99":0.5}}]}""");
    }

    private static String wrk(long requests, long non2xx, double seconds) {
        return "{\"durationSeconds\":" + seconds + ",\"requests\":" + requests + ",\"errors\":{\"status\":" + non2xx
                + "},\"latencyMs\":{\"p50\":1,\"p90\":2,\"p99\":3,\"max\":4}}";
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(work.resolve(name), content);
    }
}
