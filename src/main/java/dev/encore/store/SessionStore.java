package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

/**
 * Encore's storage. Every change is one self-contained record appended to the {@link Journal}
 * and forced to disk before the method returns ({@link Commits}); only then does the in-memory
 * {@link StoreState} take it, and reads are served from that state ({@link Catalog}). The MapDB
 * {@link IndexImage} is written off the save path by {@link Checkpoints}. Every save is a revision
 * that {@link #undo} can step back to ({@link Revisions}); deleted sessions can be brought back.
 * A failed commit changes nothing, stored or in memory. This class wires those parts and keeps
 * the public face; each part gets only the state, journal and blob store it uses.
 *
 * <p>Thread-safe; meant to be called from the engine thread. The parts share one lock, the
 * state's monitor.
 */
public final class SessionStore implements AutoCloseable {
    public static final int SCHEMA_VERSION = SchemaMigration.CURRENT;

    private final Path dataDir;
    private final BlobStore blobs;
    private final FolderLock lock;
    private final boolean readOnly;
    private final StoreMirroring mirroring;
    private final Checkpoints checkpoints;
    private final Commits commits;
    private final Catalog catalog;
    private final SessionChanges changes;
    private final Revisions revisions;
    private final Bookkeeping bookkeeping;
    private final AssetUpkeep assets;
    private final Compaction compaction;
    private final MirroredJournal mirrored;
    private final Imports imports;
    private Thread warmup;

    SessionStore(Path dataDir, Disk disk, Clock clock, FolderLock lock, Journal journal, StoreState state, BlobStore blobs, StoreOptions options,
            boolean readOnly) {
        this.dataDir = dataDir;
        this.blobs = blobs;
        this.lock = lock;
        this.readOnly = readOnly;
        this.mirroring = new StoreMirroring(options.mirrored());
        this.checkpoints = new Checkpoints(dataDir, disk, state, journal, mirroring, options);
        this.commits = new Commits(dataDir, clock, journal, state, checkpoints, mirroring, readOnly);
        this.catalog = new Catalog(state);
        this.changes = new SessionChanges(state, commits, blobs);
        this.revisions = new Revisions(state, journal, commits);
        this.bookkeeping = new Bookkeeping(state, catalog, commits, blobs);
        this.assets = new AssetUpkeep(state, blobs, commits);
        this.compaction = new Compaction(state, journal, commits, checkpoints, mirroring, assets, options);
        this.mirrored = new MirroredJournal(state, journal, blobs, commits, checkpoints, mirroring, catalog, disk);
        this.imports = new Imports(catalog, changes);
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

    /** As {@link #open(Path, Disk, Clock, StoreOptions)} on the local disk, with the default options. */
    public static SessionStore open(Path dataDir) {
        return open(dataDir, Disk.local(), Clock.systemUTC(), StoreOptions.DEFAULTS);
    }

    /**
     * Opens the store in {@code dataDir} (created if missing): takes the folder's lock, reads the
     * journal (quarantining damage), loads the newest usable index image and replays the journal
     * after it. Nothing that holds a record is ever deleted. See {@link StoreOpening}.
     */
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
            return store.assets.missing();
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
        assets.setLiveRoots(roots);
    }

    /** Every session in setlist order, from memory: no snapshot decoded, no audio read. */
    public List<SessionSummary> list() {
        return catalog.list();
    }

    public List<SessionId> setlist() {
        return catalog.setlist();
    }

    public Optional<StoredSession> find(SessionId id) {
        return catalog.find(id);
    }

    public Optional<StoredSession> findByName(String name) {
        return catalog.findByName(name);
    }

    public boolean nameTaken(String name) {
        return catalog.nameTaken(name);
    }

    /** Commits a new session at the end of the setlist. */
    public StoredSession create(String name, ObjectNode snapshot, Set<AssetId> assets) {
        return changes.create(name, snapshot, assets);
    }

    /** Commits new content for an existing session (its name stays) as a new revision and drops its draft. */
    public StoredSession update(SessionId id, ObjectNode snapshot, Set<AssetId> assets) {
        return changes.update(id, snapshot, assets);
    }

    public StoredSession rename(SessionId id, String newName) {
        return changes.rename(id, newName);
    }

    /**
     * Deletes a session and its draft. Its revisions and audio are retained (see
     * {@link StoreOptions#deletedRetentionDays()}) so that {@link #undelete} can bring it back.
     */
    public void delete(SessionId id) {
        changes.delete(id);
    }

    /** Moves the session at {@code fromIndex} to {@code toIndex} (both 0-based) in the setlist. */
    public void move(int fromIndex, int toIndex) {
        changes.move(fromIndex, toIndex);
    }

    /**
     * The retained revisions of every session: history, older revisions, undo and redo.
     *
     * @return the revisions part of this store
     */
    public Revisions revisions() {
        return revisions;
    }

    /** Brings back the most recently deleted session at its old position (a unique name if its own is taken). */
    public StoredSession undelete() {
        return changes.undelete();
    }

    /**
     * What the engine keeps beside the sessions: drafts, the open session, engine bookkeeping and
     * the stem cache.
     *
     * @return that part of this store
     */
    public Bookkeeping bookkeeping() {
        return bookkeeping;
    }

    /** Maps an asset read-only, checking its length against the one its records name. */
    public MappedAsset map(AssetId id) {
        return assets.map(id);
    }

    /**
     * Audio upkeep: collecting what no record uses any more, and the pre-show check.
     *
     * @return that part of this store
     */
    public AssetUpkeep upkeep() {
        return assets;
    }

    /**
     * Applies the retention policy and rewrites the journal to hold only what is retained: the
     * newest revisions of each session, deleted sessions still within their days, then one record
     * of the whole state. Crash-safe at every step (see {@link Journal#compact}). Afterwards the
     * audio that only dropped revisions used is collected. Returns what was collected.
     */
    public Set<AssetId> compact() {
        return compaction.compact();
    }

    /**
     * Warms the save path in the background (see {@link SaveWarmup}) on the shape of the session
     * most likely saved next: the active one, else the one saved last, with its snapshot and its
     * audio. A long-running process (the daemon, a host) calls this once after opening, so the
     * first save on stage does not run in the interpreter; a short command has no need.
     */
    public synchronized void warmUpSaves() {
        if (warmup == null && !commits.closed() && !readOnly) {
            warmup = SaveWarmup.startFor(catalog);
        }
    }

    /** Writes the index image now (normally done after a quiet spell and at close). */
    public void checkpoint() {
        commits.refuseIfReadOnly("writing an index image");
        checkpoints.runNow();
    }

    /**
     * Compacts when it is due ({@link Compaction#dueAtClose}), writes a last index image, closes the
     * journal and lets go of the folder.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (!readOnly && !commits.closed()) {
                compaction.atClose(StoreOpening.COMPACT_AFTER_BYTES);
            }
            if (!commits.close()) {
                return;
            }
            if (warmup != null) {
                warmup.interrupt();
            }
        }
        if (!readOnly) {
            checkpoints.close();
        }
        commits.closeJournal();
        if (lock != null) {
            lock.close();
        }
    }

    /**
     * Lets go of the files as a process that died would: no index image, no last record. For
     * tests of what a crash leaves behind, in the same JVM.
     */
    void abandon() {
        commits.close();
        checkpoints.stop();
        commits.abandonJournal();
        lock.close();
    }

    /**
     * The journal as a mirror uses it: records to ship, records received, following a primary.
     *
     * @return the mirrored journal of this store
     */
    public MirroredJournal mirrored() {
        return mirrored;
    }

    /**
     * Sessions from a show bundle or another laptop: known ids, free names, revisions that keep their ids.
     *
     * @return that part of this store
     */
    public Imports imports() {
        return imports;
    }

    /** Appends one record (durable on return), then applies it; see {@link Commits#commit}. */
    long commit(RecordType type, ObjectNode record, String action) {
        return commits.commit(type, record, action);
    }

    /** The index image just read holds everything: no new image is due at close. */
    void indexIsCurrent() {
        checkpoints.current();
    }

    /** See {@link Compaction#dueAtOpen}. */
    boolean compactionDueAtOpen(long maxJournalBytes) {
        return compaction.dueAtOpen(maxJournalBytes);
    }

    /** A copy of the whole state, as an index image would hold it. */
    StoreState snapshotForIndex() {
        return catalog.copy();
    }
}
