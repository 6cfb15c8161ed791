package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link SessionStore} opens, and how it rebuilds. Every step only adds: the lock is taken
 * first, the journal is read whole (damage quarantined, never deleted), the newest index image
 * that reads back is the starting point and the journal's tail after it is replayed; without a
 * usable image (lost, damaged, or a rebuild was asked for) the whole journal is replayed. If the
 * image knows a session whose record the journal no longer has, that session is written into the
 * journal again. A folder written before the journal is migrated into it.
 */
final class StoreOpening {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOpening.class);
    private static final Set<String> KNOWN = Set.of(Journal.DIR, IndexImage.DIR, "blobs", Quarantine.DIR, "logs",
            FolderLock.FILE, LegacyMigration.MANIFESTS, "index.mapdb", "index.open");

    /** A journal past this size is compacted at start, whatever the retention. */
    static final long COMPACT_AFTER_BYTES = 64L << 20;

    private StoreOpening() {
    }

    static SessionStore open(Path dataDir, Disk disk, Clock clock, StoreOptions options, boolean rebuild) {
        StoreReadAhead ahead = rebuild || disk != Disk.local() ? null : StoreReadAhead.take(dataDir);
        if (ahead != null) {
            Read read = ahead.await();
            if (read.segmentBytes == options.segmentBytes()) {
                return finish(read, clock, options);
            }
            read.close(); // read with other options than this open asks for: read again
        }
        return finish(read(dataDir, disk, options.segmentBytes(), rebuild), clock, options);
    }

    /**
     * What reading a folder found before a store is built on it: the lock (held from here on), the
     * journal, the state from the newest usable image with the journal's tail replayed onto it.
     */
    record Read(Path dataDir, Disk disk, long segmentBytes, boolean rebuild, FolderLock lock, Journal.Opened opened,
            BlobStore blobs, StoreState state, boolean fromImage, List<String> problems, int replayed) {
        void close() {
            closeQuietly(opened.journal());
            lock.close();
        }
    }

    static Read read(Path dataDir, Disk disk, long segmentBytes, boolean rebuild) {
        try {
            disk.createDirectories(dataDir);
        } catch (IOException e) {
            throw StorageFailure.of(e, "opening the data folder " + dataDir);
        }
        FolderLock lock = FolderLock.acquire(dataDir);
        Journal journal = null;
        try {
            BlobStore blobs = BlobStore.open(dataDir.resolve("blobs"), disk);
            List<String> problems = new ArrayList<>();
            IndexImage.removeUnfinished(dataDir, disk);
            Optional<StoreState> image = rebuild ? Optional.empty() : IndexImage.newest(dataDir, disk, problems);
            long afterSeq = image.map(s -> s.appliedSeq).orElse(0L);
            Journal.Opened opened = Journal.open(dataDir, disk, segmentBytes, afterSeq, new Quarantine(dataDir, disk));
            journal = opened.journal();
            StoreState state = image.orElseGet(StoreState::new);
            int replayed = replay(opened.entries(), state);
            journal.continueAfter(state.appliedSeq);
            return new Read(dataDir, disk, segmentBytes, rebuild, lock, opened, blobs, state, image.isPresent(), problems, replayed);
        } catch (IOException e) {
            closeQuietly(journal);
            lock.close();
            throw StorageFailure.of(e, "opening the data folder " + dataDir);
        } catch (RuntimeException | Error e) {
            closeQuietly(journal);
            lock.close();
            throw e;
        }
    }

    private static SessionStore finish(Read read, Clock clock, StoreOptions options) {
        Path dataDir = read.dataDir;
        Disk disk = read.disk;
        StoreState state = read.state;
        Journal journal = read.opened.journal();
        try {
            SessionStore store = new SessionStore(dataDir, disk, clock, read.lock, journal, state, read.blobs, options, false);
            if (read.fromImage && read.replayed == 0) {
                store.indexIsCurrent(); // nothing but checkpoint records since the image: no new image at close
            }
            int rejournaled = rejournalWhatOnlyTheImageKnows(store, journal, state);
            salvage(read.opened.suspects(), store, state);
            int migrated = 0;
            if (LegacyMigration.needed(dataDir)) {
                migrated = LegacyMigration.migrate(dataDir, disk, read.blobs, state,
                        (type, record) -> store.commit(type, record, "migrating the old data folder"));
            }
            read.problems.forEach(p -> LOG.warn("{}; the journal is replayed instead", p));
            LOG.info("Opened {}: {} session(s), {} journal record(s) replayed{}{}", dataDir, state.sessions.size(), read.replayed,
                    read.fromImage ? " after the index image" : " (no usable index image)",
                    read.opened.damage().isEmpty() ? "" : ", " + read.opened.damage().size() + " damaged stretch(es) quarantined");
            if (rejournaled > 0) {
                LOG.warn("The journal had lost the record of {} session(s) the index still held; they are journaled again", rejournaled);
            }
            nameStrangers(dataDir, disk, read.blobs, state);
            if (store.compactionDueAtOpen(COMPACT_AFTER_BYTES)) {
                try {
                    store.compact();
                } catch (EncoreException e) {
                    LOG.warn("The journal could not be compacted ({}); nothing was lost and Encore runs on", e.getMessage());
                }
            }
            if (state.appliedSeq > 0 && (read.rebuild || !read.fromImage || migrated > 0 || !read.problems.isEmpty())) {
                store.checkpoint();
            }
            return store;
        } catch (IOException e) {
            read.close();
            throw StorageFailure.of(e, "opening the data folder " + dataDir);
        } catch (RuntimeException | Error e) {
            read.close();
            throw e;
        }
    }

    /**
     * Opens the folder to read it beside the process that holds it (or with no one holding it): no
     * lock is taken and nothing in the folder is written, moved or deleted. The newest index image
     * that reads back is the starting point and the journal after it is replayed, a record being
     * appended right now counting as not there yet. Files can vanish under a reader while the
     * holder compacts or replaces an image; the read is then tried again from the start.
     */
    static SessionStore openReadOnly(Path dataDir, Disk disk, Clock clock, StoreOptions options) {
        if (LegacyMigration.needed(dataDir)) {
            throw new EncoreException(dev.encore.Reason.STORE_DAMAGED, "The data folder " + dataDir + " was written by an older"
                    + " Encore and is not migrated yet; start the daemon on it once (it migrates on start), then run this again.");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return readOnce(dataDir, disk, clock, options);
            } catch (IOException e) {
                if (attempt == READ_ATTEMPTS) {
                    throw StorageFailure.of(e, "reading the data folder " + dataDir);
                }
                LOG.info("Reading {} again: {} changed while it was read ({})", dataDir, e.getMessage(), e.getClass().getSimpleName());
            }
        }
    }

    /** How often a read-only open starts again when the folder's holder changes files under it. */
    private static final int READ_ATTEMPTS = 5;

    private static SessionStore readOnce(Path dataDir, Disk disk, Clock clock, StoreOptions options) throws IOException {
        List<String> problems = new ArrayList<>();
        Optional<StoreState> image = IndexImage.newest(dataDir, disk, problems);
        long afterSeq = image.map(s -> s.appliedSeq).orElse(0L);
        Journal.Opened opened = Journal.open(dataDir, disk, options.segmentBytes(), afterSeq, null, true);
        StoreState state = image.orElseGet(StoreState::new);
        int replayed = replay(opened.entries(), state);
        opened.journal().continueAfter(state.appliedSeq);
        opened.damage().forEach(d -> LOG.warn("{}", d));
        LOG.info("Read {} without writing to it: {} session(s), {} journal record(s) replayed{}", dataDir, state.sessions.size(),
                replayed, image.isPresent() ? " after the index image" : " (no usable index image)");
        return new SessionStore(dataDir, disk, clock, null, opened.journal(), state,
                BlobStore.openReadOnly(dataDir.resolve("blobs"), disk), options, true);
    }

    /** Applies the records after the image; a record that checks out but cannot be decoded is named and skipped. */
    private static int replay(List<JournalEntry> entries, StoreState state) {
        int n = 0;
        for (JournalEntry e : entries) {
            try {
                ObjectNode payload = RecordCodec.decode(e.payload(), "journal record " + e.seq());
                state.apply(e.seq(), e.type(), payload);
                n += e.type() == RecordType.CHECKPOINT ? 0 : 1;
            } catch (EncoreException | IllegalArgumentException ex) {
                LOG.warn("Journal record {} in {} at offset {} cannot be applied ({}); skipped", e.seq(), e.segment(), e.offset(), ex.getMessage());
                state.appliedSeq = Math.max(state.appliedSeq, e.seq());
            }
        }
        return n;
    }

    /** Sessions whose records the journal lost (a segment removed by hand) but the index image holds. */
    private static int rejournalWhatOnlyTheImageKnows(SessionStore store, Journal journal, StoreState state) {
        List<SessionHistory> lost = new ArrayList<>();
        for (SessionHistory h : state.sessions.values()) {
            Revision head = h.revision(h.head());
            if (head != null && !journal.has(head.seq())) {
                lost.add(h);
            }
        }
        for (SessionHistory h : lost) {
            ObjectNode r = RecordCodec.sessionRecord(h.current(), state.sizes);
            r.put("what", "recovered");
            r.put("rev", h.head());
            store.commit(RecordType.SESSION, r, "journaling session '" + h.name() + "' again");
        }
        if (!lost.isEmpty()) {
            store.commit(RecordType.SETLIST, state.setlistRecord(), "journaling the setlist again");
        }
        return lost.size();
    }

    /**
     * A session nothing intact knows (its only records are damaged, and no index image held it: no
     * known id equals the record's id or is within two digits of it) is
     * brought back from its newest damaged record when that record still reads as a session, and
     * journaled anew, with a warning to check its values: a wrong value the performer can see and
     * fix is better than a song gone from the setlist. The damaged bytes stay in the quarantine.
     */
    private static void salvage(List<JournalEntry> suspects, SessionStore store, StoreState state) {
        Catalog catalog = new Catalog(state);
        List<JournalEntry> newestFirst = new ArrayList<>(suspects);
        newestFirst.sort(java.util.Comparator.comparingLong(JournalEntry::seq).reversed());
        for (JournalEntry e : newestFirst) {
            if (e.type() != RecordType.SESSION) {
                continue;
            }
            StoredSession s;
            try {
                s = RecordCodec.session(RecordCodec.decode(e.payload(), "damaged journal record " + e.seq()));
                s = new StoredSession(s.id(), store.imports().uniqueName(Names.clean(s.name())), s.created(), s.updated(),
                        s.schemaVersion(), s.assets(), s.snapshot());
            } catch (RuntimeException notASession) {
                continue; // too damaged to read: it stays in the quarantine, named in the log
            }
            if (catalog.knowsAlike(s.id())) {
                continue; // an older record of a session that is here, or one whose id the damage hit
            }
            ObjectNode r = RecordCodec.sessionRecord(s, state.sizes);
            r.put("what", "salvaged");
            r.put("rev", 1);
            try {
                store.commit(RecordType.SESSION, r, "journaling session '" + s.name() + "' again");
            } catch (EncoreException notNow) {
                // A full or read-only disk, or a backup that takes records only from its primary: the
                // damaged record stays in the journal, so the next start salvages it again.
                LOG.warn("Session '{}' has no intact record (journal record {} in {} is damaged) and cannot be journaled again now: {}",
                        s.name(), e.seq(), e.segment(), notNow.getMessage());
                continue;
            }
            LOG.warn("Session '{}' had no intact record (journal record {} in {} at offset {} is damaged); it is back from that "
                    + "record, at the end of the setlist: check its values before the show", s.name(), e.seq(), e.segment(), e.offset());
        }
    }

    /** Names, in one line each, files Encore did not write and audio no record names; touches neither. */
    private static void nameStrangers(Path dataDir, Disk disk, BlobStore blobs, StoreState state) throws IOException {
        List<String> unknown = new ArrayList<>();
        for (String name : disk.list(dataDir)) {
            if (!KNOWN.contains(name) && !name.startsWith("damaged-index-") && !name.startsWith(StartOver.PREFIX)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            LOG.info("Left alone in {}: {} (not Encore's)", dataDir, unknown);
        }
        long orphans = blobs.list().stream().filter(id -> !state.everNamed.contains(id)).count();
        if (orphans > 0) {
            LOG.info("{} audio file(s) in {} are named by no record (an import a crash cut short, or copied in); kept", orphans,
                    dataDir.resolve("blobs"));
        }
    }

    private static void closeQuietly(Journal journal) {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException ignored) {
                // Already failing; the first error is the one to report.
            }
        }
    }
}
