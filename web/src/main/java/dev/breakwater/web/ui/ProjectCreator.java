package dev.breakwater.web.ui;

import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.StoreException;

/**
 * Creates a project with its first key. The server's project registry does it, so ingest learns the new keys at
 * once; {@link IllegalArgumentException} names what is wrong with the name.
 */
@FunctionalInterface
public interface ProjectCreator {
    ProjectRecord create(String name) throws StoreException;
}
