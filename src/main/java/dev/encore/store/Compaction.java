package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the retention policy ({@link StoreOptions}): rewrites the journal to hold only the
 * newest revisions of each session and the deleted sessions still within their days, then one
 * record of the whole state, and collects the audio only dropped revisions used. Crash-safe at
 * every step (see {@link Journal#compact}).
 */
final class Compaction {
    private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);

    private final StoreState state;
    private final Journal journal;
    private final Commits commits;
    private final Checkpoints checkpoints;
    private final StoreMirroring mirroring;
    private final AssetUpkeep assets;
    private final StoreOptions options;

    Compaction(StoreState state, Journal journal, Commits commits, Checkpoints checkpoints, StoreMirroring mirroring, AssetUpkeep assets,
            StoreOptions options) {
        this.state = state;
        this.journal = journal;
        this.commits = commits;
        this.checkpoints = checkpoints;
        this.mirroring = mirroring;
        this.assets = assets;
        this.options = options;
    }

    /** Compacts now; returns the audio collected afterwards. */
    Set<AssetId> compact() {
        synchronized (state) {
            commits.refuseIfReadOnly("compacting the journal");
            mirroring.refusesOrSkips(RecordType.STATE, null, "compacting the journal");
            Instant cutoff = cutoff();
            StoreState kept = state.copy();
            kept.deleted.values().removeIf(h -> h.deleted().at().isBefore(cutoff));
            kept.sessions.replaceAll((id, h) -> h.retaining(options.keepRevisions()));
            kept.deleted.replaceAll((id, h) -> h.retaining(options.keepRevisions()));
            List<JournalEntry> keep = new ArrayList<>();
            for (Map<SessionId, SessionHistory> m : List.of(kept.sessions, kept.deleted)) {
                for (SessionHistory h : m.values()) {
                    for (Revision r : h.revisions()) {
                        byte[] payload = journal.read(r.seq());
                        if (payload != null) {
                            keep.add(new JournalEntry(r.seq(), RecordType.SESSION, payload, null, 0, 0));
                        }
                    }
                }
            }
            keep.sort(Comparator.comparingLong(JournalEntry::seq));
            long prevSeq = journal.lastSeq();
            long stateSeq = prevSeq + 1;
            ObjectNode stateRecord = StateRecord.encode(kept);
            byte[] stateBytes = RecordCodec.cbor(stateRecord);
            keep.add(new JournalEntry(stateSeq, RecordType.STATE, stateBytes, null, 0, 0));
            try {
                journal.compact(keep);
            } catch (IOException e) {
                throw StorageFailure.of(e, "compacting the journal");
            }
            mirroring.committed(prevSeq, stateSeq, RecordType.STATE, stateBytes, stateRecord);
            Set<AssetId> named = new HashSet<>(state.everNamed);
            StateRecord.decode(StateRecord.encode(kept), state);
            state.appliedSeq = stateSeq;
            state.everNamed.addAll(named);
            Set<AssetId> collected = assets.collect(Set.of());
            state.everNamed.clear();
            state.everNamed.addAll(state.retainedAssets());
            checkpoints.changed();
            LOG.info("Compacted the journal to {} record(s); {} audio file(s) no retained revision uses were collected", keep.size(), collected.size());
            return collected;
        }
    }

    /**
     * Whether a start should compact: only when the journal is past {@code maxJournalBytes} and
     * holds more than twice what a compaction would keep (superseded drafts, mostly). Retention alone
     * never makes a start rewrite the journal; it waits for the clean stop ({@link #dueAtClose}).
     */
    boolean dueAtOpen(long maxJournalBytes) {
        synchronized (state) {
            return wasteful(maxJournalBytes);
        }
    }

    /**
     * Whether a clean stop should compact: the journal is wasteful as for {@link #dueAtOpen}, a
     * deleted session is past its days, or the revisions past {@code keep_revisions} take at least an
     * eighth of the journal. A few revisions over the limit wait: rewriting every retained record
     * to drop them would cost each stop as much as the whole journal.
     */
    boolean dueAtClose(long maxJournalBytes) {
        synchronized (state) {
            if (mirroring.following().isPresent()) {
                return false; // a backup takes its journal from the primary, compactions included
            }
            Instant cutoff = cutoff();
            if (wasteful(maxJournalBytes) || state.deleted.values().stream().anyMatch(h -> h.deleted().at().isBefore(cutoff))) {
                return true;
            }
            List<Long> over = new ArrayList<>();
            for (Map<SessionId, SessionHistory> m : List.of(state.sessions, state.deleted)) {
                for (SessionHistory h : m.values()) {
                    List<Revision> revisions = h.revisions();
                    if (revisions.size() > options.keepRevisions()) {
                        List<Revision> kept = h.retaining(options.keepRevisions()).revisions();
                        revisions.stream().filter(r -> !kept.contains(r)).forEach(r -> over.add(r.seq()));
                    }
                }
            }
            return !over.isEmpty() && journal.bytesOf(over) * 8 >= journal.bytesUsed();
        }
    }

    /** At a clean stop: compacts when {@link #dueAtClose} says so; a failure is logged and tried again at the next stop. */
    void atClose(long maxJournalBytes) {
        try {
            if (dueAtClose(maxJournalBytes)) {
                compact();
            }
        } catch (EncoreException e) {
            LOG.warn("The journal could not be compacted at the stop ({}); nothing was lost, it is tried again at the next", e.getMessage());
        }
    }

    private boolean wasteful(long maxJournalBytes) {
        return journal.bytesUsed() > maxJournalBytes && journal.bytesUsed() > 2 * retainedBytes();
    }

    /** Deleted sessions older than this are dropped. */
    private Instant cutoff() {
        return commits.now().minus(options.deletedRetentionDays(), ChronoUnit.DAYS);
    }

    private long retainedBytes() {
        List<Long> seqs = new ArrayList<>();
        for (Map<SessionId, SessionHistory> m : List.of(state.sessions, state.deleted)) {
            m.values().forEach(h -> h.revisions().forEach(r -> seqs.add(r.seq())));
        }
        return journal.bytesOf(seqs);
    }
}
