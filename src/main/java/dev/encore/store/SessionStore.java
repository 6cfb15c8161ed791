package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encore's storage. Every change is one self-contained record appended to the {@link Journal}
 * and forced to disk before the method returns; only then does the in-memory {@link StoreState}
 * take it, and reads are served from that state. The MapDB {@link IndexImage} is written off the
 * save path by {@link Checkpoints}. Every save is a revision that {@link #undo} can step back to;
 * deleted sessions can be brought back. A failed commit changes nothing, stored or in memory.
 *
 * <p>Thread-safe; meant to be called from the engine thread.
 */
public final class SessionStore implements AutoCloseable {
    public static final int SCHEMA_VERSION = SchemaMigration.CURRENT;
    static final String UNTITLED = "untitled";
    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

    private final Path dataDir;
    private final Disk disk;
    private final Clock clock;
    private final FolderLock lock;
    private final Journal journal;
    final StoreState state;
    private final BlobStore blobs;
    private final Checkpoints checkpoints;
    private final StoreOptions options;
    private volatile Supplier<Set<AssetId>> liveRoots = Set::of;
    private boolean closed;
    private Thread warmup;
    private final boolean readOnly;
    private final StoreMirroring mirroring;

    SessionStore(Path dataDir, Disk disk, Clock clock, FolderLock lock, Journal journal, StoreState state, BlobStore blobs, StoreOptions options) {
        this(dataDir, disk, clock, lock, journal, state, blobs, options, false);
    }

    SessionStore(Path dataDir, Disk disk, Clock clock, FolderLock lock, Journal journal, StoreState state, BlobStore blobs, StoreOptions options,
            boolean readOnly) {
        this.readOnly = readOnly;
        this.dataDir = dataDir;
        this.disk = disk;
        this.clock = clock;
        this.lock = lock;
        this.journal = journal;
        this.state = state;
        this.blobs = blobs;
        this.options = options;
        this.checkpoints = new Checkpoints(this, options.quietMs());
        this.mirroring = new StoreMirroring(options.mirrored());
    }

    /**
     * Loads and initialises the index's storage engine (MapDB and the libraries under it, several
     * hundred classes) on a background thread, so that a process which is about to open a store
     * pays for it on the second core while it reads its command line and map. Opens no file.
     */
    public static void preloadInBackground() {
        Thread t = new Thread(IndexImage::preload, "encore-preload");
        t.setDaemon(true);
        t.start();
    }

    public static SessionStore open(Path dataDir) {
        return open(dataDir, Disk.local(), Clock.systemUTC());
    }

    /**
     * Opens the store in {@code dataDir} (created if missing): takes the folder's lock, reads the
     * journal (quarantining damage), loads the newest usable index image and replays the journal
     * after it. Nothing that holds a record is ever deleted. See {@link StoreOpening}.
     */
    public static SessionStore open(Path dataDir, Disk disk, Clock clock) {
        return StoreOpening.open(dataDir, disk, clock, StoreOptions.DEFAULTS, false);
    }

    public static SessionStore open(Path dataDir, Disk disk, Clock clock, StoreOptions options) {
        return StoreOpening.open(dataDir, disk, clock, options, false);
    }

    /**
     * Opens an existing data folder to read it, also while a daemon holds it: takes no lock and
     * writes nothing there (no clean-up, no quarantine copy, no index image, no compaction), and sees
     * what was committed up to the moment it opened. Every method that would change the folder throws
     * {@link IllegalStateException}. See {@link StoreOpening#openReadOnly}.
     */
    public static SessionStore openReadOnly(Path dataDir) {
        return StoreOpening.openReadOnly(dataDir, Disk.local(), Clock.systemUTC(), StoreOptions.DEFAULTS);
    }

    /** Whether this store was opened with {@link #openReadOnly} and refuses every change. */
    public boolean readOnly() {
        return readOnly;
    }

    /**
     * Rebuilds the index from the whole journal (the index may be lost or damaged; the journal
     * is the record) and writes a new index image beside the old one; see {@link StoreOpening}.
     */
    public static RebuildReport rebuild(Path dataDir) {
        try (SessionStore store = StoreOpening.open(dataDir, Disk.local(), Clock.systemUTC(), StoreOptions.DEFAULTS, true)) {
            return store.report();
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** The folder's lock: the daemon adds its OSC port to what it says; null when opened read-only. */
    public FolderLock lock() {
        return lock;
    }

    /** Assets the live state holds (tracks not yet saved); collection never deletes them. */
    public void setLiveRoots(Supplier<Set<AssetId>> roots) {
        this.liveRoots = roots;
    }

    // ---- sessions -------------------------------------------------------------------------

    /** Every session in setlist order, from memory: no snapshot decoded, no audio read. */
    public synchronized List<SessionSummary> list() {
        List<SessionSummary> out = new ArrayList<>(state.setlist.size());
        for (int i = 0; i < state.setlist.size(); i++) {
            SessionHistory h = state.sessions.get(state.setlist.get(i));
            SessionContent s = h.content();
            out.add(new SessionSummary(s.id(), s.name(), s.updated(), i + 1, state.drafts.containsKey(s.id().value()), h.audioBytes()));
        }
        return out;
    }

    public synchronized List<SessionId> setlist() {
        return List.copyOf(state.setlist);
    }

    public synchronized Optional<StoredSession> find(SessionId id) {
        SessionHistory h = state.sessions.get(id);
        return h == null ? Optional.empty() : Optional.of(h.current());
    }

    public synchronized Optional<StoredSession> findByName(String name) {
        SessionId id = state.names.get(Names.key(name));
        return id == null ? Optional.empty() : find(id);
    }

    public synchronized boolean nameTaken(String name) {
        return state.names.containsKey(Names.key(name));
    }

    /** Commits a new session at the end of the setlist. */
    public synchronized StoredSession create(String name, ObjectNode snapshot, Set<AssetId> assets) {
        String clean = Names.clean(name);
        requireFreeName(clean, null);
        SessionId id;
        do {
            id = SessionId.random();
        } while (state.sessions.containsKey(id) || state.deleted.containsKey(id));
        Instant now = now();
        StoredSession s = new StoredSession(id, clean, now, now, SCHEMA_VERSION, assets, snapshot);
        ObjectNode r = sessionRecord(s, "save", 1);
        commitSession(r, s, "saving session '" + clean + "'");
        blobs.adopt(s.assets());
        return s;
    }

    /** Commits new content for an existing session (its name stays) as a new revision and drops its draft. */
    public synchronized StoredSession update(SessionId id, ObjectNode snapshot, Set<AssetId> assets) {
        SessionHistory h = require(id);
        SessionContent old = h.content(); // name and times only: the old snapshot is not decoded
        StoredSession s = new StoredSession(id, old.name(), old.created(), now(), SCHEMA_VERSION, assets, snapshot);
        ObjectNode r = sessionRecord(s, "save", h.lastNumber() + 1);
        r.put("dropDraft", true);
        commitSession(r, s, "saving session '" + old.name() + "'");
        blobs.adopt(s.assets());
        return s;
    }

    public synchronized StoredSession rename(SessionId id, String newName) {
        StoredSession old = require(id).current();
        String clean = Names.clean(newName);
        requireFreeName(clean, id);
        StoredSession s = new StoredSession(id, clean, old.created(), now(), SCHEMA_VERSION, old.assets(), old.snapshot());
        commit(RecordType.SESSION, sessionRecord(s, "rename", 0), "renaming session '" + old.name() + "'");
        return s;
    }

    /**
     * Deletes a session and its draft. Its revisions and audio are retained (see
     * {@link StoreOptions#deletedRetentionDays()}) so that {@link #undelete} can bring it back.
     */
    public synchronized void delete(SessionId id) {
        StoredSession old = require(id).current();
        ObjectNode r = RecordCodec.JSON.createObjectNode();
        r.put("id", id.value());
        r.put("name", old.name());
        r.put("at", now().toEpochMilli());
        commit(RecordType.DELETE, r, "deleting session '" + old.name() + "'");
    }

    /** Moves the session at {@code fromIndex} to {@code toIndex} (both 0-based) in the setlist. */
    public synchronized void move(int fromIndex, int toIndex) {
        List<SessionId> order = new ArrayList<>(state.setlist);
        if (fromIndex < 0 || fromIndex >= order.size() || toIndex < 0 || toIndex >= order.size()) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "Positions " + (fromIndex + 1) + " and " + (toIndex + 1)
                    + " must both be between 1 and " + order.size() + ".");
        }
        order.add(toIndex, order.remove(fromIndex));
        ObjectNode r = RecordCodec.JSON.createObjectNode();
        order.forEach(s -> r.withArray("setlist").add(s.value()));
        commit(RecordType.SETLIST, r, "reordering the setlist");
    }

    // ---- history ----------------------------------------------------------------------------

    /** The retained revisions of a live or deleted session, newest first. */
    public synchronized List<Revision> history(SessionId id) {
        SessionHistory h = state.sessions.containsKey(id) ? state.sessions.get(id) : state.deleted.get(id);
        if (h == null) {
            throw new EncoreException(Reason.NO_SUCH_SESSION, "There is no session with id " + id + ".");
        }
        List<Revision> out = new ArrayList<>(h.revisions());
        java.util.Collections.reverse(out);
        return out;
    }

    /** The revision number the session's stored state is now (undo moves it back). */
    public synchronized int headRevision(SessionId id) {
        return require(id).head();
    }

    /** An older revision's content, as it was saved (under the session's current name). */
    public synchronized StoredSession revision(SessionId id, int number) {
        SessionHistory h = require(id);
        Revision r = h.revision(number);
        if (r == null) {
            throw new EncoreException(Reason.NO_SUCH_REVISION, "Session '" + h.name() + "' has no retained revision "
                    + number + " (it has " + h.revisions().size() + ").");
        }
        return contentOf(h, r);
    }

    /** Steps the stored state back to the revision before the current one; durable. */
    public synchronized StoredSession undo(SessionId id) {
        SessionHistory h = require(id);
        Revision prev = h.beforeHead();
        if (prev == null) {
            throw new EncoreException(Reason.NO_SUCH_REVISION, "Nothing to undo: '" + h.name() + "' is at its oldest retained revision.");
        }
        return step(RecordType.UNDO, h, prev, "undoing the last save of '" + h.name() + "'");
    }

    /** Steps forward again to the revision the last undo left; durable. */
    public synchronized StoredSession redo(SessionId id) {
        SessionHistory h = require(id);
        if (h.redo().isEmpty()) {
            throw new EncoreException(Reason.NO_SUCH_REVISION, "Nothing to redo for '" + h.name() + "': no undo since its last save.");
        }
        Revision next = h.revision(h.redo().get(h.redo().size() - 1));
        return step(RecordType.REDO, h, next, "redoing the save of '" + h.name() + "'");
    }

    /** Brings back the most recently deleted session at its old position (a unique name if its own is taken). */
    public synchronized StoredSession undelete() {
        if (state.deleted.isEmpty()) {
            throw new EncoreException(Reason.NO_SUCH_SESSION, "No deleted session is retained.");
        }
        SessionHistory h = null;
        for (SessionHistory d : state.deleted.values()) {
            h = d;
        }
        StoredSession old = h.current();
        String name = LegacyMigration.uniqueName(state, old.name());
        StoredSession s = new StoredSession(old.id(), name, old.created(), now(), SCHEMA_VERSION, old.assets(), old.snapshot());
        ObjectNode r = RecordCodec.sessionRecord(s, state.sizes);
        r.put("position", h.deleted().position());
        commit(RecordType.UNDELETE, r, "bringing back session '" + name + "'");
        return s;
    }

    // ---- drafts, active session, bookkeeping ------------------------------------------------

    /** Journals unsaved live changes with their session ({@code null}: no session yet). */
    public synchronized void putDraft(SessionId session, ObjectNode snapshot, Set<AssetId> assets) {
        String key = draftKey(session);
        StoredDraft d = new StoredDraft(session, now(), assets, snapshot);
        commit(RecordType.DRAFT, RecordCodec.draftRecord(key, d, sizes(assets)), "saving the draft");
        blobs.adopt(assets);
    }

    public synchronized Optional<StoredDraft> draft(SessionId session) {
        return Optional.ofNullable(state.drafts.get(draftKey(session)));
    }

    public synchronized void dropDraft(SessionId session) {
        String key = draftKey(session);
        if (state.drafts.containsKey(key)) {
            commit(RecordType.DROP_DRAFT, RecordCodec.JSON.createObjectNode().put("key", key), "dropping the draft");
        }
    }

    public synchronized Optional<SessionId> active() {
        return Optional.ofNullable(state.active);
    }

    /**
     * Records which session is open. Opening must work on a full or read-only disk, so a failure
     * here is logged, not thrown: the open goes on, and a crash would only start on another song.
     */
    public synchronized void setActive(SessionId session) {
        if (session != null) {
            require(session);
        }
        if (java.util.Objects.equals(state.active, session)) {
            return;
        }
        ObjectNode r = RecordCodec.JSON.createObjectNode();
        r.put("active", session == null ? null : session.value());
        try {
            commit(RecordType.SETLIST, r, "recording the open session");
        } catch (EncoreException e) {
            state.active = session;
            LOG.warn("{} The session is open; after a crash Encore may start on the one opened before.", e.getMessage());
        }
    }

    /** Small engine bookkeeping (the crash-loop guard, for one), durable and rebuilt with the index. */
    public synchronized Optional<String> meta(String key) {
        return Optional.ofNullable(state.meta.get(key));
    }

    public synchronized void putMeta(String key, String value) {
        if (java.util.Objects.equals(state.meta.get(key), value)) {
            return;
        }
        ObjectNode r = RecordCodec.JSON.createObjectNode().put("key", key);
        r.put("value", value);
        commit(RecordType.META, r, "recording engine state");
    }

    // ---- audio ----------------------------------------------------------------------------

    /** Maps an asset read-only, checking its length against the one its records name. */
    public MappedAsset map(AssetId id) {
        long expected;
        synchronized (this) {
            expected = state.sizes.getOrDefault(id, -1L);
        }
        return blobs.map(id, expected);
    }

    /** Stems already extracted for a key (source PCM, extractor and version), shared by all sessions. */
    public synchronized Optional<Map<String, AssetId>> cachedStems(String key) {
        return Optional.ofNullable(state.stems.get(key));
    }

    public synchronized void putCachedStems(String key, Map<String, AssetId> stems) {
        ObjectNode r = RecordCodec.JSON.createObjectNode().put("key", key);
        ObjectNode m = r.putObject("stems");
        new java.util.TreeMap<>(stems).forEach((name, id) -> m.put(name, id.hex()));
        commit(RecordType.STEMS, r, "caching stems");
        blobs.adopt(Set.copyOf(stems.values()));
    }

    /**
     * Deletes audio that records once named but that no retained revision, draft, stem cache
     * entry, live track or {@code extraRoots} uses any more, and that was not written since start.
     * Audio no record ever named (a file Encore did not write, or one a crash left unreferenced)
     * is never deleted. Returns what was deleted.
     */
    public synchronized Set<AssetId> collect(Set<AssetId> extraRoots) {
        refuseIfReadOnly("collecting unused audio");
        Set<AssetId> keep = state.retainedAssets();
        keep.addAll(extraRoots);
        keep.addAll(liveRoots.get());
        Set<AssetId> deleted = blobs.collect(id -> keep.contains(id) || !state.everNamed.contains(id));
        if (!deleted.isEmpty()) {
            LOG.info("Collected {} audio asset(s) no retained session uses any more", deleted.size());
        }
        return deleted;
    }

    /** Reads every asset a session or draft uses in full and checks its hash: the pre-show check; {@code progress} gets 0..1 by bytes. */
    public CheckReport check(DoubleConsumer progress) {
        return check((done, total) -> progress.accept(total == 0 ? 1.0 : done / (double) total));
    }

    /** How far a {@link #check} is: bytes of audio verified so far, of all it verifies. */
    @FunctionalInterface
    public interface CheckProgress {
        void checked(long bytes, long totalBytes);
    }

    /** {@link #check(DoubleConsumer)}, reporting bytes after each asset. */
    public CheckReport check(CheckProgress progress) {
        List<AssetId> ids;
        long[] sizes;
        synchronized (this) {
            ids = new ArrayList<>(state.currentAssets());
            sizes = new long[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                sizes[i] = Math.max(0, state.sizes.getOrDefault(ids.get(i), 0L));
            }
        }
        long total = java.util.Arrays.stream(sizes).sum();
        if (total == 0) { // no recorded sizes (audio of an old folder): count assets instead
            java.util.Arrays.fill(sizes, 1);
            total = sizes.length;
        }
        long done = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            AssetId id = ids.get(i);
            try {
                long expected;
                synchronized (this) {
                    expected = state.sizes.getOrDefault(id, -1L);
                }
                blobs.verify(id, expected);
            } catch (EncoreException e) {
                List<String> users;
                synchronized (this) {
                    users = state.usersOf(id);
                }
                problems.add(e.getMessage() + " Used by " + (users.isEmpty() ? "nothing" : String.join(", ", users)) + ".");
            }
            done += sizes[i];
            progress.checked(done, total);
        }
        return new CheckReport(ids.size(), problems);
    }

    /**
     * Applies the retention policy and rewrites the journal to hold only what is retained: the
     * newest revisions of each session, deleted sessions still within their days, then one record
     * of the whole state. Crash-safe at every step (see {@link Journal#compact}). Afterwards the
     * audio that only dropped revisions used is collected. Returns what was collected.
     */
    public synchronized Set<AssetId> compact() {
        refuseIfReadOnly("compacting the journal");
        mirroring.refusesOrSkips(RecordType.STATE, null, "compacting the journal");
        Instant cutoff = now().minus(options.deletedRetentionDays(), ChronoUnit.DAYS);
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
        keep.sort(java.util.Comparator.comparingLong(JournalEntry::seq));
        long prevSeq = journal.lastSeq();
        long stateSeq = prevSeq + 1;
        ObjectNode stateRecord = IndexImage.encodeState(kept);
        byte[] stateBytes = RecordCodec.cbor(stateRecord);
        keep.add(new JournalEntry(stateSeq, RecordType.STATE, stateBytes, null, 0, 0));
        try {
            journal.compact(keep);
        } catch (IOException e) {
            throw StorageFailure.of(e, "compacting the journal");
        }
        mirroring.committed(prevSeq, stateSeq, RecordType.STATE, stateBytes, stateRecord);
        Set<AssetId> named = new java.util.HashSet<>(state.everNamed);
        IndexImage.decodeState(IndexImage.encodeState(kept), state);
        state.appliedSeq = stateSeq;
        state.everNamed.addAll(named);
        Set<AssetId> collected = collect(Set.of());
        state.everNamed.clear();
        state.everNamed.addAll(state.retainedAssets());
        checkpoints.changed();
        LOG.info("Compacted the journal to {} record(s); {} audio file(s) no retained revision uses were collected", keep.size(), collected.size());
        return collected;
    }

    /**
     * Whether retention has something to drop, or the journal is past {@code maxJournalBytes} and
     * holds more than twice what a compaction would keep (superseded drafts, mostly).
     */
    synchronized boolean compactionDue(long maxJournalBytes) {
        Instant cutoff = now().minus(options.deletedRetentionDays(), ChronoUnit.DAYS);
        return journal.bytesUsed() > maxJournalBytes && journal.bytesUsed() > 2 * retainedBytes()
                || state.deleted.values().stream().anyMatch(h -> h.deleted().at().isBefore(cutoff))
                || state.sessions.values().stream().anyMatch(h -> h.revisions().size() > options.keepRevisions());
    }

    private long retainedBytes() {
        List<Long> seqs = new ArrayList<>();
        for (Map<SessionId, SessionHistory> m : List.of(state.sessions, state.deleted)) {
            m.values().forEach(h -> h.revisions().forEach(r -> seqs.add(r.seq())));
        }
        return journal.bytesOf(seqs);
    }

    /**
     * Warms the save path in the background (see {@link SaveWarmup}) on the shape of the session
     * most likely saved next: the active one, else the one saved last, with its snapshot and its
     * audio. A long-running process (the daemon, a host) calls this once after opening, so the
     * first save on stage does not run in the interpreter; a short command has no need.
     */
    public synchronized void warmUpSaves() {
        if (warmup != null || closed || readOnly) {
            return;
        }
        SessionHistory next = state.active == null ? null : state.sessions.get(state.active);
        if (next == null) {
            next = state.sessions.values().stream().max(java.util.Comparator.comparing(SessionHistory::updated)).orElse(null);
        }
        SessionContent shape = next == null ? null : next.content();
        Map<AssetId, Long> sizes = new HashMap<>();
        if (shape != null) {
            shape.assets().forEach(id -> sizes.put(id, state.sizes.getOrDefault(id, -1L)));
        }
        warmup = SaveWarmup.start(() -> shape == null ? SaveWarmup.typicalShape() : shape.snapshot(), sizes);
    }

    /** Writes the index image now (normally done after a quiet spell and at close). */
    public void checkpoint() {
        refuseIfReadOnly("writing an index image");
        checkpoints.runNow();
    }

    /** Writes a last index image, closes the journal and lets go of the folder. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (warmup != null) {
                warmup.interrupt();
            }
        }
        if (!readOnly) {
            checkpoints.close();
        }
        synchronized (this) {
            try {
                journal.close();
            } catch (IOException e) {
                LOG.warn("Closing the journal: {}", e.toString());
            }
            if (lock != null) {
                lock.close();
            }
        }
    }

    /**
     * Lets go of the files as a process that died would: no index image, no last record. For
     * tests of what a crash leaves behind, in the same JVM.
     */
    void abandon() {
        synchronized (this) {
            closed = true;
        }
        try {
            journal.close();
        } catch (IOException | RuntimeException ignored) {
            // A dead process closes nothing cleanly either.
        }
        lock.close();
    }

    // ---- sessions brought from another folder ---------------------------------------------

    /** Whether a live or deleted session has this id. */
    public synchronized boolean knows(SessionId id) {
        return state.sessions.containsKey(id) || state.deleted.containsKey(id);
    }

    /** {@code wanted}, or the first of "wanted (2)", "wanted (3)", ... that no session uses. */
    public synchronized String uniqueName(String wanted) {
        return LegacyMigration.uniqueName(state, wanted);
    }

    /**
     * Commits a revision brought from another folder, keeping its id and times: a new session at the
     * end of the setlist when the id is new here, else the next revision of that session (its name
     * here stays). Its audio must be in the blob store already.
     */
    public synchronized StoredSession importRevision(StoredSession revision) {
        SessionHistory h = state.sessions.get(revision.id());
        if (h == null) {
            if (state.deleted.containsKey(revision.id())) {
                throw new EncoreException(Reason.NAME_TAKEN, "Session id " + revision.id() + " belongs to a deleted session here.");
            }
            String clean = Names.clean(revision.name());
            requireFreeName(clean, null);
            StoredSession s = new StoredSession(revision.id(), clean, revision.created(), revision.updated(), SCHEMA_VERSION,
                    revision.assets(), revision.snapshot());
            commit(RecordType.SESSION, sessionRecord(s, "import", 1), "importing session '" + clean + "'");
            blobs.adopt(s.assets());
            return s;
        }
        StoredSession old = h.current();
        StoredSession s = new StoredSession(old.id(), old.name(), old.created(), revision.updated(), SCHEMA_VERSION,
                revision.assets(), revision.snapshot());
        commit(RecordType.SESSION, sessionRecord(s, "import", h.lastNumber() + 1), "importing a revision of '" + old.name() + "'");
        blobs.adopt(s.assets());
        return s;
    }

    /** What {@link #collect} would delete now, with each blob's length; deletes nothing. */
    public synchronized Map<AssetId, Long> collectable(Set<AssetId> extraRoots) {
        Set<AssetId> keep = state.retainedAssets();
        keep.addAll(extraRoots);
        keep.addAll(liveRoots.get());
        Set<AssetId> fresh = blobs.fresh();
        Map<AssetId, Long> out = new java.util.TreeMap<>();
        for (AssetId id : blobs.list()) {
            if (!fresh.contains(id) && !keep.contains(id) && state.everNamed.contains(id) && blobs.exists(id)) {
                out.put(id, blobs.length(id));
            }
        }
        return out;
    }

    // ---- mirroring (a backup laptop) -------------------------------------------------------

    /**
     * Hears of every record as it is journaled (after it is durable, on the committing thread,
     * under the store's lock: enqueue, never block). One listener; null removes it.
     */
    public synchronized void onCommit(java.util.function.Consumer<MirroredRecord> listener) {
        mirroring.listen(listener);
    }

    /** The sequence number of the last record this store's journal holds. */
    public synchronized long lastSeq() {
        return journal.lastSeq();
    }

    /** Up to {@code max} journaled records after {@code seq}, in order, read back from the journal. */
    public synchronized List<MirroredRecord> recordsAfter(long seq, int max) {
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

    /** The primary this store follows as its backup, if it does. */
    public synchronized Optional<String> following() {
        return mirroring.following();
    }

    /** Follows {@code primaryName}: from now on only {@link #appendMirrored} changes what is stored. */
    public synchronized void follow(String primaryName) {
        mirroring.follow(primaryName);
    }

    /** Stops following (a takeover): this store accepts changes of its own again. */
    public synchronized void lead() {
        mirroring.follow(null);
    }

    /**
     * On a backup: journals a record received from the primary verbatim (same sequence number, same
     * bytes, forced) and applies it. Returns false, changing nothing, when the record does not follow
     * the last one held ({@code prevSeq} is not this journal's last sequence number): the caller asks
     * for what lies between. A record already held is accepted again without writing.
     *
     * @throws EncoreException ASSET_MISSING when audio the record names is not in the blob store
     *     yet, BAD_ARGUMENTS when this store follows no primary or the record does not decode, BUSY
     *     once the store is closed
     */
    public synchronized boolean appendMirrored(MirroredRecord r) {
        if (closed) {
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

    /** Sessions whose current content was committed after {@code seq}: what a laptop holds that a newer primary may lack. */
    public synchronized List<StoredSession> changedAfter(long seq) {
        List<StoredSession> out = new ArrayList<>();
        for (SessionId id : state.setlist) {
            SessionHistory h = state.sessions.get(id);
            Revision head = h.revision(h.head());
            if (head != null && head.seq() > seq) {
                out.add(h.current());
            }
        }
        return out;
    }

    // ---- internals ------------------------------------------------------------------------

    /** Appends one record (durable on return), then applies it; a failure changes nothing. */
    synchronized long commit(RecordType type, ObjectNode record, String action) {
        Appended a = append(type, record, action);
        if (a == null) {
            return state.appliedSeq; // bookkeeping of a backup's preview: the primary's records are the ones kept
        }
        state.apply(a.seq(), type, record);
        checkpoints.changed();
        mirroring.committed(a.prev(), a.seq(), type, a.bytes(), record);
        return a.seq();
    }

    /**
     * {@link #commit} of a session record whose session is at hand: applied from {@code s} as it
     * is, without reading the record back. This is the save a performer waits for.
     */
    private void commitSession(ObjectNode record, StoredSession s, String action) {
        Appended a = append(RecordType.SESSION, record, action);
        if (a == null) {
            return;
        }
        state.applySession(a.seq(), record, s);
        checkpoints.changed();
        mirroring.committed(a.prev(), a.seq(), RecordType.SESSION, a.bytes(), record);
    }

    /** A record as journaled: the sequence number before it, its own, and its bytes. */
    private record Appended(long prev, long seq, byte[] bytes) {
    }

    /** Journals one record (durable on return); null when a backup's store keeps no record of this kind. */
    private Appended append(RecordType type, ObjectNode record, String action) {
        refuseIfReadOnly(action);
        if (closed) {
            throw new EncoreException(Reason.BUSY, "The store is closed; " + action + " did not happen.");
        }
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

    /** Called by {@link Checkpoints} with the state to write; returns the state's sequence number. */
    synchronized StoreState snapshotForIndex() {
        return state.copy();
    }

    synchronized void noteCheckpoint(Path image, long seq) {
        if (options.mirrored()) {
            return; // a mirrored journal holds the same records on both laptops; the image is used all the same
        }
        try {
            ObjectNode r = RecordCodec.JSON.createObjectNode().put("image", image.getFileName().toString()).put("seq", seq);
            long prev = journal.lastSeq();
            byte[] bytes = RecordCodec.cbor(r);
            long at = journal.append(RecordType.CHECKPOINT, bytes);
            state.apply(at, RecordType.CHECKPOINT, r);
            mirroring.committed(prev, at, RecordType.CHECKPOINT, bytes, r);
        } catch (IOException e) {
            LOG.info("The index image {} is written, but its checkpoint record is not ({}); it is used all the same", image, e.toString());
        }
    }

    void indexIsCurrent() {
        checkpoints.written(snapshotSeq());
    }

    synchronized long snapshotSeq() {
        return state.appliedSeq;
    }

    Disk disk() {
        return disk;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    RebuildReport report() {
        List<String> missing = new ArrayList<>();
        synchronized (this) {
            for (SessionHistory h : state.sessions.values()) {
                for (AssetId id : h.assets()) {
                    if (!blobs.exists(id)) {
                        missing.add(id + " (session '" + h.name() + "')");
                    }
                }
            }
            return new RebuildReport(state.sessions.size(), missing);
        }
    }

    private StoredSession step(RecordType type, SessionHistory h, Revision to, String action) {
        StoredSession content = contentOf(h, to);
        StoredSession s = new StoredSession(h.id(), h.name(), h.current().created(), now(), SCHEMA_VERSION,
                content.assets(), content.snapshot());
        ObjectNode r = RecordCodec.sessionRecord(s, state.sizes);
        r.put("toRev", to.number());
        commit(type, r, action);
        return s;
    }

    private StoredSession contentOf(SessionHistory h, Revision r) {
        if (r.number() == h.head()) {
            return h.current();
        }
        byte[] payload = journal.read(r.seq());
        if (payload == null) {
            throw new EncoreException(Reason.NO_SUCH_REVISION, "Revision " + r.number() + " of '" + h.name()
                    + "' cannot be read back from the journal (damaged); pick another one from /encore/history.");
        }
        StoredSession old = RecordCodec.session(RecordCodec.decode(payload, "revision " + r.number()));
        return new StoredSession(old.id(), h.name(), old.created(), old.updated(), SCHEMA_VERSION, old.assets(), old.snapshot());
    }

    private ObjectNode sessionRecord(StoredSession s, String what, int rev) {
        ObjectNode r = RecordCodec.sessionRecord(s, sizes(s.assets()));
        r.put("what", what);
        if (rev > 0) {
            r.put("rev", rev);
        }
        return r;
    }

    private Map<AssetId, Long> sizes(Set<AssetId> ids) {
        Map<AssetId, Long> sizes = new HashMap<>();
        for (AssetId id : ids) {
            // Audio a record already names keeps its recorded size (a session with 700 tracks would
            // otherwise pay 700 file look-ups per save); new audio is looked up, which also refuses
            // a save naming audio that was never stored.
            Long known = state.sizes.get(id);
            sizes.put(id, known != null ? known : blobs.length(id));
        }
        return sizes;
    }

    private void refuseIfReadOnly(String action) {
        if (readOnly) {
            throw new IllegalStateException("This store of " + dataDir + " was opened read-only; " + action
                    + " did not happen. Changes go through the Encore that holds the folder.");
        }
    }

    private SessionHistory require(SessionId id) {
        SessionHistory h = state.sessions.get(id);
        if (h == null) {
            throw new EncoreException(Reason.NO_SUCH_SESSION, "There is no session with id " + id + ".");
        }
        return h;
    }

    private void requireFreeName(String clean, SessionId self) {
        SessionId owner = state.names.get(Names.key(clean));
        if (owner != null && !owner.equals(self)) {
            throw new EncoreException(Reason.NAME_TAKEN, "A session named '" + clean + "' already exists.");
        }
    }

    /** Times are kept to the millisecond, so a record read back equals the one that was written. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String draftKey(SessionId session) {
        return session == null ? UNTITLED : session.value();
    }
}
