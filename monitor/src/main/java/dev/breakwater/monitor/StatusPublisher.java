package dev.breakwater.monitor;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.ComponentState;
import dev.breakwater.store.IncidentRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes component statuses to the store for the status page, and keeps each component's incident in step:
 *
 * <ul>
 *   <li>leaving operational opens an incident, {@code "<component> <status>"}, status {@code investigating}, with the
 *       reason as its first update;
 *   <li>a further change adds an update: {@code investigating} when it got worse, {@code monitoring} when it got
 *       better but is not operational yet ({@code identified} is left to operators: a machine does not know causes);
 *   <li>back to operational adds a {@code resolved} update, which resolves the incident.
 * </ul>
 *
 * An incident an operator resolved early is left alone; the next change opens a new one. Each sample's statuses go
 * through the component's {@link Hysteresis} first, so only changes that held are written.
 *
 * <p>The store is the memory: at the first sample (and after a store outage at start-up, at the first sample that
 * reaches it) the publisher reads the published statuses and carries on from them, so a restart neither reopens nor
 * loses an incident. What is in memory changes only after the store took it, so a failed write is simply tried again
 * at the next sample. Incident writes go before the component's state: a crash between them repeats an update rather
 * than losing one.
 *
 * <p>Not thread-safe, except {@link #published}: the monitor's one thread calls {@link #observe}.
 */
public final class StatusPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

    private final Store store;
    private final int worsenAfter;
    private final int improveAfter;
    private final Map<String, Hysteresis> hysteresis = new HashMap<>();
    private final Map<String, Map<ComponentStatus, String>> reasons = new HashMap<>();
    private final Map<String, ComponentStatus> stored = new ConcurrentHashMap<>();
    private boolean resumed;
    private boolean failing;

    public StatusPublisher(Store store, int worsenAfter, int improveAfter) {
        this.store = requireNonNull(store, "store is null");
        // validates the counts now rather than at the first sample
        new Hysteresis(worsenAfter, improveAfter, ComponentStatus.OPERATIONAL);
        this.worsenAfter = worsenAfter;
        this.improveAfter = improveAfter;
    }

    /** The status last written for the component, if any. Thread-safe. */
    public Optional<ComponentStatus> published(Component component) {
        return Optional.ofNullable(stored.get(component.name()));
    }

    /** Takes one sample's assessments and writes what changed; store failures are logged and retried next time. */
    public void observe(List<Assessment> assessments, Instant now) {
        try {
            if (!resumed) {
                resume();
            }
            for (Assessment assessment : assessments) {
                observe(assessment, now);
            }
            if (failing) {
                failing = false;
                LOG.info("status page: the store takes updates again");
            }
        } catch (StoreException e) {
            if (!failing) {
                failing = true;
                LOG.warn("status page: cannot publish component statuses, will retry: {}", e.getMessage());
            }
        }
    }

    private void resume() throws StoreException {
        for (ComponentState state : store.componentStates()) {
            ComponentStatus status;
            try {
                status = ComponentStatus.fromWire(state.status());
            } catch (IllegalArgumentException e) {
                LOG.warn("status page: component {} has an unknown stored status '{}'; taking it as operational",
                        state.component(), state.status());
                status = ComponentStatus.OPERATIONAL;
            }
            stored.put(state.component(), status);
            hysteresis.put(state.component(), new Hysteresis(worsenAfter, improveAfter, status));
        }
        resumed = true;
    }

    private void observe(Assessment assessment, Instant now) throws StoreException {
        String name = assessment.component().name();
        Hysteresis component = hysteresis.computeIfAbsent(
                name, n -> new Hysteresis(worsenAfter, improveAfter, ComponentStatus.OPERATIONAL));
        reasons.computeIfAbsent(name, n -> new EnumMap<>(ComponentStatus.class))
                .put(assessment.status(), assessment.reason());
        component.observe(assessment.status());
        ComponentStatus target = component.published();
        ComponentStatus current = stored.get(name);
        if (current != target) {
            String reason = reasons.get(name).getOrDefault(target, name + " is " + target.label() + ".");
            publish(name, current == null ? ComponentStatus.OPERATIONAL : current, target, reason, now);
            stored.put(name, target);
        }
    }

    private void publish(String component, ComponentStatus from, ComponentStatus to, String reason, Instant now)
            throws StoreException {
        if (from != to) {
            Optional<IncidentRecord> open = store.openIncident(component);
            if (to == ComponentStatus.OPERATIONAL) {
                if (open.isPresent()) {
                    store.addIncidentUpdate(open.get().id(), "resolved", component + " is operational again.",
                            Optional.empty(), now);
                }
            } else if (open.isEmpty()) {
                store.openIncident(component, component + " " + to.label(), "investigating", reason, now);
            } else {
                store.addIncidentUpdate(open.get().id(), to.isWorseThan(from) ? "investigating" : "monitoring",
                        "Now " + to.label() + ". " + reason, Optional.empty(), now);
            }
            LOG.info("status page: {} is now {} (was {})", component, to.label(), from.label());
        }
        store.setComponentState(new ComponentState(component, to.wireName(), now));
    }
}
