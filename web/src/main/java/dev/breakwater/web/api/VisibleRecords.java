package dev.breakwater.web.api;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.IssueRecord;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import dev.breakwater.store.StoredEvent;

/**
 * The store's projects, issues and events as one {@link Caller} may see them: a record of a project the caller does
 * not see reads exactly as one that does not exist (same 404, same message), so a project token cannot learn what
 * other projects hold. Lives for one request.
 */
final class VisibleRecords {
    private final Store store;
    private final Caller caller;

    VisibleRecords(Store store, Caller caller) {
        this.store = requireNonNull(store, "store is null");
        this.caller = requireNonNull(caller, "caller is null");
    }

    ProjectRecord project(String slug) throws StoreException, ApiException {
        return store.project(slug)
                .filter(project -> caller.sees(project.id()))
                .orElseThrow(() -> ApiException.notFound("there is no project '" + slug + "'"));
    }

    IssueRecord issue(long id) throws StoreException, ApiException {
        return store.issue(id)
                .filter(issue -> caller.sees(issue.projectId()))
                .orElseThrow(() -> ApiException.notFound("there is no issue " + id));
    }

    StoredEvent event(String eventId) throws StoreException, ApiException {
        return store.event(eventId)
                .filter(event -> caller.sees(event.summary().projectId()))
                .orElseThrow(() -> ApiException.notFound("there is no event " + eventId));
    }
}
