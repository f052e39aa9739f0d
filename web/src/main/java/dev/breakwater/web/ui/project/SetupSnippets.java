package dev.breakwater.web.ui.project;

import dev.breakwater.store.ProjectKeyRecord;
import dev.breakwater.store.ProjectRecord;
import java.util.List;

/**
 * What a project's set-up page shows: its DSN, Rollbar token, OTLP endpoint and token, and code to paste into an
 * application for each SDK, filled in with this server's public URL and the project's first key.
 */
public record SetupSnippets(
        String dsn, String rollbarToken, String rollbarEndpoint, String otlpEndpoint, String otlpToken, List<Snippet> snippets) {

    /** One SDK's set-up code; {@code id} is the element id its copy button points at. */
    public record Snippet(String id, String title, String code) {}

    public static SetupSnippets of(ProjectRecord project, String publicUrl) {
        ProjectKeyRecord key = project.keys().getFirst();
        int schemeEnd = publicUrl.indexOf("://") + 3;
        String dsn = publicUrl.substring(0, schemeEnd) + key.publicKey() + "@" + publicUrl.substring(schemeEnd) + "/"
                + project.id();
        String rollbarEndpoint = publicUrl + "/api/1/item/";
        return new SetupSnippets(dsn, key.rollbarToken(), rollbarEndpoint, publicUrl, key.otlpToken(), List.of(
                new Snippet("snippet-sentry-java", "Java (sentry-java)", """
                        import io.sentry.Sentry;

                        Sentry.init(options -> {
                            options.setDsn("%s");
                            options.setEnvironment("production");
                            options.setRelease("my-app@1.0.0");
                        });""".formatted(dsn)),
                new Snippet("snippet-sentry-python", "Python (sentry-sdk)", """
                        import sentry_sdk

                        sentry_sdk.init(
                            dsn="%s",
                            environment="production",
                            release="my-app@1.0.0",
                        )""".formatted(dsn)),
                new Snippet("snippet-sentry-node", "Node.js (@sentry/node)", """
                        const Sentry = require("@sentry/node");

                        Sentry.init({
                          dsn: "%s",
                          environment: "production",
                          release: "my-app@1.0.0",
                        });""".formatted(dsn)),
                new Snippet("snippet-rollbar-java", "Java (rollbar-java)", """
                        import com.rollbar.notifier.Rollbar;
                        import com.rollbar.notifier.config.ConfigBuilder;

                        Rollbar rollbar = new Rollbar(ConfigBuilder.withAccessToken("%s")
                                .endpoint("%s")
                                .environment("production")
                                .codeVersion("1.0.0")
                                .build());""".formatted(key.rollbarToken(), rollbarEndpoint)),
                new Snippet("snippet-otlp", "OpenTelemetry exporter (environment)", """
                        OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
                        OTEL_EXPORTER_OTLP_ENDPOINT=%s
                        OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer %s""".formatted(publicUrl, key.otlpToken()))));
    }
}
