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
import java.util.Set;
import java.util.TreeSet;

/**
 * The explicit encoding of every value the store keeps: CBOR in MapDB (compact, fast), JSON in
 * manifest files (readable in a recovery). Records are Jackson trees with a schema version, so old
 * ones can be migrated; the browser's v1 records were JSON and are read as such.
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

    static ObjectNode sessionRecord(StoredSession s) {
        ObjectNode r = JSON.createObjectNode();
        r.put("v", SchemaMigration.CURRENT);
        r.put("id", s.id().value());
        r.put("name", s.name());
        r.put("created", s.created().toEpochMilli());
        r.put("updated", s.updated().toEpochMilli());
        r.set("assets", assetArray(s.assets()));
        r.set("snapshot", s.snapshot());
        return r;
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

    static ObjectNode draftRecord(StoredDraft d) {
        ObjectNode r = JSON.createObjectNode();
        r.put("v", SchemaMigration.CURRENT);
        r.put("updated", d.updated().toEpochMilli());
        r.set("assets", assetArray(d.assets()));
        r.set("snapshot", d.snapshot());
        return r;
    }

    static StoredDraft draft(SessionId session, ObjectNode record) {
        return new StoredDraft(session, Instant.ofEpochMilli(record.path("updated").asLong()),
                assets(record.get("assets")), (ObjectNode) record.get("snapshot"));
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
