package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's secondary records: drafts (unsaved live changes per session), the engine's
 * bookkeeping values and the stem cache. Each change writes its manifest file and commits the
 * index, like a session save. Called with the {@link SessionStore}'s lock held.
 */
final class Bookkeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Bookkeeping.class);

    private final SessionStore store;

    Bookkeeping(SessionStore store) {
        this.store = store;
    }

    void putDraft(SessionId session, ObjectNode snapshot, Set<AssetId> assets, Map<AssetId, Long> sizes, Instant now) {
        String key = SessionStore.draftKey(session);
        Set<AssetId> before = draft(session).map(StoredDraft::assets).orElse(Set.of());
        ObjectNode record = RecordCodec.draftRecord(new StoredDraft(session, now, assets, snapshot));
        try {
            store.manifests.writeDraft(key, record);
        } catch (IOException e) {
            throw StorageFailure.of(e, "saving the draft");
        }
        store.catalog.transact("saving the draft", () -> {
            store.catalog.drafts.put(key, RecordCodec.cbor(record));
            store.assetIndex.reference(AssetIndex.draftRef(key), before, assets, sizes);
        });
        store.blobs.adopt(assets);
    }

    Optional<StoredDraft> draft(SessionId session) {
        byte[] bytes = store.catalog.drafts.get(SessionStore.draftKey(session));
        return bytes == null ? Optional.empty() : Optional.of(RecordCodec.draft(session, RecordCodec.decode(bytes, "draft")));
    }

    void dropDraft(SessionId session) {
        String key = SessionStore.draftKey(session);
        if (store.catalog.drafts.containsKey(key)) {
            store.catalog.transact("dropping the draft", () -> removeDraft(key));
            forgetDraftManifest(key);
        }
    }

    /** Removes a draft and its asset references inside the caller's transaction. */
    void removeDraft(String key) {
        byte[] bytes = store.catalog.drafts.remove(key);
        if (bytes != null) {
            Set<AssetId> assets = RecordCodec.assets(RecordCodec.decode(bytes, "draft").get("assets"));
            store.assetIndex.reference(AssetIndex.draftRef(key), assets, Set.of(), Map.of());
        }
    }

    /**
     * The draft is gone from the index; its file goes after the commit. A crash in between leaves
     * a stale draft (the state just saved), never a lost save.
     */
    void forgetDraftManifest(String key) {
        try {
            store.manifests.deleteDraft(key);
        } catch (IOException e) {
            LOG.warn("Could not remove the draft file of {}: {}", key, e.toString());
        }
    }

    Optional<String> meta(String key) {
        return Optional.ofNullable(store.catalog.meta.get(SessionStore.META_USER + key));
    }

    void putMeta(String key, String value) {
        Map<String, String> all = new TreeMap<>();
        store.catalog.meta.forEach((k, v) -> {
            if (k.startsWith(SessionStore.META_USER)) {
                all.put(k.substring(SessionStore.META_USER.length()), v);
            }
        });
        if (value == null) {
            all.remove(key);
        } else {
            all.put(key, value);
        }
        try {
            store.manifests.writeMeta(all);
        } catch (IOException e) {
            throw StorageFailure.of(e, "recording engine state");
        }
        store.catalog.transact("recording engine state", () -> store.putOrRemove(SessionStore.META_USER + key, value));
    }

    void putCachedStems(String key, Map<String, AssetId> stems) {
        store.catalog.transact("caching stems", () -> store.assetIndex.putStems(key, stems));
        writeStemsManifest();
    }

    /** Drops stem cache entries naming collected audio. */
    void forgetStems(Set<AssetId> deleted) {
        if (!store.catalog.stems.isEmpty()) {
            store.catalog.transact("updating the stem cache", () -> store.assetIndex.forgetStems(deleted));
            writeStemsManifest();
        }
    }

    private void writeStemsManifest() {
        ObjectNode all = RecordCodec.JSON.createObjectNode();
        for (String key : new TreeSet<>(store.catalog.stems.keySet())) {
            ObjectNode entry = all.putObject(key);
            store.assetIndex.stems(key).orElseThrow().forEach((name, id) -> entry.put(name, id.hex()));
        }
        try {
            store.manifests.writeStems(all);
        } catch (IOException e) {
            LOG.warn("Could not write the stem cache file: {}", e.toString());
        }
    }
}
