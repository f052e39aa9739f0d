package dev.breakwater.server.project;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.ingest.KeyDirectory;
import dev.breakwater.ingest.ProjectKey;
import dev.breakwater.server.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The projects and their keys, kept in {@code <data>/projects.json} and served to ingest from memory.
 *
 * <p>Until the store arrives (SQLite/PostgreSQL), this small file is the source of truth. Writes replace it
 * atomically (temp file, fsync, rename, fsync of the folder), so a crash leaves either the old or the new list.
 * Lookups read an immutable snapshot published through a volatile field: no lock and no I/O on the ingest path.
 * Thread-safe; writers are serialised.
 */
public final class ProjectRegistry implements KeyDirectory {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
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

    private ProjectRegistry(Path file, Clock clock, List<Project> projects) {
        this.file = file;
        this.clock = clock;
        this.snapshot = Snapshot.of(projects);
    }

    /** Opens the registry in {@code dataDir}, creating the file (empty) when there is none. */
    public static ProjectRegistry open(Path dataDir, Clock clock) throws IOException {
        requireNonNull(dataDir, "dataDir is null");
        Path file = dataDir.resolve("projects.json");
        List<Project> projects = Files.exists(file) ? read(file) : List.of();
        return new ProjectRegistry(file, requireNonNull(clock, "clock is null"), projects);
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
    public synchronized Project create(String name) throws IOException {
        String trimmed = requireNonNull(name, "name is null").strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new IllegalArgumentException("a project name must have 1 to 100 characters, was " + trimmed.length());
        }
        List<Project> projects = new ArrayList<>(snapshot.projects());
        long id = projects.stream().mapToLong(Project::id).max().orElse(0) + 1;
        String projectId = Long.toString(id);
        ProjectKey key = new ProjectKey(projectId, Secrets.token(), Secrets.token(), Secrets.token());
        Project project = new Project(id, uniqueSlug(trimmed, projects), trimmed, Instant.now(clock), List.of(key));
        projects.add(project);
        write(file, projects);
        snapshot = Snapshot.of(projects);
        return project;
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

    private static List<Project> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Project> projects = new ArrayList<>();
        for (JsonNode node : root.path("projects")) {
            String projectId = Long.toString(node.path("id").asLong());
            List<ProjectKey> keys = new ArrayList<>();
            for (JsonNode key : node.path("keys")) {
                keys.add(new ProjectKey(
                        projectId,
                        key.path("publicKey").asText(),
                        key.path("rollbarToken").asText(),
                        key.path("otlpToken").asText()));
            }
            projects.add(new Project(
                    node.path("id").asLong(),
                    node.path("slug").asText(),
                    node.path("name").asText(),
                    Instant.parse(node.path("createdAt").asText()),
                    keys));
        }
        return projects;
    }

    private static void write(Path file, List<Project> projects) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("projects");
        for (Project project : projects) {
            ObjectNode node = list.addObject();
            node.put("id", project.id());
            node.put("slug", project.slug());
            node.put("name", project.name());
            node.put("createdAt", project.createdAt().toString());
            ArrayNode keys = node.putArray("keys");
            for (ProjectKey key : project.keys()) {
                keys.addObject()
                        .put("publicKey", key.publicKey())
                        .put("rollbarToken", key.rollbarToken())
                        .put("otlpToken", key.otlpToken());
            }
        }
        DurableFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
