package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a change is stored: one record appended to the {@link Journal} and forced, and only
 * then applied to the {@link StoreState}, the next index image scheduled and a mirror told. A
 * failed append changes nothing. Every change is refused once the store is closed or when it was
 * opened read-only, and on a backup as {@link StoreMirroring} decides. Callers hold the store's
 * lock (the state's monitor) across what they read and what they commit.
 */
final class Commits {
    private static final Logger LOG = LoggerFactory.getLogger(Commits.class);

    private final Path dataDir;
    private final Clock clock;
    private final Journal journal;
    private final StoreState state;
    private final Checkpoints checkpoints;
    private final StoreMirroring mirroring;
    private final boolean readOnly;
    private boolean closed;

    /** A record as journaled: the sequence number before it, its own, and its bytes. */
    private record Appended(long prev, long seq, byte[] bytes) {
    }

    Commits(Path dataDir, Clock clock, Journal journal, StoreState state, Checkpoints checkpoints, StoreMirroring mirroring,
            boolean readOnly) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.journal = journal;
        this.state = state;
        this.checkpoints = checkpoints;
        this.mirroring = mirroring;
        this.readOnly = readOnly;
    }

    /** Appends one record (durable on return), then applies it; returns the state's sequence number after it. */
    long commit(RecordType type, ObjectNode record, String action) {
        synchronized (state) {
            Appended a = append(type, record, action);
            if (a == null) {
                return state.appliedSeq; // bookkeeping of a backup's preview: the primary's records are the ones kept
            }
            state.apply(a.seq(), type, record);
            checkpoints.changed();
            mirroring.committed(a.prev(), a.seq(), type, a.bytes(), record);
            return a.seq();
        }
    }

    /**
     * {@link #commit} of a session record whose session is at hand: applied from {@code s} as it
     * is, without reading the record back. This is the save a performer waits for.
     */
    void commitSession(ObjectNode record, StoredSession s, String action) {
        synchronized (state) {
            Appended a = append(RecordType.SESSION, record, action);
            if (a == null) {
                return;
            }
            state.applySession(a.seq(), record, s);
            checkpoints.changed();
            mirroring.committed(a.prev(), a.seq(), RecordType.SESSION, a.bytes(), record);
        }
    }

    /** Journals one record (durable on return); null when a backup's store keeps no record of this kind. */
    private Appended append(RecordType type, ObjectNode record, String action) {
        refuseIfReadOnly(action);
        refuseIfClosed(action);
        if (mirroring.refusesOrSkips(type, record, action)) {
            return null;
        }
        byte[] bytes = RecordCodec.cbor(record);
        long prev = journal.lastSeq();
        try {
            return new Appended(prev, journal.append(type, bytes), bytes);
        } catch (IOException e) {
            throw StorageFailure.of(e, action);
        }
    }

    /** Throws when the store was opened read-only: {@code action} names what did not happen. */
    void refuseIfReadOnly(String action) {
        if (readOnly) {
            throw new IllegalStateException("This store of " + dataDir + " was opened read-only; " + action
                    + " did not happen. Changes go through the Encore that holds the folder.");
        }
    }

    /** Throws BUSY once the store is closed: {@code action} names what did not happen. */
    void refuseIfClosed(String action) {
        if (closed) {
            throw new EncoreException(Reason.BUSY, "The store is closed; " + action + " did not happen.");
        }
    }

    /** Times are kept to the millisecond, so a record read back equals the one that was written. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    boolean closed() {
        synchronized (state) {
            return closed;
        }
    }

    /** Refuses every change from now on; false when that was so already. */
    boolean close() {
        synchronized (state) {
            boolean wasOpen = !closed;
            closed = true;
            return wasOpen;
        }
    }

    /** Closes the journal (after the last index image is written). */
    void closeJournal() {
        synchronized (state) {
            try {
                journal.close();
            } catch (IOException e) {
                LOG.warn("Closing the journal: {}", e.toString());
            }
        }
    }

    /** Lets go of the journal as a process that died would. */
    void abandonJournal() {
        try {
            journal.close();
        } catch (IOException | RuntimeException ignored) {
            // A dead process closes nothing cleanly either.
        }
    }
}
