package dev.breakwater.server.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code acked-disk-alert}: the disk under the spool and the store fills up; someone acknowledges the alert and the
 * disk goes on filling, as in the post-mortems where an acknowledged alert silenced a problem that kept getting worse.
 * The data folder is a small tmpfs of its own, filled with filler files. Expected, each within 60 s: past 90 % the
 * disk alerts fire; acknowledged (through the admin API, snoozed for a minute), past 95 % they escalate and notify at
 * once, well before the snooze ends; past 98 % they escalate again and the status page shows the Ingest API in a major
 * outage; the filler deleted, they resolve and the Ingest API is operational again. Events sent all along are all
 * stored, once.
 */
final class AckedDiskAlertDrill implements Drill {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String SIZE = "64m";
    private static final String FILLER = "filler";
    private static final String INGEST = "Ingest API";

    @Override
    public String name() {
        return "acked-disk-alert";
    }

    @Override
    public String summary() {
        return "the data disk fills past 90 %, the alert is acknowledged, it fills past 95 % and 98 % -> notified again"
                + " at once, Ingest API major outage; space freed -> resolved; nothing accepted lost (needs root)";
    }

    @Override
    public Map<String, String> settings(Path data) {
        return Map.of("data.dir", mountPoint(data).toString());
    }

    @Override
    public Closeable prepare(Path data) throws IOException, DrillFailure {
        return DrillFilesystem.mount(mountPoint(data), SIZE);
    }

    private static Path mountPoint(Path data) {
        return data.resolve("small-fs");
    }

    @Override
    public void run(DrillBench bench) throws Exception {
        DrillFilesystem disk = DrillFilesystem.mounted(mountPoint(bench.data()));
        bench.note("data folder (spool and SQLite store) on a " + mib(disk.totalBytes()) + " tmpfs at " + disk.path()
                + ", " + percent(disk.usedRatio()) + " used; sending an event every 250 ms");
        AtomicLong accepted = new AtomicLong();
        // stopped by a flag, not an interrupt: an interrupted send may reach the server without being counted
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; sending.get(); i++) {
                    int status = bench.sendEvent("disk filling " + i);
                    if (status == 200) {
                        accepted.incrementAndGet();
                    } else {
                        bench.note("ingest answered " + status);
                    }
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                bench.note("sending failed: " + e);
            }
        });
        try {
            fill(bench, disk, 0.92);
            bench.await("alert disk:spool fired", WITHIN, () -> bench.notification("disk:spool", "fired"));
            bench.await("alert disk:store fired (same filesystem)", WITHIN, () -> bench.notification("disk:store", "fired"));

            Instant snoozeUntil = acknowledgeDiskAlerts(bench);

            fill(bench, disk, 0.965);
            WebhookReceiver.Received escalated = bench.await("alert disk:spool escalated and notified", WITHIN,
                    () -> bench.notification("disk:spool", "escalated"));
            if (!escalated.at().isBefore(snoozeUntil)) {
                throw new DrillFailure("the escalation was notified only at " + escalated.at()
                        + ", after the snooze ended at " + snoozeUntil);
            }
            bench.note("the escalation came " + DrillBench.seconds(Duration.between(escalated.at(), snoozeUntil))
                    + " before the snooze would have ended: '" + escalated.title() + "'");
            bench.await("alert disk:store escalated and notified", WITHIN,
                    () -> bench.notification("disk:store", "escalated"));

            fill(bench, disk, 0.985);
            long acceptedBeforeFull = accepted.get();
            bench.await("alert disk:spool escalated again (past the last step)", WITHIN, () ->
                    Optional.of(bench.notifications("disk:spool", "escalated")).filter(n -> n >= 2));
            bench.await("status page: " + INGEST + " major_outage", WITHIN, () ->
                    bench.componentStatus(INGEST).filter("major_outage"::equals));
            if (bench.notifications("disk:", "renotified") > 0) {
                throw new DrillFailure("a disk alert was renotified: the snooze ended before the drill got here");
            }

            // what ingest did meanwhile is recorded, not judged: the spool refuses only when a write fails for space
            bench.note("ingest accepted " + (accepted.get() - acceptedBeforeFull) + " events while the disk was past"
                    + " the last step (any refusal is noted above)");
            disk.free(FILLER);
            bench.note("filler deleted; " + percent(disk.usedRatio()) + " used");
            bench.await("alert disk:spool resolved", WITHIN, () -> bench.notification("disk:spool", "resolved"));
            bench.await("alert disk:store resolved", WITHIN, () -> bench.notification("disk:store", "resolved"));
            bench.await("status page: " + INGEST + " operational", WITHIN, () ->
                    bench.componentStatus(INGEST).filter("operational"::equals));
        } finally {
            sending.set(false);
            sender.join();
            disk.free(FILLER);
        }
        bench.note(accepted.get() + " events were accepted while the disk filled and emptied");
        bench.await("every accepted event stored, once", WITHIN, () -> {
            long stored = bench.storedEvents();
            if (stored > accepted.get()) {
                throw new DrillFailure(stored + " events stored but only " + accepted.get() + " accepted");
            }
            return stored == accepted.get() ? Optional.of(stored) : Optional.empty();
        });
    }

    private static void fill(DrillBench bench, DrillFilesystem disk, double ratio) throws IOException {
        long written = disk.fillTo(FILLER, ratio);
        bench.note("filler grown by " + mib(written) + ": " + percent(disk.usedRatio()) + " used");
    }

    /**
     * Acknowledges every open disk alert as an operator would, through {@code POST /api/v1/alerts/{id}/ack} with the
     * admin token, for the shortest snooze the API takes; returns when the snooze of disk:spool ends.
     */
    private static Instant acknowledgeDiskAlerts(DrillBench bench) throws Exception {
        List<String> acknowledged = new ArrayList<>();
        Instant spoolSnoozeUntil = null;
        for (JsonNode alert : bench.apiJson("/alerts?state=open").path("items")) {
            String key = alert.path("dedupKey").asText();
            if (!key.startsWith("disk:")) {
                continue;
            }
            long id = alert.path("id").asLong();
            HttpResponse<String> answer = bench.api("POST", "/alerts/" + id + "/ack", "{\"snoozeMinutes\": 1}");
            if (answer.statusCode() != 200) {
                throw new DrillFailure("acknowledging " + key + " (alert " + id + ") answered " + answer.statusCode()
                        + ": " + answer.body());
            }
            JsonNode acked = JSON.readTree(answer.body());
            if (!acked.path("state").asText().equals("acknowledged")) {
                throw new DrillFailure("after acknowledging, " + key + " is " + acked.path("state").asText());
            }
            Instant until = Instant.parse(acked.path("snoozeUntil").asText());
            if (key.equals("disk:spool")) {
                spoolSnoozeUntil = until;
            }
            acknowledged.add(key + " (alert " + id + ")");
        }
        if (spoolSnoozeUntil == null) {
            throw new DrillFailure("no open disk:spool alert to acknowledge in GET /api/v1/alerts");
        }
        bench.note("acknowledged " + String.join(" and ", acknowledged) + " through POST /api/v1/alerts/{id}/ack,"
                + " snoozed until " + spoolSnoozeUntil);
        return spoolSnoozeUntil;
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
