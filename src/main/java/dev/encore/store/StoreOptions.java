package dev.encore.store;

/**
 * How the store keeps its files: the journal's segment size, how long after a change the store
 * writes an index image, and what history it retains (revisions per
 * session, days a deleted session can be brought back), and whether it is one laptop of a mirror.
 */
public record StoreOptions(long segmentBytes, long quietMs, int keepRevisions, int deletedRetentionDays, boolean mirrored) {
    public static final int DEFAULT_KEEP_REVISIONS = 50;
    public static final int DEFAULT_DELETED_RETENTION_DAYS = 30;
    public static final StoreOptions DEFAULTS = new StoreOptions(Journal.DEFAULT_SEGMENT_BYTES, 10_000,
            DEFAULT_KEEP_REVISIONS, DEFAULT_DELETED_RETENTION_DAYS);

    public StoreOptions {
        if (segmentBytes < 4096 || quietMs < 0 || keepRevisions < 1 || deletedRetentionDays < 0) {
            throw new IllegalArgumentException("store options out of range: " + segmentBytes + ", " + quietMs + ", "
                    + keepRevisions + ", " + deletedRetentionDays);
        }
    }

    /** Options of a store that is not a mirror's backup. */
    public StoreOptions(long segmentBytes, long quietMs, int keepRevisions, int deletedRetentionDays) {
        this(segmentBytes, quietMs, keepRevisions, deletedRetentionDays, false);
    }

    public StoreOptions withRetention(int revisions, int deletedDays) {
        return new StoreOptions(segmentBytes, quietMs, revisions, deletedDays, mirrored);
    }

    /**
     * The store of a laptop in a mirror: from the moment it opens it follows (takes records only
     * through {@link SessionStore#appendMirrored} and refuses changes of its own) until the mirror
     * says it leads ({@link SessionStore#lead}), and it journals no checkpoint records, so that both
     * laptops' journals hold the same records under the same numbers.
     */
    public StoreOptions asMirrored() {
        return new StoreOptions(segmentBytes, quietMs, keepRevisions, deletedRetentionDays, true);
    }
}
