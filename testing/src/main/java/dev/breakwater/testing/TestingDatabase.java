package dev.breakwater.testing;

import static java.util.Objects.requireNonNull;

/** An empty PostgreSQL database handed to one test: where it is and how to log in. */
public record TestingDatabase(String jdbcUrl, String user, String password, String name) {
    public TestingDatabase {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(name, "name is null");
    }
}
