package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A session in the record form the journal keeps (metadata, asset ids and sizes, snapshot), as JSON
 * for files that carry sessions out of the store: a record read back is migrated to the current
 * schema like one read from the journal.
 */
public final class SessionRecords {
    private SessionRecords() {
    }

    public static ObjectNode toRecord(StoredSession session, Map<AssetId, Long> sizes) {
        return RecordCodec.sessionRecord(session, sizes);
    }

    /** Reads a record of any known schema version; a record that is not one is a STORE_DAMAGED error. */
    public static StoredSession fromRecord(ObjectNode record) {
        return RecordCodec.session(record);
    }
}
