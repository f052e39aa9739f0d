package dev.breakwater.web.api;

import dev.breakwater.pipeline.PipelineControl;
import dev.breakwater.store.Store;
import dev.breakwater.web.ui.alert.StoreAlertActions;
import io.helidon.webserver.WebServer;
import java.time.Clock;

/**
 * The read API under {@code /api/v1} on a real Helidon server on 127.0.0.1, over the test's store, with the admin
 * token {@link #ADMIN}; {@link #close()} stops the server and closes the store.
 */
final class ApiServer implements AutoCloseable {
    static final String ADMIN = "admin-token-for-tests-0123456789";

    final ApiClient api;
    private final WebServer server;
    private final Store store;

    private ApiServer(WebServer server, Store store) {
        this.server = server;
        this.store = store;
        this.api = new ApiClient(server.port());
    }

    static ApiServer start(Store store, PipelineControl pipeline, Clock clock) {
        ReadApi readApi = new ReadApi(store, pipeline, ADMIN, clock, new StoreAlertActions(store, clock));
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.register("/api/v1", readApi))
                .build()
                .start();
        return new ApiServer(server, store);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            store.close();
        }
    }
}
