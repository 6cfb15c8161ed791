package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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
 * Encore's storage: session metadata in a transactional MapDB index, audio in the content-addressed
 * {@link BlobStore} beside it, and a JSON manifest per session for recovery. Every mutation is one
 * small commit that is durable when the method returns, whatever the audio; a failure leaves every
 * earlier commit intact. Listing reads neither snapshots nor audio.
 *
 * <p>Thread-safe; meant to be called from the engine thread.
 */
public final class SessionStore implements AutoCloseable {
    public static final int SCHEMA_VERSION = SchemaMigration.CURRENT;
    static final String UNTITLED = "untitled";
    /** Present while a store is open; found at start, it means the last run did not close cleanly. */
    static final String OPEN_MARKER = "index.open";
    static final String META_SCHEMA = "schema";
    static final String META_SETLIST = "setlist";
    static final String META_ACTIVE = "active";
    static final String META_USER = "x.";
    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

    final Path dataDir;
    private final Disk disk;
    private final Clock clock;
    final MapDbCatalog catalog;
    final AssetIndex assetIndex;
    final BlobStore blobs;
    final Manifests manifests;
    final Summaries summaries;
    private volatile Supplier<Set<AssetId>> liveRoots = Set::of;
    final IndexRepair repair = new IndexRepair(this);
    private final Bookkeeping bookkeeping = new Bookkeeping(this);

    SessionStore(Path dataDir, Disk disk, Clock clock, MapDbCatalog catalog, BlobStore blobs, Manifests manifests) {
        this.dataDir = dataDir;
        this.disk = disk;
        this.clock = clock;
        this.catalog = catalog;
        this.assetIndex = new AssetIndex(catalog);
        this.blobs = blobs;
        this.manifests = manifests;
        this.summaries = new Summaries(catalog, assetIndex);
    }

    public static SessionStore open(Path dataDir) {
        return open(dataDir, Disk.local(), Clock.systemUTC());
    }

    /**
     * Opens the store in {@code dataDir} (created if missing), checks the index, repairs derived
     * entries, removes leftovers of a crash, and collects audio nothing references. A damaged index
     * is refused with {@link Reason#STORE_DAMAGED}, never replaced by an empty one; after an
     * unclean shutdown the index is rebuilt from the manifests. See {@link StoreOpening}.
     */
    public static SessionStore open(Path dataDir, Disk disk, Clock clock) {
        return StoreOpening.open(dataDir, disk, clock);
    }

    /** Rebuilds a lost or damaged index from the manifests and blobs; see {@link StoreRebuild}. */
    public static RebuildReport rebuild(Path dataDir) {
        return StoreRebuild.rebuild(dataDir, Disk.local(), Clock.systemUTC());
    }

    public Path dataDir() {
        return dataDir;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** Assets the live state holds (tracks not yet saved); collection never deletes them. */
    public void setLiveRoots(Supplier<Set<AssetId>> roots) {
        this.liveRoots = roots;
    }

    // ---- sessions -------------------------------------------------------------------------

    /** Every session in setlist order, from the in-memory summaries: no snapshot, no audio read. */
    public synchronized List<SessionSummary> list() {
        return summaries.list(catalog.drafts::containsKey);
    }

    public synchronized List<SessionId> setlist() {
        return summaries.setlist();
    }

    public synchronized Optional<StoredSession> find(SessionId id) {
        byte[] bytes = catalog.sessions.get(id.value());
        return bytes == null ? Optional.empty() : Optional.of(RecordCodec.session(id, RecordCodec.decode(bytes, "session " + id)));
    }

    public synchronized Optional<StoredSession> findByName(String name) {
        String id = catalog.names.get(Names.key(name));
        return id == null ? Optional.empty() : find(SessionId.of(id));
    }

    public synchronized boolean nameTaken(String name) {
        return catalog.names.containsKey(Names.key(name));
    }

    /** Commits a new session at the end of the setlist. */
    public synchronized StoredSession create(String name, ObjectNode snapshot, Set<AssetId> assets) {
        String clean = Names.clean(name);
        requireFreeName(clean, null);
        SessionId id;
        do {
            id = SessionId.random();
        } while (catalog.sessions.containsKey(id.value()));
        Instant now = now();
        StoredSession s = new StoredSession(id, clean, now, now, SCHEMA_VERSION, assets, snapshot);
        List<SessionId> order = new ArrayList<>(summaries.setlist());
        order.add(id);
        commitSession(s, null, order, false);
        return s;
    }

    /** Commits new content for an existing session (its name stays) and drops its draft. */
    public synchronized StoredSession update(SessionId id, ObjectNode snapshot, Set<AssetId> assets) {
        StoredSession old = require(id);
        StoredSession s = new StoredSession(id, old.name(), old.created(), now(), SCHEMA_VERSION, assets, snapshot);
        commitSession(s, old, null, true);
        return s;
    }

    public synchronized StoredSession rename(SessionId id, String newName) {
        StoredSession old = require(id);
        String clean = Names.clean(newName);
        requireFreeName(clean, id);
        StoredSession s = new StoredSession(id, clean, old.created(), now(), SCHEMA_VERSION, old.assets(), old.snapshot());
        commitSession(s, old, null, false);
        return s;
    }

    /** Deletes a session and its draft; audio it shared with other sessions stays, the rest is collected. */
    public synchronized void delete(SessionId id) {
        StoredSession old = require(id);
        List<SessionId> order = new ArrayList<>(summaries.setlist());
        order.remove(id);
        SessionId active = active().filter(a -> !a.equals(id)).orElse(null);
        catalog.transact("deleting session '" + old.name() + "'", () -> {
            catalog.sessions.remove(id.value());
            catalog.summaries.remove(id.value());
            catalog.names.remove(Names.key(old.name()));
            assetIndex.reference(AssetIndex.sessionRef(id), old.assets(), Set.of(), Map.of());
            bookkeeping.removeDraft(id.value());
            catalog.meta.put(META_SETLIST, Summaries.joinIds(order));
            putOrRemove(META_ACTIVE, active == null ? null : active.value());
        });
        summaries.remove(id, order);
        bookkeeping.forgetDraftManifest(id.value());
        try {
            manifests.deleteSession(id);
            manifests.writeSetlist(order, active);
        } catch (IOException e) {
            LOG.warn("Session '{}' is deleted, but its manifest could not be removed ({}); a rebuild would bring it back", old.name(), e.toString());
        }
        collect(Set.of());
    }

    /** Moves the session at {@code fromIndex} to {@code toIndex} (both 0-based) in the setlist. */
    public synchronized void move(int fromIndex, int toIndex) {
        List<SessionId> order = new ArrayList<>(summaries.setlist());
        if (fromIndex < 0 || fromIndex >= order.size() || toIndex < 0 || toIndex >= order.size()) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "Positions " + (fromIndex + 1) + " and " + (toIndex + 1)
                    + " must both be between 1 and " + order.size() + ".");
        }
        order.add(toIndex, order.remove(fromIndex));
        writeSetlistManifest(order, active().orElse(null), "reordering the setlist");
        catalog.transact("reordering the setlist", () -> catalog.meta.put(META_SETLIST, Summaries.joinIds(order)));
        summaries.reorder(order);
    }

    // ---- drafts, active session, bookkeeping ------------------------------------------------

    /** Journals unsaved live changes with their session ({@code null}: no session yet). */
    public synchronized void putDraft(SessionId session, ObjectNode snapshot, Set<AssetId> assets) {
        bookkeeping.putDraft(session, snapshot, assets, sizes(assets), now());
    }

    public synchronized Optional<StoredDraft> draft(SessionId session) {
        return bookkeeping.draft(session);
    }

    public synchronized void dropDraft(SessionId session) {
        bookkeeping.dropDraft(session);
    }

    public synchronized Optional<SessionId> active() {
        String id = catalog.meta.get(META_ACTIVE);
        return id == null || !catalog.sessions.containsKey(id) ? Optional.empty() : Optional.of(SessionId.of(id));
    }

    public synchronized void setActive(SessionId session) {
        if (session != null) {
            require(session);
        }
        if (active().equals(Optional.ofNullable(session))) {
            return;
        }
        writeSetlistManifest(summaries.setlist(), session, "recording the active session");
        catalog.transact("recording the active session", () -> putOrRemove(META_ACTIVE, session == null ? null : session.value()));
    }

    /** Small engine bookkeeping (the crash-loop guard, for one), durable and rebuilt with the index. */
    public synchronized Optional<String> meta(String key) {
        return bookkeeping.meta(key);
    }

    public synchronized void putMeta(String key, String value) {
        bookkeeping.putMeta(key, value);
    }

    // ---- audio ----------------------------------------------------------------------------

    /** Maps an asset read-only, checking its length against the index when it is referenced. */
    public MappedAsset map(AssetId id) {
        long expected;
        synchronized (this) {
            expected = assetIndex.size(id);
        }
        return blobs.map(id, expected);
    }

    /** Stems already extracted for a key (source PCM, extractor and version), shared by all sessions. */
    public synchronized Optional<Map<String, AssetId>> cachedStems(String key) {
        return assetIndex.stems(key);
    }

    public synchronized void putCachedStems(String key, Map<String, AssetId> stems) {
        bookkeeping.putCachedStems(key, stems);
    }

    /**
     * Deletes audio that no session or draft references, that is not in {@code extraRoots} or the
     * live roots, and that was not written since start (fresh). Returns what was deleted.
     */
    public synchronized Set<AssetId> collect(Set<AssetId> extraRoots) {
        Set<AssetId> keep = assetIndex.referenced();
        keep.addAll(extraRoots);
        keep.addAll(liveRoots.get());
        Set<AssetId> deleted = blobs.collect(keep::contains);
        if (!deleted.isEmpty()) {
            LOG.info("Collected {} audio asset(s) no session uses any more", deleted.size());
            bookkeeping.forgetStems(deleted);
        }
        return deleted;
    }

    /** Reads every referenced asset in full and checks its hash: the pre-show check. */
    public CheckReport check(DoubleConsumer progress) {
        return new AssetCheck(this).run(progress);
    }

    /** Closes the index; the next open knows the shutdown was clean. */
    @Override
    public synchronized void close() {
        if (catalog.isClosed()) {
            return;
        }
        catalog.close();
        try {
            disk.delete(dataDir.resolve(OPEN_MARKER));
            disk.syncDirectory(dataDir);
        } catch (IOException e) {
            LOG.warn("Could not record the clean shutdown in {} ({}); the next start rebuilds the index", dataDir, e.toString());
        }
    }

    // ---- internals ------------------------------------------------------------------------

    private void commitSession(StoredSession s, StoredSession old, List<SessionId> newOrder, boolean dropDraft) {
        Map<AssetId, Long> sizes = sizes(s.assets());
        long audioBytes = sizes.values().stream().mapToLong(Long::longValue).sum();
        ObjectNode record = RecordCodec.sessionRecord(s);
        String action = "saving session '" + s.name() + "'";
        try {
            manifests.writeSession(record, s.id());
        } catch (IOException e) {
            throw StorageFailure.of(e, action);
        }
        if (newOrder != null) {
            writeSetlistManifest(newOrder, active().orElse(null), action);
        }
        try {
            catalog.transact(action, () -> {
                catalog.sessions.put(s.id().value(), RecordCodec.cbor(record));
                catalog.summaries.put(s.id().value(), Summaries.encode(s, audioBytes));
                if (old != null) {
                    catalog.names.remove(Names.key(old.name()));
                }
                if (dropDraft) {
                    bookkeeping.removeDraft(s.id().value());
                }
                catalog.names.put(Names.key(s.name()), s.id().value());
                assetIndex.reference(AssetIndex.sessionRef(s.id()), old == null ? Set.of() : old.assets(), s.assets(), sizes);
                if (newOrder != null) {
                    catalog.meta.put(META_SETLIST, Summaries.joinIds(newOrder));
                }
            });
        } catch (EncoreException e) {
            restoreManifest(old, s.id());
            throw e;
        }
        summaries.put(s, audioBytes, newOrder);
        blobs.adopt(s.assets());
        if (dropDraft) {
            bookkeeping.forgetDraftManifest(s.id().value());
        }
    }

    private void restoreManifest(StoredSession old, SessionId id) {
        try {
            if (old == null) {
                manifests.deleteSession(id);
            } else {
                manifests.writeSession(RecordCodec.sessionRecord(old), id);
            }
        } catch (IOException e) {
            LOG.warn("Could not restore the manifest of session {}: {}", id, e.toString());
        }
    }

    void writeSetlistManifest(List<SessionId> order, SessionId active, String action) {
        try {
            manifests.writeSetlist(order, active);
        } catch (IOException e) {
            throw StorageFailure.of(e, action);
        }
    }

    private Map<AssetId, Long> sizes(Set<AssetId> ids) {
        Map<AssetId, Long> sizes = new HashMap<>();
        for (AssetId id : ids) {
            sizes.put(id, blobs.length(id));
        }
        return sizes;
    }

    void putOrRemove(String key, String value) {
        if (value == null) {
            catalog.meta.remove(key);
        } else {
            catalog.meta.put(key, value);
        }
    }

    StoredSession require(SessionId id) {
        return find(id).orElseThrow(() -> new EncoreException(Reason.NO_SUCH_SESSION, "There is no session with id " + id + "."));
    }

    private void requireFreeName(String clean, SessionId self) {
        String owner = catalog.names.get(Names.key(clean));
        if (owner != null && (self == null || !owner.equals(self.value()))) {
            throw new EncoreException(Reason.NAME_TAKEN, "A session named '" + clean + "' already exists.");
        }
    }

    /** Times are kept to the millisecond, so a record read back equals the one that was written. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    static String draftKey(SessionId session) {
        return session == null ? UNTITLED : session.value();
    }


}
