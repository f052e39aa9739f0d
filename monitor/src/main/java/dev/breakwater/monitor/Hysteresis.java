package dev.breakwater.monitor;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;

/**
 * Keeps one component's published status from flapping: a worse status is published once the last
 * {@code worsenAfter} derived statuses were all worse than the published one, a better status once the last
 * {@code improveAfter} were all better. It publishes the mildest status of that run, the one that really held
 * (operational, then degraded, major outage: after two samples "degraded" held, not "major outage"). A derived status
 * equal to the published one ends any run. Not thread-safe.
 */
public final class Hysteresis {
    private final int worsenAfter;
    private final int improveAfter;
    private final Deque<ComponentStatus> recent = new ArrayDeque<>();
    private ComponentStatus published;

    public Hysteresis(int worsenAfter, int improveAfter, ComponentStatus published) {
        if (worsenAfter < 1) {
            throw new IllegalArgumentException("monitor.worsen-after must be at least 1, was " + worsenAfter);
        }
        if (improveAfter < 1) {
            throw new IllegalArgumentException("monitor.improve-after must be at least 1, was " + improveAfter);
        }
        this.worsenAfter = worsenAfter;
        this.improveAfter = improveAfter;
        this.published = requireNonNull(published, "published is null");
    }

    public ComponentStatus published() {
        return published;
    }

    /** Takes one derived status; returns the newly published status when this sample changes it. */
    public Optional<ComponentStatus> observe(ComponentStatus derived) {
        requireNonNull(derived, "derived is null");
        recent.addLast(derived);
        while (recent.size() > Math.max(worsenAfter, improveAfter)) {
            recent.removeFirst();
        }
        Optional<ComponentStatus> next = held(worsenAfter, true).or(() -> held(improveAfter, false));
        next.ifPresent(status -> {
            published = status;
            recent.clear();
        });
        return next;
    }

    /** The mildest of the last {@code samples} statuses when all of them are worse (or all better) than published. */
    private Optional<ComponentStatus> held(int samples, boolean worse) {
        if (recent.size() < samples) {
            return Optional.empty();
        }
        ComponentStatus mildest = null;
        Iterator<ComponentStatus> it = recent.descendingIterator();
        for (int i = 0; i < samples; i++) {
            ComponentStatus status = it.next();
            if (worse ? !status.isWorseThan(published) : !published.isWorseThan(status)) {
                return Optional.empty();
            }
            if (mildest == null || (worse ? mildest.isWorseThan(status) : status.isWorseThan(mildest))) {
                mildest = status;
            }
        }
        return Optional.of(mildest);
    }
}
