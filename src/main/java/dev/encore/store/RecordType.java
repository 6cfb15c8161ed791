package dev.encore.store;

/**
 * What one journal record does. The code is written into the record's header; codes are never
 * reused, so a journal written by any version reads the same.
 */
enum RecordType {
    /** A session's whole stored state: a save, a copy, a rename, a migrated or recovered session. */
    SESSION(1),
    DELETE(2),
    UNDELETE(3),
    /** The setlist order and the active session. */
    SETLIST(4),
    DRAFT(5),
    DROP_DRAFT(6),
    META(7),
    STEMS(8),
    UNDO(9),
    REDO(10),
    /** An index image now holds everything up to a sequence number; changes nothing. */
    CHECKPOINT(11),
    /** The whole state at the end of a compaction, after the retained revisions it copied. */
    STATE(12);

    final byte code;

    RecordType(int code) {
        this.code = (byte) code;
    }

    /** The type with this code, or null when no version of Encore wrote it. */
    static RecordType of(byte code) {
        for (RecordType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
