package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.file.Files;
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
    private static final String META_SCHEMA = "schema";
    private static final String META_SETLIST = "setlist";
    private static final String META_ACTIVE = "active";
    private static final String META_USER = "x.";
    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

    private final Path dataDir;
    private final Disk disk;
    private final Clock clock;
    private final MapDbCatalog catalog;
    private final AssetIndex assetIndex;
    private final BlobStore blobs;
    private final Manifests manifests;
    private final Summaries summaries;
    private volatile Supplier<Set<AssetId>> liveRoots = Set::of;

    private SessionStore(Path dataDir, Disk disk, Clock clock, MapDbCatalog catalog, BlobStore blobs, Manifests manifests) {
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
     * is refused with {@link Reason#STORE_DAMAGED}, never replaced by an empty one.
     */
    public static SessionStore open(Path dataDir, Disk disk, Clock clock) {
        Path marker = dataDir.resolve(OPEN_MARKER);
        boolean crashed;
        try {
            Files.createDirectories(dataDir);
            crashed = Files.exists(marker);
        } catch (IOException e) {
            throw StorageFailure.of(e, "opening the data folder " + dataDir);
        }
        if (crashed) {
            // MapDB 3.1 does not replay its write-ahead log on open, so an index that was being
            // committed when the process died cannot be trusted; the manifests written before
            // every commit hold everything that was acknowledged.
            LOG.warn("Encore did not shut down cleanly; rebuilding the session index from the manifests in {}", dataDir);
            StoreRebuild.recoverAfterCrash(dataDir, disk, clock);
        }
        try {
            disk.writeAtomically(marker, new byte[0]);
        } catch (IOException e) {
            throw StorageFailure.of(e, "opening the data folder " + dataDir);
        }
        SessionStore store = openIndex(dataDir, disk, clock);
        try {
            store.checkAgainstManifests();
            store.collect(Set.of());
            return store;
        } catch (RuntimeException e) {
            store.catalog.close();
            throw e;
        }
    }

    /** Rebuilds a lost or damaged index from the manifests and blobs; see {@link StoreRebuild}. */
    public static RebuildReport rebuild(Path dataDir) {
        return StoreRebuild.rebuild(dataDir, Disk.local(), Clock.systemUTC());
    }

    static SessionStore openIndex(Path dataDir, Disk disk, Clock clock) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw StorageFailure.of(e, "creating the data folder " + dataDir);
        }
        MapDbCatalog catalog = MapDbCatalog.open(dataDir);
        try {
            BlobStore blobs = BlobStore.open(dataDir.resolve("blobs"), disk);
            Manifests manifests = new Manifests(dataDir, disk);
            manifests.init();
            SessionStore store = new SessionStore(dataDir, disk, clock, catalog, blobs, manifests);
            store.checkIndex();
            return store;
        } catch (IOException e) {
            catalog.close();
            throw StorageFailure.of(e, "opening the data folder " + dataDir);
        } catch (EncoreException e) {
            catalog.close();
            throw e;
        } catch (RuntimeException e) {
            catalog.close();
            throw MapDbCatalog.damaged(dataDir, e);
        }
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
        mutate("deleting session '" + old.name() + "'", () -> {
            catalog.sessions.remove(id.value());
            catalog.summaries.remove(id.value());
            catalog.names.remove(Names.key(old.name()));
            assetIndex.reference(AssetIndex.sessionRef(id), old.assets(), Set.of(), Map.of());
            removeDraft(id.value());
            catalog.meta.put(META_SETLIST, Summaries.joinIds(order));
            putOrRemove(META_ACTIVE, active == null ? null : active.value());
        });
        summaries.remove(id, order);
        forgetDraftManifest(id.value());
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
        mutate("reordering the setlist", () -> catalog.meta.put(META_SETLIST, Summaries.joinIds(order)));
        summaries.reorder(order);
    }

    // ---- drafts, active session, bookkeeping ------------------------------------------------

    /** Journals unsaved live changes with their session ({@code null}: no session yet). */
    public synchronized void putDraft(SessionId session, ObjectNode snapshot, Set<AssetId> assets) {
        String key = draftKey(session);
        Set<AssetId> before = draft(session).map(StoredDraft::assets).orElse(Set.of());
        Map<AssetId, Long> sizes = sizes(assets);
        StoredDraft d = new StoredDraft(session, now(), assets, snapshot);
        ObjectNode record = RecordCodec.draftRecord(d);
        try {
            manifests.writeDraft(key, record);
        } catch (IOException e) {
            throw StorageFailure.of(e, "saving the draft");
        }
        mutate("saving the draft", () -> {
            catalog.drafts.put(key, RecordCodec.cbor(record));
            assetIndex.reference(AssetIndex.draftRef(key), before, assets, sizes);
        });
        blobs.adopt(assets);
    }

    public synchronized Optional<StoredDraft> draft(SessionId session) {
        byte[] bytes = catalog.drafts.get(draftKey(session));
        return bytes == null ? Optional.empty() : Optional.of(RecordCodec.draft(session, RecordCodec.decode(bytes, "draft")));
    }

    public synchronized void dropDraft(SessionId session) {
        if (catalog.drafts.containsKey(draftKey(session))) {
            mutate("dropping the draft", () -> removeDraft(draftKey(session)));
            forgetDraftManifest(draftKey(session));
        }
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
        mutate("recording the active session", () -> putOrRemove(META_ACTIVE, session == null ? null : session.value()));
    }

    public synchronized Optional<String> meta(String key) {
        return Optional.ofNullable(catalog.meta.get(META_USER + key));
    }

    public synchronized void putMeta(String key, String value) {
        Map<String, String> all = new java.util.TreeMap<>();
        catalog.meta.forEach((k, v) -> {
            if (k.startsWith(META_USER)) {
                all.put(k.substring(META_USER.length()), v);
            }
        });
        if (value == null) {
            all.remove(key);
        } else {
            all.put(key, value);
        }
        try {
            manifests.writeMeta(all);
        } catch (IOException e) {
            throw StorageFailure.of(e, "recording engine state");
        }
        mutate("recording engine state", () -> putOrRemove(META_USER + key, value));
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

    public synchronized Optional<Map<String, AssetId>> cachedStems(String key) {
        return assetIndex.stems(key);
    }

    public synchronized void putCachedStems(String key, Map<String, AssetId> stems) {
        mutate("caching stems", () -> assetIndex.putStems(key, stems));
        writeStemsManifest();
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
            if (!catalog.stems.isEmpty()) {
                mutate("updating the stem cache", () -> assetIndex.forgetStems(deleted));
                writeStemsManifest();
            }
        }
        return deleted;
    }

    /** Reads every referenced asset in full and checks its hash: the pre-show check. */
    public CheckReport check(DoubleConsumer progress) {
        List<AssetId> ids;
        synchronized (this) {
            ids = new ArrayList<>(assetIndex.referenced());
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            AssetId id = ids.get(i);
            try {
                blobs.verify(id);
            } catch (EncoreException e) {
                problems.add(e.getMessage() + " Used by " + usersOf(id) + ".");
            }
            progress.accept((i + 1) / (double) ids.size());
        }
        return new CheckReport(ids.size(), problems);
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

    // ---- start-up checks and rebuild ---------------------------------------------------------

    /**
     * Checks the index and repairs what is derived from the session records (summaries, name
     * index, setlist membership); records without a summary are older-schema ones written by an
     * earlier version and are indexed here. Undecodable records make the store refuse to open.
     */
    private void checkIndex() {
        String schema = catalog.meta.get(META_SCHEMA);
        if (schema != null && Integer.parseInt(schema) > SCHEMA_VERSION) {
            throw new EncoreException(Reason.STORE_DAMAGED, "The data folder " + dataDir + " was written by a newer Encore (schema "
                    + schema + "); this one knows up to " + SCHEMA_VERSION + ". Use the newer Encore.");
        }
        freshIndex = schema == null && catalog.sessions.isEmpty();
        List<SessionId> order = new ArrayList<>(Summaries.parseIds(catalog.meta.get(META_SETLIST)));
        List<String> repaired = new ArrayList<>();
        mutate("checking the session index", () -> {
            for (String key : List.copyOf(catalog.sessions.keySet())) {
                SessionId id = SessionId.of(key);
                StoredSession s = RecordCodec.session(id, RecordCodec.decode(catalog.sessions.get(key), "session " + key));
                if (!catalog.summaries.containsKey(key)) {
                    String name = uniqueName(s.name(), id);
                    s = new StoredSession(id, name, s.created(), s.updated(), SCHEMA_VERSION, s.assets(), s.snapshot());
                    catalog.summaries.put(key, Summaries.encode(s, assetIndex.totalBytes(s.assets())));
                    catalog.names.put(Names.key(name), key);
                    repaired.add(name);
                }
                if (!order.contains(id)) {
                    order.add(id);
                }
            }
            order.removeIf(id -> !catalog.sessions.containsKey(id.value()));
            catalog.summaries.keySet().removeIf(k -> !catalog.sessions.containsKey(k));
            catalog.names.values().removeIf(v -> !catalog.sessions.containsKey(v));
            catalog.meta.put(META_SETLIST, Summaries.joinIds(order));
            catalog.meta.put(META_SCHEMA, Integer.toString(SCHEMA_VERSION));
        });
        if (!repaired.isEmpty()) {
            LOG.info("Indexed {} session(s) stored in an older form: {}", repaired.size(), repaired);
        }
        summaries.reload(catalog);
    }

    private boolean freshIndex;

    /**
     * A brand-new index beside existing manifests means the index file was lost: starting would
     * hide every session (and collect their audio), so refuse and name the rebuild. Otherwise
     * manifests of sessions the index does not hold (a crash between the two writes) are removed
     * and missing manifests are written.
     */
    private void checkAgainstManifests() {
        try {
            List<Manifests.Entry> found = manifests.readSessions();
            if (freshIndex && !found.isEmpty()) {
                throw new EncoreException(Reason.STORE_DAMAGED, "The session index in " + dataDir + " is missing, but "
                        + found.size() + " session manifest(s) exist. Encore did not start. Restore them with: "
                        + "java -jar encore.jar --rebuild --data " + dataDir);
            }
            Set<SessionId> withManifest = new java.util.HashSet<>();
            for (Manifests.Entry e : found) {
                SessionId id = SessionId.of(e.key());
                if (!catalog.sessions.containsKey(e.key())) {
                    LOG.info("Removing manifest {} of a session the index does not hold (unfinished save or delete)", id);
                    manifests.deleteSession(id);
                } else {
                    withManifest.add(id);
                }
            }
            for (SessionId id : summaries.setlist()) {
                if (!withManifest.contains(id)) {
                    manifests.writeSession(RecordCodec.sessionRecord(require(id)), id);
                }
            }
        } catch (IOException e) {
            throw StorageFailure.of(e, "checking the session manifests");
        }
    }

    /** Puts a session read from a manifest back into the index; returns the assets it lacks. */
    synchronized List<AssetId> restore(StoredSession s) {
        Map<AssetId, Long> sizes = new HashMap<>();
        List<AssetId> missing = new ArrayList<>();
        for (AssetId id : s.assets()) {
            if (blobs.exists(id)) {
                sizes.put(id, blobs.length(id));
            } else {
                missing.add(id);
            }
        }
        StoredSession r = new StoredSession(s.id(), uniqueName(s.name(), s.id()), s.created(), s.updated(), SCHEMA_VERSION,
                s.assets(), s.snapshot());
        long audioBytes = sizes.values().stream().mapToLong(Long::longValue).sum();
        mutate("rebuilding session '" + r.name() + "'", () -> {
            catalog.sessions.put(r.id().value(), RecordCodec.cbor(RecordCodec.sessionRecord(r)));
            catalog.summaries.put(r.id().value(), Summaries.encode(r, audioBytes));
            catalog.names.put(Names.key(r.name()), r.id().value());
            assetIndex.reference(AssetIndex.sessionRef(r.id()), Set.of(), r.assets(), sizes);
        });
        summaries.put(r, audioBytes, null);
        return missing;
    }

    /** Sets the setlist (ids the index lacks are dropped, ones it has but not listed are appended). */
    synchronized void restoreOrder(List<SessionId> wanted, SessionId active) {
        List<SessionId> order = new ArrayList<>();
        wanted.stream().filter(id -> catalog.sessions.containsKey(id.value()) && !order.contains(id)).forEach(order::add);
        summaries.setlist().stream().filter(id -> !order.contains(id)).forEach(order::add);
        writeSetlistManifest(order, active, "rebuilding the setlist");
        mutate("rebuilding the setlist", () -> {
            catalog.meta.put(META_SETLIST, Summaries.joinIds(order));
            putOrRemove(META_ACTIVE, active != null && catalog.sessions.containsKey(active.value()) ? active.value() : null);
        });
        summaries.reload(catalog);
    }

    /** Puts a draft read from its manifest back into the index. */
    synchronized void restoreDraft(String key, ObjectNode record) {
        Set<AssetId> assets = RecordCodec.assets(record.get("assets"));
        Map<AssetId, Long> sizes = new HashMap<>();
        assets.stream().filter(blobs::exists).forEach(id -> sizes.put(id, blobs.length(id)));
        mutate("rebuilding a draft", () -> {
            catalog.drafts.put(key, RecordCodec.cbor(record));
            assetIndex.reference(AssetIndex.draftRef(key), Set.of(), assets, sizes);
        });
    }

    /** Puts the engine's bookkeeping and the stem cache back from their manifests. */
    synchronized void restoreMetaAndStems(ObjectNode meta, ObjectNode stems) {
        mutate("rebuilding engine state", () -> {
            meta.fields().forEachRemaining(f -> catalog.meta.put(META_USER + f.getKey(), f.getValue().asText()));
            stems.fields().forEachRemaining(f -> {
                Map<String, AssetId> entry = new java.util.TreeMap<>();
                f.getValue().fields().forEachRemaining(e -> entry.put(e.getKey(), AssetId.of(e.getValue().asText())));
                assetIndex.putStems(f.getKey(), entry);
            });
        });
    }

    private String uniqueName(String wanted, SessionId self) {
        String name = Names.clean(wanted);
        for (int n = 2; ; n++) {
            String owner = catalog.names.get(Names.key(name));
            if (owner == null || owner.equals(self.value())) {
                return name;
            }
            name = Names.clean(wanted) + " (" + n + ")";
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
            mutate(action, () -> {
                catalog.sessions.put(s.id().value(), RecordCodec.cbor(record));
                catalog.summaries.put(s.id().value(), Summaries.encode(s, audioBytes));
                if (old != null) {
                    catalog.names.remove(Names.key(old.name()));
                }
                if (dropDraft) {
                    removeDraft(s.id().value());
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
            forgetDraftManifest(s.id().value());
        }
    }

    /**
     * The draft is gone from the index; its file goes after the commit. A crash in between leaves
     * a stale draft (the state just saved), never a lost save.
     */
    private void forgetDraftManifest(String key) {
        try {
            manifests.deleteDraft(key);
        } catch (IOException e) {
            LOG.warn("Could not remove the draft file of {}: {}", key, e.toString());
        }
    }

    private void writeStemsManifest() {
        ObjectNode all = RecordCodec.JSON.createObjectNode();
        for (String key : new java.util.TreeSet<>(catalog.stems.keySet())) {
            ObjectNode entry = all.putObject(key);
            assetIndex.stems(key).orElseThrow().forEach((name, id) -> entry.put(name, id.hex()));
        }
        try {
            manifests.writeStems(all);
        } catch (IOException e) {
            LOG.warn("Could not write the stem cache file: {}", e.toString());
        }
    }

    /** Runs one transaction: everything in {@code change} is committed durably, or nothing is. */
    private void mutate(String action, Runnable change) {
        try {
            change.run();
            catalog.commit();
        } catch (RuntimeException e) {
            try {
                catalog.rollback();
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            if (e instanceof EncoreException ee) {
                throw ee;
            }
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw StorageFailure.of(io, action);
            }
            throw new EncoreException(Reason.STORAGE_FAILURE, "The session index failed while " + action + ": " + e, e);
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

    private void writeSetlistManifest(List<SessionId> order, SessionId active, String action) {
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

    private void removeDraft(String key) {
        byte[] bytes = catalog.drafts.remove(key);
        if (bytes != null) {
            Set<AssetId> assets = RecordCodec.assets(RecordCodec.decode(bytes, "draft").get("assets"));
            assetIndex.reference(AssetIndex.draftRef(key), assets, Set.of(), Map.of());
        }
    }

    private void putOrRemove(String key, String value) {
        if (value == null) {
            catalog.meta.remove(key);
        } else {
            catalog.meta.put(key, value);
        }
    }

    private StoredSession require(SessionId id) {
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

    private static String draftKey(SessionId session) {
        return session == null ? UNTITLED : session.value();
    }

    private String usersOf(AssetId id) {
        List<String> users = new ArrayList<>();
        for (String ref : assetIndex.refs(id)) {
            String key = ref.substring(2);
            if (ref.startsWith("s:")) {
                users.add("session '" + summaries.name(SessionId.of(key)) + "'");
            } else {
                users.add(UNTITLED.equals(key) ? "the untitled draft" : "the draft of '" + summaries.name(SessionId.of(key)) + "'");
            }
        }
        return users.isEmpty() ? "nothing" : String.join(", ", users);
    }
}
