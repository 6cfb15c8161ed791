package dev.encore.store;

/**
 * Sessions brought from another folder (a show bundle, a copy handed over by another laptop):
 * whether an id is known here already, a free name for one, and committing a revision that keeps
 * the id and times it had there.
 */
public final class Imports {
    private final Catalog catalog;
    private final SessionChanges changes;

    Imports(Catalog catalog, SessionChanges changes) {
        this.catalog = catalog;
        this.changes = changes;
    }

    /** Whether a live or deleted session has this id. */
    public boolean knows(SessionId id) {
        return catalog.knows(id);
    }

    /** {@code wanted}, or the first of "wanted (2)", "wanted (3)", ... that no session uses. */
    public String uniqueName(String wanted) {
        return catalog.uniqueName(wanted);
    }

    /**
     * Commits a revision brought from another folder, keeping its id and times: a new session at the
     * end of the setlist when the id is new here, else the next revision of that session (its name
     * here stays). Its audio must be in the blob store already.
     */
    public StoredSession importRevision(StoredSession revision) {
        return changes.importRevision(revision);
    }
}
