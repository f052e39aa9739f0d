package dev.breakwater.server.drill;

import dev.breakwater.pipeline.PipelineStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code silent-backlog}: processing stops while events keep arriving (here: the events lane is paused), as in the
 * post-mortems where a queue grew for hours before anyone looked. Expected: the processing delay passes 30 s and,
 * within 60 s of that, the UI's banner shows, an alert is notified and the status page says degraded, with a catch-up
 * ETA once processing resumes; back to normal, the alert resolves and the page goes back to operational.
 */
final class SilentBacklogDrill implements Drill {
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "silent-backlog";
    }

    @Override
    public String summary() {
        return "processing stops while events arrive: delay past 30 s -> banner, alert and degraded status within 60 s; resumed -> resolved";
    }

    @Override
    public void run(DrillBench bench) throws Exception {
        var pipeline = bench.server().pipeline();
        pipeline.pause("events");
        bench.note("events lane paused; sending an event every 500 ms");
        AtomicLong accepted = new AtomicLong();
        // stopped by a flag, not an interrupt: an interrupted send may reach the server without being counted
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; sending.get(); i++) {
                    int status = bench.sendEvent("silent backlog " + i);
                    if (status == 200) {
                        accepted.incrementAndGet();
                    } else {
                        bench.note("ingest answered " + status);
                    }
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                bench.note("sending failed: " + e);
            }
        });
        try {
            bench.await("processing delay past 30 s", Duration.ofSeconds(90), () ->
                    Optional.of(pipeline.status()).filter(s -> s.delaySeconds() > 30).map(PipelineStatus::delaySeconds));
            bench.await("delay banner on the UI", WITHIN, () ->
                    Optional.of(bench.getSignedIn("/banner")).filter(html -> html.contains("class=\"banner\"")));
            bench.await("alert pipeline:delay notified", WITHIN, () -> bench.notification("pipeline:delay", "fired"));
            bench.await("status page: Processing: events degraded", WITHIN, () ->
                    Optional.of(bench.get("/api/v1/status"))
                            .filter(json -> json.contains("\"name\":\"Processing: events\",\"status\":\"degraded\"")));
        } finally {
            sending.set(false);
            sender.join();
        }
        pipeline.resume("events");
        bench.note("events lane resumed; " + accepted.get() + " events were accepted while it was paused");
        bench.await("catch-up ETA or an empty backlog on the pipeline", WITHIN, () -> {
            PipelineStatus status = pipeline.status();
            return status.catchUpEtaSeconds().isPresent() || status.delaySeconds() == 0
                    ? Optional.of(status.catchUpEtaSeconds().map(eta -> "ETA " + Math.round(eta) + " s").orElse("caught up"))
                    : Optional.empty();
        });
        bench.await("alert pipeline:delay resolved", WITHIN, () -> bench.notification("pipeline:delay", "resolved"));
        bench.await("banner gone", WITHIN, () ->
                Optional.of(bench.getSignedIn("/banner")).filter(html -> !html.contains("class=\"banner\"")));
        bench.await("status page: Processing: events operational", WITHIN, () ->
                Optional.of(bench.get("/api/v1/status"))
                        .filter(json -> json.contains("\"name\":\"Processing: events\",\"status\":\"operational\"")));
        bench.await("every accepted event stored, once", WITHIN, () -> {
            long stored = bench.storedEvents();
            if (stored > accepted.get()) {
                throw new DrillFailure(stored + " events stored but only " + accepted.get() + " accepted");
            }
            return stored == accepted.get() ? Optional.of(stored) : Optional.empty();
        });
    }
}
