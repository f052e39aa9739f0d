package dev.breakwater.web.ui;

import dev.breakwater.store.NewUser;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreConfig;
import dev.breakwater.store.Stores;
import dev.breakwater.store.UserRecord;
import dev.breakwater.testing.ManualClock;
import dev.breakwater.web.api.CheckpointPipelineControl;
import dev.breakwater.web.api.ShopData;
import dev.breakwater.web.ui.alert.StoreAlertActions;
import dev.breakwater.web.ui.auth.PasswordHasher;
import io.helidon.webserver.WebServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * The UI on a real Helidon server over a real SQLite store seeded with {@link ShopData}, for the UI's ITs: users
 * {@code admin} (an admin) and {@code bob} (a member of the shop project only), a clock the test moves, and a
 * pipeline standing in with the store's checkpoints. One per test; {@link #close()} stops everything.
 */
public final class UiServer implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-password-123";
    public static final String BOB_PASSWORD = "bob-password-456";

    public final Store store;
    public final ShopData data;
    public final ManualClock clock;
    public final CheckpointPipelineControl pipeline;
    public final UserRecord bob;
    public final WebUi ui;
    public final UiClient client;
    private final WebServer server;

    private UiServer(Store store, ShopData data, ManualClock clock, CheckpointPipelineControl pipeline, UserRecord bob,
            WebUi ui, WebServer server) {
        this.store = store;
        this.data = data;
        this.clock = clock;
        this.pipeline = pipeline;
        this.bob = bob;
        this.ui = ui;
        this.server = server;
        this.client = new UiClient(server.port());
    }

    public static UiServer start(Path dir) throws Exception {
        Store store = Stores.open(StoreConfig.sqlite(dir.resolve("store.db")));
        try {
            ShopData data = ShopData.seed(store);
            ManualClock clock = new ManualClock(ShopData.NOW);
            CheckpointPipelineControl pipeline = new CheckpointPipelineControl(store, List.of("events", "deploys"));
            PasswordHasher hasher = new PasswordHasher(new SecureRandom());
            store.createUser(new NewUser("admin", hasher.hash(ADMIN_PASSWORD), true, ShopData.NOW));
            UserRecord bob = store.createUser(new NewUser("bob", hasher.hash(BOB_PASSWORD), false, ShopData.NOW)).orElseThrow();
            store.setMember(bob.id(), data.shop.id(), true);
            UiContext context = new UiContext(store, pipeline, new Templates(), clock, UiConfig.defaults(),
                    name -> { throw new IllegalArgumentException("no project creation in this test"); },
                    () -> "http://127.0.0.1:9");
            WebUi ui = WebUi.create(context, new StoreAlertActions(store, clock), hasher, new SecureRandom());
            WebServer server = WebServer.builder()
                    .host("127.0.0.1")
                    .port(0)
                    .routing(routing -> routing.register(ui))
                    .build()
                    .start();
            return new UiServer(store, data, clock, pipeline, bob, ui, server);
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
    }

    /** Signs in as admin; returns the session cookie's value. */
    public String signInAdmin() throws Exception {
        return client.signIn("admin", ADMIN_PASSWORD);
    }

    public String signInBob() throws Exception {
        return client.signIn("bob", BOB_PASSWORD);
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
