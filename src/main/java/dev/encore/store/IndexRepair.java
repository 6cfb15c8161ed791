package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up checks of a {@link SessionStore} and the restore steps {@link StoreRebuild} uses:
 * everything that makes the index agree with the session records and the manifests. Called with
 * the store's lock held (at open, or inside a rebuild that owns the store).
 */
final class IndexRepair {
    private static final Logger LOG = LoggerFactory.getLogger(IndexRepair.class);

    private final SessionStore store;
    private boolean freshIndex;

    IndexRepair(SessionStore store) {
        this.store = store;
    }

    /**
     * Checks the index and repairs what is derived from the session records (store.summaries, name
     * index, setlist membership); records without a summary are older-schema ones written by an
     * earlier version and are indexed here. Undecodable records make the store refuse to open.
     */
    void checkIndex() {
        String schema = store.catalog.meta.get(SessionStore.META_SCHEMA);
        if (schema != null && Integer.parseInt(schema) > SessionStore.SCHEMA_VERSION) {
            throw new EncoreException(Reason.STORE_DAMAGED, "The data folder " + store.dataDir + " was written by a newer Encore (schema "
                    + schema + "); this one knows up to " + SessionStore.SCHEMA_VERSION + ". Use the newer Encore.");
        }
        freshIndex = schema == null && store.catalog.sessions.isEmpty();
        List<SessionId> order = new ArrayList<>(Summaries.parseIds(store.catalog.meta.get(SessionStore.META_SETLIST)));
        List<String> repaired = new ArrayList<>();
        store.catalog.transact("checking the session index", () -> {
            for (String key : List.copyOf(store.catalog.sessions.keySet())) {
                SessionId id = SessionId.of(key);
                StoredSession s = RecordCodec.session(id, RecordCodec.decode(store.catalog.sessions.get(key), "session " + key));
                if (!store.catalog.summaries.containsKey(key)) {
                    String name = uniqueName(s.name(), id);
                    s = new StoredSession(id, name, s.created(), s.updated(), SessionStore.SCHEMA_VERSION, s.assets(), s.snapshot());
                    store.catalog.summaries.put(key, Summaries.encode(s, store.assetIndex.totalBytes(s.assets())));
                    store.catalog.names.put(Names.key(name), key);
                    repaired.add(name);
                }
                if (!order.contains(id)) {
                    order.add(id);
                }
            }
            order.removeIf(id -> !store.catalog.sessions.containsKey(id.value()));
            store.catalog.summaries.keySet().removeIf(k -> !store.catalog.sessions.containsKey(k));
            store.catalog.names.values().removeIf(v -> !store.catalog.sessions.containsKey(v));
            store.catalog.meta.put(SessionStore.META_SETLIST, Summaries.joinIds(order));
            store.catalog.meta.put(SessionStore.META_SCHEMA, Integer.toString(SessionStore.SCHEMA_VERSION));
        });
        if (!repaired.isEmpty()) {
            LOG.info("Indexed {} session(s) stored in an older form: {}", repaired.size(), repaired);
        }
        store.summaries.reload(store.catalog);
    }

    /**
     * A brand-new index beside existing store.manifests means the index file was lost: starting would
     * hide every session (and collect their audio), so refuse and name the rebuild. Otherwise
     * store.manifests of sessions the index does not hold (a crash between the two writes) are removed
     * and missing store.manifests are written.
     */
    void checkAgainstManifests() {
        try {
            Set<SessionId> found = store.manifests.sessionIds();
            if (freshIndex && !found.isEmpty()) {
                throw new EncoreException(Reason.STORE_DAMAGED, "The session index in " + store.dataDir + " is missing, but "
                        + found.size() + " session manifest(s) exist. Encore did not start. Restore them with: "
                        + "java -jar encore.jar --rebuild --data " + store.dataDir);
            }
            Set<SessionId> withManifest = new HashSet<>();
            for (SessionId id : found) {
                if (!store.catalog.sessions.containsKey(id.value())) {
                    LOG.info("Removing manifest {} of a session the index does not hold (unfinished save or delete)", id);
                    store.manifests.deleteSession(id);
                } else {
                    withManifest.add(id);
                }
            }
            for (SessionId id : store.summaries.setlist()) {
                if (!withManifest.contains(id)) {
                    store.manifests.writeSession(RecordCodec.sessionRecord(store.require(id)), id);
                }
            }
        } catch (IOException e) {
            throw StorageFailure.of(e, "checking the session store.manifests");
        }
    }

    /** Puts a session read from a manifest back into the index; returns the assets it lacks. */
    List<AssetId> restore(StoredSession s) {
        Map<AssetId, Long> sizes = new HashMap<>();
        List<AssetId> missing = new ArrayList<>();
        for (AssetId id : s.assets()) {
            if (store.blobs.exists(id)) {
                sizes.put(id, store.blobs.length(id));
            } else {
                missing.add(id);
            }
        }
        StoredSession r = new StoredSession(s.id(), uniqueName(s.name(), s.id()), s.created(), s.updated(), SessionStore.SCHEMA_VERSION,
                s.assets(), s.snapshot());
        long audioBytes = sizes.values().stream().mapToLong(Long::longValue).sum();
        store.catalog.transact("rebuilding session '" + r.name() + "'", () -> {
            store.catalog.sessions.put(r.id().value(), RecordCodec.cbor(RecordCodec.sessionRecord(r)));
            store.catalog.summaries.put(r.id().value(), Summaries.encode(r, audioBytes));
            store.catalog.names.put(Names.key(r.name()), r.id().value());
            store.assetIndex.reference(AssetIndex.sessionRef(r.id()), Set.of(), r.assets(), sizes);
        });
        store.summaries.put(r, audioBytes, null);
        return missing;
    }

    /** Sets the setlist (ids the index lacks are dropped, ones it has but not listed are appended). */
    void restoreOrder(List<SessionId> wanted, SessionId active) {
        List<SessionId> order = new ArrayList<>();
        wanted.stream().filter(id -> store.catalog.sessions.containsKey(id.value()) && !order.contains(id)).forEach(order::add);
        store.summaries.setlist().stream().filter(id -> !order.contains(id)).forEach(order::add);
        store.writeSetlistManifest(order, active, "rebuilding the setlist");
        store.catalog.transact("rebuilding the setlist", () -> {
            store.catalog.meta.put(SessionStore.META_SETLIST, Summaries.joinIds(order));
            store.putOrRemove(SessionStore.META_ACTIVE, active != null && store.catalog.sessions.containsKey(active.value()) ? active.value() : null);
        });
        store.summaries.reload(store.catalog);
    }

    /** Puts a draft read from its manifest back into the index. */
    void restoreDraft(String key, ObjectNode record) {
        Set<AssetId> assets = RecordCodec.assets(record.get("assets"));
        Map<AssetId, Long> sizes = new HashMap<>();
        assets.stream().filter(store.blobs::exists).forEach(id -> sizes.put(id, store.blobs.length(id)));
        store.catalog.transact("rebuilding a draft", () -> {
            store.catalog.drafts.put(key, RecordCodec.cbor(record));
            store.assetIndex.reference(AssetIndex.draftRef(key), Set.of(), assets, sizes);
        });
    }

    /** Puts the engine's bookkeeping and the stem cache back from their store.manifests. */
    void restoreMetaAndStems(ObjectNode meta, ObjectNode stems) {
        store.catalog.transact("rebuilding engine state", () -> {
            meta.fields().forEachRemaining(f -> store.catalog.meta.put(SessionStore.META_USER + f.getKey(), f.getValue().asText()));
            stems.fields().forEachRemaining(f -> {
                Map<String, AssetId> entry = new TreeMap<>();
                f.getValue().fields().forEachRemaining(e -> entry.put(e.getKey(), AssetId.of(e.getValue().asText())));
                store.assetIndex.putStems(f.getKey(), entry);
            });
        });
    }

    private String uniqueName(String wanted, SessionId self) {
        String name = Names.clean(wanted);
        for (int n = 2; ; n++) {
            String owner = store.catalog.names.get(Names.key(name));
            if (owner == null || owner.equals(self.value())) {
                return name;
            }
            name = Names.clean(wanted) + " (" + n + ")";
        }
    }
}
