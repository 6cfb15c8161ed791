package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The session list as a controller sees it, held in memory and mirrored from the index's summary
 * rows and setlist order, so listing a thousand sessions touches neither the disk nor the audio.
 * Updated only after a commit succeeds.
 */
final class Summaries {
    private final Map<SessionId, Row> rows = new HashMap<>();
    private List<SessionId> order = List.of();

    Summaries(MapDbCatalog catalog, AssetIndex assets) {
        reload(catalog);
    }

    void reload(MapDbCatalog catalog) {
        rows.clear();
        catalog.summaries.forEach((k, v) -> rows.put(SessionId.of(k), decode(v)));
        List<SessionId> ids = new ArrayList<>(parseIds(catalog.meta.get("setlist")));
        ids.removeIf(id -> !rows.containsKey(id));
        order = List.copyOf(ids);
    }

    List<SessionSummary> list(Predicate<String> hasDraft) {
        List<SessionSummary> out = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            SessionId id = order.get(i);
            Row r = rows.get(id);
            out.add(new SessionSummary(id, r.name, r.updated, i + 1, hasDraft.test(id.value()), r.audioBytes));
        }
        return out;
    }

    List<SessionId> setlist() {
        return order;
    }

    String name(SessionId id) {
        Row r = rows.get(id);
        return r == null ? id.value() : r.name;
    }

    void put(StoredSession s, long audioBytes, List<SessionId> newOrder) {
        rows.put(s.id(), new Row(s.name(), s.updated(), audioBytes));
        if (newOrder != null) {
            order = List.copyOf(newOrder);
        } else if (!order.contains(s.id())) {
            List<SessionId> ids = new ArrayList<>(order);
            ids.add(s.id());
            order = List.copyOf(ids);
        }
    }

    void remove(SessionId id, List<SessionId> newOrder) {
        rows.remove(id);
        order = List.copyOf(newOrder);
    }

    void reorder(List<SessionId> newOrder) {
        order = List.copyOf(newOrder);
    }

    static byte[] encode(StoredSession s, long audioBytes) {
        ObjectNode n = RecordCodec.JSON.createObjectNode();
        n.put("name", s.name());
        n.put("updated", s.updated().toEpochMilli());
        n.put("audioBytes", audioBytes);
        return RecordCodec.cbor(n);
    }

    private static Row decode(byte[] bytes) {
        ObjectNode n = RecordCodec.decode(bytes, "session summary");
        return new Row(n.path("name").asText(), Instant.ofEpochMilli(n.path("updated").asLong()), n.path("audioBytes").asLong());
    }

    static String joinIds(List<SessionId> ids) {
        StringBuilder b = new StringBuilder(ids.size() * 17);
        for (SessionId id : ids) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(id.value());
        }
        return b.toString();
    }

    static List<SessionId> parseIds(String joined) {
        List<SessionId> ids = new ArrayList<>();
        if (joined != null && !joined.isEmpty()) {
            for (String s : joined.split(",")) {
                ids.add(SessionId.of(s));
            }
        }
        return ids;
    }

    private record Row(String name, Instant updated, long audioBytes) {
    }
}
