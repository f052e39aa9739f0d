package dev.breakwater.web.api;

import static dev.breakwater.web.api.ReadApiContract.ADMIN;
import static dev.breakwater.web.api.ReadApiContract.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakwater.store.Store;
import dev.breakwater.store.Stores;
import dev.breakwater.testing.PostgresServer;
import dev.breakwater.web.api.ApiClient.Answer;
import dev.breakwater.web.ui.alert.StoreAlertActions;
import io.helidon.webserver.WebServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database outage while the API serves: answers turn into 503 {@code store_unavailable} with {@code Retry-After},
 * and back to 200 once the database is up again, without a restart.
 */
class StoreOutageIT {
    @TempDir
    Path dir;

    @Test
    void answersServiceUnavailableWhileTheDatabaseIsDown() throws Exception {
        try (PostgresServer postgres = PostgresServer.start("web-outage");
                Store store = Stores.open(PostgresReadApiIT.postgres(postgres.newDatabase(), dir, Duration.ofSeconds(1)))) {
            ShopData.seed(store);
            Clock clock = Clock.fixed(ShopData.NOW, ZoneOffset.UTC);
            ReadApi readApi = new ReadApi(store, new CheckpointPipelineControl(store, List.of("events")), ADMIN, clock,
                    new StoreAlertActions(store, clock));
            WebServer server = WebServer.builder()
                    .host("127.0.0.1")
                    .port(0)
                    .routing(routing -> routing.register("/api/v1", readApi))
                    .build()
                    .start();
            try {
                ApiClient api = new ApiClient(server.port());
                assertThat(api.get("/projects/shop/issues", ADMIN).status()).isEqualTo(200);

                postgres.stop();
                Answer down = api.get("/projects/shop/issues", ADMIN);
                assertError(down, 503, "store_unavailable", "retry");
                assertThat(down.header("Retry-After")).hasValue("5");
                assertThat(down.json().path("error").path("retryAfterSeconds").asLong()).isEqualTo(5);
                // a project token cannot be checked either: that is the store's outage, not the caller's fault
                assertThat(api.get("/projects/shop/issues", "some-project-token").status()).isEqualTo(503);

                postgres.start();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> api.get("/projects/shop/issues", ADMIN).status() == 200);
            } finally {
                server.stop();
            }
        }
    }
}
