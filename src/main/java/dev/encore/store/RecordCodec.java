package dev.encore.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The explicit encoding of every value the store keeps: CBOR in the journal and the index
 * (compact, fast, and typed: binary stays binary, NaN and infinities stay numbers). Records are
 * Jackson trees with a schema version, so old ones can be migrated; the browser's v1 records and
 * the old manifest files were JSON and are read as such.
 */
final class RecordCodec {
    static final ObjectMapper CBOR = new CBORMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    private RecordCodec() {
    }

    static byte[] cbor(JsonNode tree) {
        try {
            return CBOR.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new EncoreException(Reason.GENERAL, "Could not encode a record: " + e.getMessage(), e);
        }
    }

    static byte[] json(JsonNode tree) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new EncoreException(Reason.GENERAL, "Could not encode a record: " + e.getMessage(), e);
        }
    }

    /** Decodes CBOR, or JSON when the bytes start with '{' (the v1 browser form). */
    static ObjectNode decode(byte[] bytes, String what) {
        try {
            ObjectMapper mapper = bytes.length > 0 && bytes[0] == '{' ? JSON : CBOR;
            JsonNode tree = mapper.readTree(bytes);
            if (tree instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            throw new EncoreException(Reason.STORE_DAMAGED, "The stored " + what + " cannot be read: " + e.getMessage(), e);
        }
        throw new EncoreException(Reason.STORE_DAMAGED, "The stored " + what + " is not a record.");
    }

    /** A session's whole stored state as one self-contained record: metadata, asset ids and sizes, snapshot. */
    static ObjectNode sessionRecord(StoredSession s, Map<AssetId, Long> sizes) {
        ObjectNode r = JSON.createObjectNode();
        r.put("v", SchemaMigration.CURRENT);
        r.put("id", s.id().value());
        r.put("name", s.name());
        r.put("created", s.created().toEpochMilli());
        r.put("updated", s.updated().toEpochMilli());
        return withContent(r, s.assets(), sizes, s.snapshot());
    }

    /** Ends a session or draft record with its asset ids, their sizes ({@code -1} when unknown) and the snapshot. */
    private static ObjectNode withContent(ObjectNode r, Set<AssetId> assets, Map<AssetId, Long> sizes, ObjectNode snapshot) {
        r.set("assets", assetArray(assets));
        ObjectNode sz = r.putObject("sizes");
        new TreeSet<>(assets).forEach(id -> sz.put(id.hex(), sizes.getOrDefault(id, -1L)));
        r.set("snapshot", snapshot);
        return r;
    }

    /** Reads a session record of any known version, the id from the record itself. */
    static StoredSession session(ObjectNode record) {
        return session(SessionId.of(record.path("id").asText()), record);
    }

    /** Reads a session record of any known version; {@code id} comes from the key it is stored under. */
    static StoredSession session(SessionId id, ObjectNode record) {
        ObjectNode r = SchemaMigration.toCurrent(record);
        JsonNode snapshot = r.get("snapshot");
        if (!(snapshot instanceof ObjectNode)) {
            throw new EncoreException(Reason.STORE_DAMAGED, "Session " + id + " has no snapshot.");
        }
        return new StoredSession(id, r.path("name").asText(), Instant.ofEpochMilli(r.path("created").asLong()),
                Instant.ofEpochMilli(r.path("updated").asLong()), SchemaMigration.CURRENT, assets(r.get("assets")),
                (ObjectNode) snapshot);
    }

    static ObjectNode draftRecord(String key, StoredDraft d, Map<AssetId, Long> sizes) {
        ObjectNode r = JSON.createObjectNode();
        r.put("v", SchemaMigration.CURRENT);
        r.put("key", key);
        r.put("updated", d.updated().toEpochMilli());
        return withContent(r, d.assets(), sizes, d.snapshot());
    }

    static StoredDraft draft(ObjectNode record) {
        String key = record.path("key").asText();
        SessionId session = SessionId.isValid(key) ? SessionId.of(key) : null;
        JsonNode snapshot = record.get("snapshot");
        if (!(snapshot instanceof ObjectNode)) {
            throw new EncoreException(Reason.STORE_DAMAGED, "The draft of " + key + " has no snapshot.");
        }
        return new StoredDraft(session, Instant.ofEpochMilli(record.path("updated").asLong()),
                assets(record.get("assets")), (ObjectNode) snapshot);
    }

    static ArrayNode assetArray(Set<AssetId> ids) {
        ArrayNode a = JSON.createArrayNode();
        new TreeSet<>(ids).forEach(id -> a.add(id.hex()));
        return a;
    }

    static Set<AssetId> assets(JsonNode array) {
        Set<AssetId> ids = new TreeSet<>();
        if (array != null) {
            array.forEach(n -> ids.add(AssetId.of(n.asText())));
        }
        return ids;
    }
}
