package dev.encore.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole {@link StoreState} as one record: what a compacted journal ends with (a
 * {@link RecordType#STATE} record), each session with its history and its snapshot inline, then
 * the drafts, setlist, engine bookkeeping, stem cache and asset sizes.
 */
final class StateRecord {
    private StateRecord() {
    }

    /** The whole state as one record: what a compacted journal ends with. */
    static ObjectNode encode(StoreState state) {
        ObjectNode n = RecordCodec.JSON.createObjectNode();
        ArrayNode live = n.putArray("sessions");
        state.sessions.values().forEach(h -> live.add(history(h, state)));
        ArrayNode gone = n.putArray("deleted");
        state.deleted.values().forEach(h -> gone.add(history(h, state)));
        ObjectNode drafts = n.putObject("drafts");
        state.drafts.forEach((key, d) -> drafts.set(key, RecordCodec.draftRecord(key, d, state.sizes)));
        putShared(n, state);
        return n;
    }

    /** Replaces everything in {@code into} by what {@link #encode} wrote (the sequence number stays). */
    static void decode(ObjectNode n, StoreState into) {
        into.sessions.clear();
        into.deleted.clear();
        into.names.clear();
        into.drafts.clear();
        into.meta.clear();
        into.stems.clear();
        n.path("sessions").forEach(o -> {
            SessionHistory h = history((ObjectNode) o);
            into.sessions.put(h.id(), h);
            into.names.put(Names.key(h.name()), h.id());
        });
        n.path("deleted").forEach(o -> {
            SessionHistory h = history((ObjectNode) o);
            into.deleted.put(h.id(), h);
        });
        n.path("drafts").fields().forEachRemaining(f -> into.drafts.put(f.getKey(), RecordCodec.draft((ObjectNode) f.getValue())));
        readShared(n, into);
        readSetlist(n, into);
        into.everNamed.addAll(into.retainedAssets());
    }

    /** The setlist, meta, stem cache and asset sizes: what an image and a state record both hold beside the sessions. */
    private static void putShared(ObjectNode n, StoreState state) {
        n.set("setlist", state.setlistRecord());
        ObjectNode meta = n.putObject("meta");
        state.meta.forEach(meta::put);
        ObjectNode stems = n.putObject("stems");
        state.stems.forEach((key, m) -> {
            ObjectNode e = stems.putObject(key);
            m.forEach((name, id) -> e.put(name, id.hex()));
        });
        ObjectNode sizes = n.putObject("sizes");
        state.sizes.forEach((id, b) -> sizes.put(id.hex(), b));
    }

    private static void readShared(ObjectNode n, StoreState into) {
        n.path("sizes").fields().forEachRemaining(f -> into.sizes.put(AssetId.of(f.getKey()), f.getValue().asLong()));
        n.path("meta").fields().forEachRemaining(f -> into.meta.put(f.getKey(), f.getValue().asText()));
        n.path("stems").fields().forEachRemaining(f -> {
            Map<String, AssetId> m = new TreeMap<>();
            f.getValue().fields().forEachRemaining(e -> m.put(e.getKey(), AssetId.of(e.getValue().asText())));
            into.stems.put(f.getKey(), Map.copyOf(m));
        });
    }

    /** The setlist order (sessions it misses are appended) and the active session, once the sessions are read. */
    private static void readSetlist(ObjectNode n, StoreState into) {
        java.util.LinkedHashSet<SessionId> order = new java.util.LinkedHashSet<>();
        n.path("setlist").path("setlist").forEach(id -> {
            if (SessionId.isValid(id.asText()) && into.sessions.containsKey(SessionId.of(id.asText()))) {
                order.add(SessionId.of(id.asText()));
            }
        });
        into.sessions.keySet().stream().filter(id -> !order.contains(id)).sorted().forEach(order::add);
        into.setlist = new ArrayList<>(order);
        String active = n.path("setlist").path("active").asText(null);
        into.active = SessionId.isValid(active) && into.sessions.containsKey(SessionId.of(active)) ? SessionId.of(active) : null;
    }

    /** A session's history with its snapshot inline, as a state record holds it. */
    private static ObjectNode history(SessionHistory h, StoreState state) {
        ObjectNode n = RecordCodec.JSON.createObjectNode();
        n.set("current", RecordCodec.sessionRecord(h.current(), state.sizes));
        n.put("audioBytes", h.audioBytes());
        n.put("head", h.head());
        ArrayNode redo = n.putArray("redo");
        h.redo().forEach(redo::add);
        ArrayNode revs = n.putArray("revisions");
        for (Revision r : h.revisions()) {
            ObjectNode o = revs.addObject();
            o.put("n", r.number());
            o.put("time", r.time().toEpochMilli());
            o.put("what", r.what());
            o.put("seq", r.seq());
            o.set("assets", RecordCodec.assetArray(r.assets()));
        }
        if (h.deleted() != null) {
            n.putObject("deleted").put("at", h.deleted().at().toEpochMilli()).put("position", h.deleted().position());
        }
        return n;
    }

    private static SessionHistory history(ObjectNode n) {
        SessionContent current = SessionContent.of(RecordCodec.session((ObjectNode) n.get("current")));
        List<Revision> revisions = new ArrayList<>();
        n.path("revisions").forEach(o -> revisions.add(new Revision(o.path("n").asInt(), Instant.ofEpochMilli(o.path("time").asLong()),
                o.path("what").asText(), RecordCodec.assets(o.get("assets")), o.path("seq").asLong())));
        List<Integer> redo = new ArrayList<>();
        n.path("redo").forEach(r -> redo.add(r.asInt()));
        JsonNode d = n.get("deleted");
        SessionHistory.Deletion deletion = d == null ? null
                : new SessionHistory.Deletion(Instant.ofEpochMilli(d.path("at").asLong()), d.path("position").asInt());
        return new SessionHistory(current, n.path("audioBytes").asLong(), revisions, n.path("head").asInt(), redo, deletion);
    }
}
