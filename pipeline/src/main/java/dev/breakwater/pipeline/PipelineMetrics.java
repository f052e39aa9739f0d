package dev.breakwater.pipeline;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The pipeline's figures in {@code /metrics}: the processing delay (service, per lane), backlogs, lane states, the
 * catch-up ETA, and counters of processed records, inserted and duplicate events and quarantined records per lane.
 * Gauges read the status sampled once a second, so a scrape never touches the disk or the store.
 */
public final class PipelineMetrics {
    private PipelineMetrics() {}

    public static void register(Pipeline pipeline, MeterRegistry registry) {
        Gauge.builder("breakwater_pipeline_delay_seconds", pipeline, p -> p.lastStatus().delaySeconds())
                .description("Processing delay: newest accepted minus newest processed receive time, worst node")
                .register(registry);
        Gauge.builder("breakwater_pipeline_catch_up_eta_seconds", pipeline,
                        p -> p.lastStatus().catchUpEtaSeconds().orElse(Double.NaN))
                .description("Backlog divided by the net drain rate; NaN when nothing waits or it is not draining")
                .register(registry);
        for (String lane : pipeline.lanes()) {
            Gauge.builder("breakwater_pipeline_lane_delay_seconds", pipeline, p -> lane(p, lane).delaySeconds())
                    .tag("lane", lane)
                    .register(registry);
            Gauge.builder("breakwater_pipeline_backlog_records", pipeline, p -> lane(p, lane).backlogRecords())
                    .tag("lane", lane)
                    .register(registry);
            Gauge.builder("breakwater_pipeline_oldest_age_seconds", pipeline, p -> lane(p, lane).oldestAgeSeconds())
                    .tag("lane", lane)
                    .register(registry);
            Gauge.builder("breakwater_pipeline_lane_state", pipeline, p -> lane(p, lane).state().ordinal())
                    .description("0 running, 1 retrying, 2 paused")
                    .tag("lane", lane)
                    .register(registry);
            LaneProgress progress = pipeline.progress(lane);
            FunctionCounter.builder("breakwater_pipeline_records_processed", progress, LaneProgress::processedRecords)
                    .tag("lane", lane)
                    .register(registry);
            FunctionCounter.builder("breakwater_pipeline_batches_committed", progress, LaneProgress::committedBatches)
                    .description("store transactions that applied a batch of the lane")
                    .tag("lane", lane)
                    .register(registry);
            FunctionCounter.builder("breakwater_pipeline_events_inserted", progress, LaneProgress::insertedEvents)
                    .tag("lane", lane)
                    .register(registry);
            FunctionCounter.builder("breakwater_pipeline_events_duplicate", progress, LaneProgress::duplicateEvents)
                    .tag("lane", lane)
                    .register(registry);
            FunctionCounter.builder(
                            "breakwater_pipeline_records_quarantined", progress, LaneProgress::quarantinedSinceStart)
                    .tag("lane", lane)
                    .register(registry);
        }
    }

    private static LaneStatus lane(Pipeline pipeline, String name) {
        return pipeline.lastStatus().lanes().stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
