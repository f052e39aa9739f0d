package dev.breakwater.web.ui.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.breakwater.pipeline.PipelineException;
import dev.breakwater.store.StoreException;
import dev.breakwater.web.ui.PageFrame;
import dev.breakwater.web.ui.PageGroup;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiException;
import dev.breakwater.web.ui.UiReply;
import dev.breakwater.web.ui.UiRequest;
import dev.breakwater.web.ui.UiRoutes;
import java.io.IOException;
import java.net.URLEncoder;
import java.util.Optional;

/**
 * The pipeline page ({@code /pipeline}): processing delay and catch-up ETA, per-node delays and per-lane figures,
 * refreshed live by htmx (which gets only the {@code #pipeline-live} fragment); and each lane's quarantine. Anyone
 * signed in may look at the pipeline (it is what the delay banner links to); pausing, resuming, quarantined records
 * (raw data of every project) and replaying them are for admins.
 */
public final class PipelinePages implements PageGroup {
    /** The quarantine page lists this many records, oldest first; the count above it says how many there are. */
    static final int QUARANTINE_PAGE = 100;

    private final UiContext context;

    public PipelinePages(UiContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public void routes(UiRoutes routes) {
        routes.get("/pipeline", this::pipeline);
        routes.post("/pipeline/lanes/{lane}/pause", request -> pauseOrResume(request, true));
        routes.post("/pipeline/lanes/{lane}/resume", request -> pauseOrResume(request, false));
        routes.get("/pipeline/lanes/{lane}/quarantine", this::quarantine);
        routes.post("/pipeline/lanes/{lane}/quarantine/replay", this::replay);
    }

    private UiReply pipeline(UiRequest request) {
        PageFrame frame = context.frame(request, "Pipeline", "pipeline", Optional.empty());
        PipelineView view = PipelineView.of(
                context.pipeline().status(), context.clock().instant(), context.config().delayBannerThreshold());
        if (request.htmx()) {
            return UiReply.ok(context.render("pipeline_live.jte", "frame", frame, "view", view));
        }
        String notice = request.query("paused")
                .map(lane -> "Paused lane " + lane + ": its consumer stops after the current batch.")
                .or(() -> request.query("resumed").map(lane -> "Resumed lane " + lane + "."))
                .orElse("");
        return context.page("pipeline.jte", frame, "view", view, "notice", notice);
    }

    private UiReply pauseOrResume(UiRequest request, boolean pause) throws UiException {
        context.requireAdmin(request);
        String lane = knownLane(request);
        try {
            if (pause) {
                context.pipeline().pause(lane);
            } else {
                context.pipeline().resume(lane);
            }
        } catch (PipelineException e) {
            throw refusal(e);
        }
        return UiReply.redirect("/pipeline?" + (pause ? "paused=" : "resumed=") + URLEncoder.encode(lane, UTF_8));
    }

    private UiReply quarantine(UiRequest request) throws UiException, StoreException {
        context.requireAdmin(request);
        String lane = knownLane(request);
        return context.page(
                "pipeline_quarantine.jte",
                context.frame(request, "Quarantine of " + lane, "pipeline", Optional.empty()),
                "lane", lane,
                "count", context.store().quarantineCount(lane),
                "records", context.store().quarantine(lane, QUARANTINE_PAGE),
                "now", context.clock().instant(),
                "notice", request.query("replayed").map(PipelinePages::replayedNotice).orElse(""));
    }

    private UiReply replay(UiRequest request) throws UiException {
        context.requireAdmin(request);
        String lane = knownLane(request);
        int replayed;
        try {
            replayed = context.pipeline().replayQuarantine(lane);
        } catch (PipelineException e) {
            throw refusal(e);
        } catch (IOException e) {
            throw new UiException(503, "lane " + lane + " cannot take the records back right now (" + e.getMessage()
                    + "); records not yet re-queued stay in the quarantine, try again later");
        }
        return UiReply.redirect(
                "/pipeline/lanes/" + URLEncoder.encode(lane, UTF_8) + "/quarantine?replayed=" + replayed);
    }

    static String replayedNotice(String count) {
        return switch (count) {
            case "0" -> "Nothing was re-queued: the quarantine held no records with a body.";
            case "1" -> "Re-queued 1 record; if it fails again it comes back here.";
            default -> count.chars().allMatch(Character::isDigit)
                    ? "Re-queued " + count + " records; any that fail again come back here."
                    : "";
        };
    }

    private String knownLane(UiRequest request) throws UiException {
        String lane = request.path("lane");
        if (!context.pipeline().lanes().contains(lane)) {
            throw UiException.notFound(
                    "there is no lane '" + lane + "'; the lanes are " + String.join(", ", context.pipeline().lanes()));
        }
        return lane;
    }

    /** An unknown lane is a 404; a store that is away, 503 (try again); anything else the pipeline refused, 409. */
    private static UiException refusal(PipelineException e) {
        if (e.isUnknownLane()) {
            return UiException.notFound(e.getMessage());
        }
        if (e.getCause() instanceof StoreException store && store.isTransient()) {
            return new UiException(503, e.getMessage() + "; try again shortly");
        }
        return new UiException(409, e.getMessage());
    }
}
