package dev.encore.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.util.Iterator;
import java.util.Map;

/**
 * Upgrades stored session documents to the current schema when they are read. Version 1 is the
 * lightweight record of the first (browser) version: a name, a nested runtime config and the
 * selected fixture, no tracks and no audio. Version 2 holds the full snapshot.
 */
final class SchemaMigration {
    static final int CURRENT = 2;

    private SchemaMigration() {
    }

    /** The version a record declares ("v", or the browser's "version"). */
    static int versionOf(JsonNode record) {
        JsonNode v = record.has("v") ? record.get("v") : record.get("version");
        if (v == null || !v.canConvertToInt()) {
            throw new EncoreException(Reason.ASSET_CORRUPT, "A stored session record has no schema version.");
        }
        return v.asInt();
    }

    /** Returns a record in the current schema; the input is not modified. */
    static ObjectNode toCurrent(ObjectNode record) {
        int version = versionOf(record);
        if (version == CURRENT) {
            return record;
        }
        if (version == 1) {
            return fromV1(record);
        }
        throw new EncoreException(Reason.STORE_DAMAGED, "A stored session has schema version " + version
                + ", which this Encore does not know (it knows 1 to " + CURRENT + "). Use a newer Encore.");
    }

    /**
     * v1: {"version":1,"name":..,"runtimeConfig":{nested},"selectedFixtureId":..}. Its nested
     * config becomes flat parameter paths ("fx":{"reverb":0.3} is "fx/reverb"), as OSC addresses them.
     */
    private static ObjectNode fromV1(ObjectNode old) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode params = f.objectNode();
        JsonNode config = old.get("runtimeConfig");
        if (config != null && config.isObject()) {
            flatten("", config, params);
        }
        ObjectNode snapshot = f.objectNode();
        snapshot.set("params", params);
        JsonNode fixture = old.get("selectedFixtureId");
        snapshot.set("fixture", fixture == null || fixture.isNull() ? f.nullNode() : f.textNode(fixture.asText()));
        snapshot.set("tracks", f.arrayNode());
        ObjectNode stems = f.objectNode();
        stems.put("mode", "full");
        stems.set("levels", f.objectNode());
        snapshot.set("stems", stems);

        ObjectNode record = f.objectNode();
        record.put("v", CURRENT);
        record.put("name", old.path("name").asText("Untitled"));
        record.put("created", old.path("savedAt").asLong(0));
        record.put("updated", old.path("savedAt").asLong(0));
        record.set("assets", f.arrayNode());
        record.set("snapshot", snapshot);
        record.put("migratedFrom", 1);
        return record;
    }

    private static void flatten(String prefix, JsonNode node, ObjectNode out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "/" + e.getKey();
            if (e.getValue().isObject()) {
                flatten(path, e.getValue(), out);
            } else {
                out.set(path, e.getValue());
            }
        }
    }
}
