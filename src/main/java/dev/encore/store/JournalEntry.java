package dev.encore.store;

/**
 * One record read back from the journal: its sequence number, type and payload (CBOR), and where
 * it lies, so that an old revision can be read again later.
 */
record JournalEntry(long seq, RecordType type, byte[] payload, String segment, long offset, int bytes) {
}
