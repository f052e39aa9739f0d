package dev.breakwater.store;

import static java.util.Objects.requireNonNull;

import java.time.Clock;

/** Opens the {@link Store} a {@link StoreConfig} names, with its migrations applied. */
public final class Stores {
    private Stores() {}

    /** Opens the store with the system UTC clock. */
    public static Store open(StoreConfig config) throws StoreException {
        return open(config, Clock.systemUTC());
    }

    /**
     * Opens the store; {@code clock} stamps checkpoint and quarantine times.
     *
     * @throws StoreException naming the engine and database (never the password) when it cannot be reached or
     *                        migrated
     */
    public static Store open(StoreConfig config, Clock clock) throws StoreException {
        requireNonNull(config, "config is null");
        requireNonNull(clock, "clock is null");
        return switch (config.engine()) {
            case "sqlite" -> SqliteStore.open(config, clock);
            case "postgresql" -> PostgresStore.open(config, clock);
            default -> throw new IllegalArgumentException("unknown store engine '" + config.engine() + "'");
        };
    }
}
