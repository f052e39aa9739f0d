package dev.breakwater.server.project;

import static java.util.Objects.requireNonNull;

import dev.breakwater.ingest.KeyDirectory;
import dev.breakwater.ingest.ProjectKey;
import dev.breakwater.store.NewProject;
import dev.breakwater.store.ProjectKeyRecord;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The projects and their keys: stored in the store, served to ingest from memory.
 *
 * <p>Lookups read an immutable snapshot published through a volatile field: no lock and no I/O on the ingest path, so
 * ingest keeps authenticating while the store is slow or away. The snapshot is loaded at start and replaced after each
 * change made through this registry. Thread-safe; writers are serialised.
 */
public final class ProjectRegistry implements KeyDirectory {
    private final Store store;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(
            List<Project> projects,
            Map<String, ProjectKey> bySentryKey,
            Map<String, ProjectKey> byRollbarToken,
            Map<String, Project> byId) {

        static Snapshot of(List<Project> projects) {
            Map<String, ProjectKey> sentry = new HashMap<>();
            Map<String, ProjectKey> rollbar = new HashMap<>();
            Map<String, Project> ids = new HashMap<>();
            for (Project project : projects) {
                ids.put(Long.toString(project.id()), project);
                for (ProjectKey key : project.keys()) {
                    sentry.put(key.publicKey(), key);
                    rollbar.put(key.rollbarToken(), key);
                }
            }
            return new Snapshot(List.copyOf(projects), Map.copyOf(sentry), Map.copyOf(rollbar), Map.copyOf(ids));
        }
    }

    private ProjectRegistry(Store store, Clock clock, List<Project> projects) {
        this.store = store;
        this.clock = clock;
        this.snapshot = Snapshot.of(projects);
    }

    /** Loads the projects from the store. */
    public static ProjectRegistry open(Store store, Clock clock) throws StoreException {
        requireNonNull(store, "store is null");
        requireNonNull(clock, "clock is null");
        return new ProjectRegistry(store, clock, load(store));
    }

    public List<Project> projects() {
        return snapshot.projects();
    }

    public Optional<Project> bySlug(String slug) {
        return snapshot.projects().stream().filter(p -> p.slug().equals(slug)).findFirst();
    }

    public Optional<Project> byId(String projectId) {
        return Optional.ofNullable(snapshot.byId().get(projectId));
    }

    @Override
    public Optional<ProjectKey> bySentryKey(String publicKey) {
        return Optional.ofNullable(snapshot.bySentryKey().get(publicKey));
    }

    @Override
    public Optional<ProjectKey> byRollbarToken(String token) {
        return Optional.ofNullable(snapshot.byRollbarToken().get(token));
    }

    @Override
    public boolean projectExists(String projectId) {
        return snapshot.byId().containsKey(projectId);
    }

    /** Creates a project with one fresh key; the slug is derived from the name and made unique. */
    public synchronized Project create(String name) throws StoreException {
        String trimmed = requireNonNull(name, "name is null").strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new IllegalArgumentException("a project name must have 1 to 100 characters, was " + trimmed.length());
        }
        ProjectRecord created = store.createProject(new NewProject(
                uniqueSlug(trimmed, snapshot.projects()),
                trimmed,
                Instant.now(clock),
                new ProjectKeyRecord(Secrets.token(), Secrets.token(), Secrets.token())));
        snapshot = Snapshot.of(load(store));
        return toProject(created);
    }

    private static List<Project> load(Store store) throws StoreException {
        return store.projects().stream()
                .sorted(Comparator.comparingLong(ProjectRecord::id))
                .map(ProjectRegistry::toProject)
                .toList();
    }

    private static Project toProject(ProjectRecord record) {
        String projectId = Long.toString(record.id());
        List<ProjectKey> keys = record.keys().stream()
                .map(k -> new ProjectKey(projectId, k.publicKey(), k.rollbarToken(), k.otlpToken()))
                .toList();
        return new Project(record.id(), record.slug(), record.name(), record.createdAt(), keys);
    }

    private static String uniqueSlug(String name, List<Project> existing) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (base.isEmpty()) {
            base = "project";
        }
        String slug = base;
        for (int n = 2; slugTaken(slug, existing); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    private static boolean slugTaken(String slug, List<Project> existing) {
        return existing.stream().anyMatch(p -> p.slug().equals(slug));
    }
}
