package dev.breakwater.server.http;

import static dev.breakwater.server.config.ConfigKeys.*;

import dev.breakwater.pipeline.PipelineControl;
import dev.breakwater.server.config.ConfigException;
import dev.breakwater.server.config.Settings;
import dev.breakwater.server.project.Project;
import dev.breakwater.server.project.ProjectRegistry;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import dev.breakwater.web.ui.Templates;
import dev.breakwater.web.ui.UiConfig;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.WebUi;
import dev.breakwater.web.ui.alert.AlertActions;
import dev.breakwater.web.ui.auth.FirstAdmin;
import dev.breakwater.web.ui.auth.PasswordHasher;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/** Builds the web UI from the settings, and creates the first admin user on a fresh store. */
public final class UiWiring {
    /** The UI, and the admin password when it was generated at this start (to print once). */
    public record Wired(WebUi ui, Optional<String> generatedAdminPassword) {}

    private UiWiring() {}

    public static Wired wire(
            Settings settings,
            Store store,
            PipelineControl pipeline,
            ProjectRegistry projects,
            AlertActions alerts,
            Templates templates,
            Supplier<String> publicUrl,
            Clock clock)
            throws StoreException {
        UiConfig config;
        try {
            config = new UiConfig(
                    settings.duration(UI_DELAY_BANNER),
                    settings.duration(UI_REFRESH),
                    settings.duration(UI_SESSION_LIFETIME),
                    (int) Math.min(Integer.MAX_VALUE, settings.number(UI_MAX_FAILED_SIGN_INS)),
                    settings.duration(UI_LOCKOUT),
                    publicUrl.get().startsWith("https://"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        SecureRandom random = new SecureRandom();
        PasswordHasher hasher = new PasswordHasher(random);
        String configured = settings.text(UI_ADMIN_PASSWORD);
        Optional<String> generated;
        try {
            generated = FirstAdmin.ensure(store, hasher, clock, configured.isEmpty() ? Optional.empty() : Optional.of(configured));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(UI_ADMIN_PASSWORD.name() + ": " + e.getMessage());
        }
        UiContext context = new UiContext(
                store, pipeline, templates, clock, config, name -> created(store, projects.create(name)), publicUrl);
        return new Wired(WebUi.create(context, alerts, hasher, random), generated);
    }

    private static ProjectRecord created(Store store, Project project) throws StoreException {
        return store.project(project.id()).orElseThrow(() -> new IllegalStateException("project " + project.slug() + " vanished"));
    }
}
