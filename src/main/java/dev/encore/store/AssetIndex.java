package dev.encore.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which sessions and drafts reference each asset, and its size, kept in the catalog's assets map
 * inside the same commit as the records that reference it. An asset with no references has no
 * entry, so the keys are exactly the referenced assets. Also the stem cache's index.
 */
final class AssetIndex {
    private final MapDbCatalog catalog;

    AssetIndex(MapDbCatalog catalog) {
        this.catalog = catalog;
    }

    static String sessionRef(SessionId id) {
        return "s:" + id.value();
    }

    static String draftRef(String draftKey) {
        return "d:" + draftKey;
    }

    /** Moves {@code ref} from the assets in {@code before} to those in {@code after}; uncommitted. */
    void reference(String ref, Set<AssetId> before, Set<AssetId> after, Map<AssetId, Long> sizes) {
        for (AssetId id : before) {
            if (!after.contains(id)) {
                Entry e = entry(id).orElse(null);
                if (e != null) {
                    e.refs.remove(ref);
                    put(id, e);
                }
            }
        }
        for (AssetId id : after) {
            Entry e = entry(id).orElseGet(() -> new Entry(sizes.getOrDefault(id, -1L), new TreeSet<>()));
            if (e.refs.add(ref)) {
                put(id, e);
            }
        }
    }

    /** The asset's recorded size in bytes, or -1 when it is not referenced. */
    long size(AssetId id) {
        return entry(id).map(e -> e.bytes).orElse(-1L);
    }

    Set<String> refs(AssetId id) {
        return entry(id).map(e -> (Set<String>) e.refs).orElse(Set.of());
    }

    Set<AssetId> referenced() {
        Set<AssetId> ids = new HashSet<>();
        catalog.assets.keySet().forEach(k -> ids.add(AssetId.of(k)));
        return ids;
    }

    long totalBytes(Set<AssetId> ids) {
        long total = 0;
        for (AssetId id : ids) {
            total += Math.max(0, size(id));
        }
        return total;
    }

    Optional<Map<String, AssetId>> stems(String key) {
        byte[] bytes = catalog.stems.get(key);
        if (bytes == null) {
            return Optional.empty();
        }
        Map<String, AssetId> out = new TreeMap<>();
        RecordCodec.decode(bytes, "stem cache entry").fields().forEachRemaining(f -> out.put(f.getKey(), AssetId.of(f.getValue().asText())));
        return Optional.of(out);
    }

    void putStems(String key, Map<String, AssetId> stems) {
        ObjectNode n = RecordCodec.JSON.createObjectNode();
        new TreeMap<>(stems).forEach((name, id) -> n.put(name, id.hex()));
        catalog.stems.put(key, RecordCodec.cbor(n));
    }

    /** Drops stem cache entries that name any of {@code gone}; uncommitted. */
    void forgetStems(Set<AssetId> gone) {
        for (String key : Set.copyOf(catalog.stems.keySet())) {
            if (stems(key).map(m -> m.values().stream().anyMatch(gone::contains)).orElse(false)) {
                catalog.stems.remove(key);
            }
        }
    }

    private Optional<Entry> entry(AssetId id) {
        byte[] bytes = catalog.assets.get(id.hex());
        if (bytes == null) {
            return Optional.empty();
        }
        ObjectNode n = RecordCodec.decode(bytes, "asset entry " + id);
        Set<String> refs = new TreeSet<>();
        n.path("refs").forEach(r -> refs.add(r.asText()));
        return Optional.of(new Entry(n.path("bytes").asLong(-1), refs));
    }

    private void put(AssetId id, Entry e) {
        if (e.refs.isEmpty()) {
            catalog.assets.remove(id.hex());
            return;
        }
        ObjectNode n = RecordCodec.JSON.createObjectNode();
        n.put("bytes", e.bytes);
        ArrayNode refs = n.putArray("refs");
        e.refs.forEach(refs::add);
        catalog.assets.put(id.hex(), RecordCodec.cbor(n));
    }

    private record Entry(long bytes, Set<String> refs) {
    }
}
