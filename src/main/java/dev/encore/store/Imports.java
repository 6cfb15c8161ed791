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

    /**
     * A snapshot as bytes for another laptop, in the encoding records use, so that every value type
     * (bytes, NaN and infinities, whole numbers past 32 bits) arrives as it was; JSON would turn
     * bytes into text and NaN into a string.
     */
    public static byte[] encodeSnapshot(com.fasterxml.jackson.databind.node.ObjectNode snapshot) {
        return RecordCodec.cbor(snapshot);
    }

    /** The snapshot {@link #encodeSnapshot} wrote; {@code what} names it in the error when the bytes do not read. */
    public static com.fasterxml.jackson.databind.node.ObjectNode decodeSnapshot(byte[] bytes, String what) {
        return RecordCodec.decode(bytes, what);
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
