package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The journal as a mirror uses it: on a primary, records read back in order to ship to a backup
 * that missed them; on a backup, records received from the primary journaled verbatim (same
 * sequence number, same bytes) and applied. Whether the store follows a primary is
 * {@link StoreMirroring}'s to say.
 */
final class MirroredJournal {
    private final StoreState state;
    private final Journal journal;
    private final BlobStore blobs;
    private final Commits commits;
    private final Checkpoints checkpoints;
    private final StoreMirroring mirroring;

    MirroredJournal(StoreState state, Journal journal, BlobStore blobs, Commits commits, Checkpoints checkpoints, StoreMirroring mirroring) {
        this.state = state;
        this.journal = journal;
        this.blobs = blobs;
        this.commits = commits;
        this.checkpoints = checkpoints;
        this.mirroring = mirroring;
    }

    /** One listener hears of every record as it is journaled; null removes it. */
    void listen(Consumer<MirroredRecord> listener) {
        synchronized (state) {
            mirroring.listen(listener);
        }
    }

    Optional<String> following() {
        synchronized (state) {
            return mirroring.following();
        }
    }

    /** Follows {@code primaryName}, or leads again when it is null. */
    void follow(String primaryName) {
        synchronized (state) {
            mirroring.follow(primaryName);
        }
    }

    long lastSeq() {
        synchronized (state) {
            return journal.lastSeq();
        }
    }

    /** Up to {@code max} journaled records after {@code seq}, in order, read back from the journal. */
    List<MirroredRecord> recordsAfter(long seq, int max) {
        synchronized (state) {
            List<MirroredRecord> out = new ArrayList<>();
            long prev = seq;
            for (long s : journal.seqsAfter(seq, max)) {
                byte[] payload = journal.read(s);
                RecordType type = journal.typeOf(s);
                if (payload == null || type == null) {
                    throw new EncoreException(Reason.STORE_DAMAGED, "Journal record " + s + " cannot be read back to mirror it.");
                }
                ObjectNode record = RecordCodec.decode(payload, "journal record " + s);
                out.add(new MirroredRecord(prev, s, type.code, payload, StoreMirroring.namedAssets(type, record)));
                prev = s;
            }
            return out;
        }
    }

    /** See {@link SessionStore#appendMirrored}. */
    boolean append(MirroredRecord r) {
        synchronized (state) {
            if (commits.closed()) {
                throw new EncoreException(Reason.BUSY, "The store is closed; mirrored record " + r.seq() + " was not kept.");
            }
            if (mirroring.following().isEmpty()) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "This store leads; it takes no mirrored record " + r.seq() + ".");
            }
            if (r.seq() <= journal.lastSeq() && journal.has(r.seq())) {
                return true;
            }
            if (r.prevSeq() != journal.lastSeq()) {
                return false;
            }
            RecordType type = RecordType.of((byte) r.typeCode());
            if (type == null) {
                throw new EncoreException(Reason.BAD_ARGUMENTS, "Mirrored record " + r.seq() + " has type " + r.typeCode()
                        + ", which this version of Encore does not know; update the backup laptop to the primary's version.");
            }
            ObjectNode record = RecordCodec.decode(r.payload(), "mirrored record " + r.seq());
            for (AssetId id : r.assets()) {
                if (!blobs.exists(id)) {
                    throw new EncoreException(Reason.ASSET_MISSING, "Mirrored record " + r.seq() + " names audio " + id
                            + " that has not arrived yet.");
                }
            }
            try {
                journal.appendMirrored(r.seq(), type, r.payload());
            } catch (IOException e) {
                throw StorageFailure.of(e, "keeping mirrored record " + r.seq());
            }
            state.apply(r.seq(), type, record);
            checkpoints.changed();
            blobs.adopt(r.assets());
            return true;
        }
    }
}
