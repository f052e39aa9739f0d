package dev.breakwater.web.ui.issue;

import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive frames of a stack shown together: the application's own frames open, a run of library ("system")
 * frames folded into one {@code <details>}, as Sentry shows stacks. A stack without any frame of the application
 * shows every frame open: folding all of it would hide the only clue.
 */
public record FrameGroup(List<FrameView> frames, boolean collapsed) {
    public FrameGroup {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a frame group has at least one frame");
        }
    }

    /** Groups frames given in display order (most recent call first); the order is kept. */
    static List<FrameGroup> of(List<FrameView> frames) {
        if (frames.isEmpty()) {
            return List.of();
        }
        if (frames.stream().noneMatch(FrameView::inApp)) {
            return List.of(new FrameGroup(frames, false));
        }
        List<FrameGroup> groups = new ArrayList<>();
        List<FrameView> run = new ArrayList<>();
        boolean runInApp = frames.getFirst().inApp();
        for (FrameView frame : frames) {
            if (frame.inApp() != runInApp) {
                groups.add(new FrameGroup(run, !runInApp));
                run = new ArrayList<>();
                runInApp = frame.inApp();
            }
            run.add(frame);
        }
        groups.add(new FrameGroup(run, !runInApp));
        return groups;
    }

    /** "3 system frames", the summary of a folded group. */
    public String summary() {
        return frames.size() + (frames.size() == 1 ? " system frame" : " system frames");
    }
}
