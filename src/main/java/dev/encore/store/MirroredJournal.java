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
public final class MirroredJournal {
    private final StoreState state;
    private final Catalog catalog;
    private final Disk disk;
    private final Journal journal;
    private final BlobStore blobs;
    private final Commits commits;
    private final Checkpoints checkpoints;
    private final StoreMirroring mirroring;

    MirroredJournal(StoreState state, Journal journal, BlobStore blobs, Commits commits, Checkpoints checkpoints, StoreMirroring mirroring,
            Catalog catalog, Disk disk) {
        this.state = state;
        this.disk = disk;
        this.catalog = catalog;
        this.journal = journal;
        this.blobs = blobs;
        this.commits = commits;
        this.checkpoints = checkpoints;
        this.mirroring = mirroring;
    }

    /**
     * Hears of every record as it is journaled (after it is durable, on the committing thread,
     * under the store's lock: enqueue, never block). One listener; null removes it.
     *
     * @param listener told of each record, or null
     */
    public void onCommit(Consumer<MirroredRecord> listener) {
        synchronized (state) {
            mirroring.listen(listener);
        }
    }

    /**
     * The primary this store follows as its backup, if it does.
     *
     * @return the primary's name, or empty when this store leads
     */
    public Optional<String> following() {
        synchronized (state) {
            return mirroring.following();
        }
    }

    /**
     * Follows {@code primaryName}: from now on only {@link #appendMirrored} changes what is stored;
     * null leads again, as {@link #lead} does.
     *
     * @param primaryName the primary's name, or null
     */
    public void follow(String primaryName) {
        synchronized (state) {
            mirroring.follow(primaryName);
        }
    }

    /** Stops following (a takeover): this store accepts changes of its own again. */
    public void lead() {
        follow(null);
    }

    /**
     * The sequence number of the last record this store's journal holds.
     *
     * @return the last sequence number, 0 for an empty journal
     */
    public long lastSeq() {
        synchronized (state) {
            return journal.lastSeq();
        }
    }

    /**
     * Up to {@code max} journaled records after {@code seq}, in order, read back from the journal.
     *
     * @param seq the last sequence number the reader holds
     * @param max how many records at most
     * @return the records, oldest first
     */
    public List<MirroredRecord> recordsAfter(long seq, int max) {
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

    /**
     * On a backup: journals a record received from the primary verbatim (same sequence number, same
     * bytes, forced) and applies it. Returns false, changing nothing, when the record does not follow
     * the last one held ({@code prevSeq} is not this journal's last sequence number): the caller asks
     * for what lies between. A record already held is accepted again without writing.
     *
     * @param r the record as the primary journaled it
     * @return whether it is held now
     * @throws EncoreException ASSET_MISSING when audio the record names is not in the blob store
     *     yet, BAD_ARGUMENTS when this store follows no primary or the record does not decode, BUSY
     *     once the store is closed
     */
    public boolean appendMirrored(MirroredRecord r) {
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

    /** Sessions whose current content was committed after {@code seq}: what a laptop holds that a newer primary may lack. */
    public List<StoredSession> changedAfter(long seq) {
        return catalog.changedAfter(seq);
    }

    /**
     * On a backup whose journal differs from its primary's (it saved while another laptop led, and
     * its own saves are safe on that primary as copies): keeps the journal and index images in
     * {@code diverged-<time>/} and starts over empty, so the primary's records come in from the
     * first. See {@link StartOver}.
     *
     * @return the folder that holds this laptop's journal as it was
     * @throws EncoreException STORAGE_FULL, READ_ONLY or another storage failure when the copy cannot be made (nothing changed then)
     */
    public java.nio.file.Path startOver() {
        synchronized (state) {
            if (mirroring.following().isEmpty()) {
                throw new IllegalStateException("Only a backup starts over from its primary's journal.");
            }
            try {
                java.nio.file.Path aside = StartOver.run(disk, state, journal, checkpoints, commits.now());
                checkpoints.changed();
                return aside;
            } catch (IOException e) {
                throw StorageFailure.of(e, "keeping this laptop's own journal aside");
            }
        }
    }
}
