package dev.encore.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * What the journal says, held in memory: the sessions with their histories, deleted sessions,
 * the name index, setlist, active session, drafts, engine bookkeeping, the stem cache and the
 * size of every asset a record names. Built by applying records in order ({@link #apply}); the
 * same records always give the same state, which is what lets the index be thrown away and
 * rebuilt. Owned by the store, under its lock.
 */
final class StoreState {
    /** The draft key of live changes that belong to no session yet. */
    static final String UNTITLED = "untitled";

    final Map<SessionId, SessionHistory> sessions = new HashMap<>();
    /** Deleted sessions, oldest deletion first. */
    final Map<SessionId, SessionHistory> deleted = new LinkedHashMap<>();
    final Map<String, SessionId> names = new HashMap<>();
    List<SessionId> setlist = new ArrayList<>();
    SessionId active;
    final Map<String, StoredDraft> drafts = new HashMap<>();
    final Map<String, String> meta = new TreeMap<>();
    final Map<String, Map<String, AssetId>> stems = new TreeMap<>();
    final Map<AssetId, Long> sizes = new HashMap<>();
    /** Every asset any record applied so far has named: only these may ever be collected. */
    final Set<AssetId> everNamed = new HashSet<>();
    long appliedSeq;

    StoreState copy() {
        StoreState c = new StoreState();
        c.sessions.putAll(sessions);
        c.deleted.putAll(deleted);
        c.names.putAll(names);
        c.setlist = new ArrayList<>(setlist);
        c.active = active;
        c.drafts.putAll(drafts);
        c.meta.putAll(meta);
        c.stems.putAll(stems);
        c.sizes.putAll(sizes);
        c.everNamed.addAll(everNamed);
        c.appliedSeq = appliedSeq;
        return c;
    }

    /** Applies one record. Records that no longer fit (a session deleted meanwhile) change nothing. */
    void apply(long seq, RecordType type, ObjectNode p) {
        if (seq <= appliedSeq) {
            return;
        }
        appliedSeq = seq;
        switch (type) {
            case SESSION -> session(seq, p, RecordCodec.session(p));
            case DELETE -> applyDelete(p);
            case UNDELETE -> applyUndelete(p);
            case SETLIST -> applySetlist(p);
            case DRAFT -> {
                StoredDraft d = RecordCodec.draft(p);
                noteSizes(p);
                drafts.put(p.path("key").asText(), d);
            }
            case DROP_DRAFT -> drafts.remove(p.path("key").asText());
            case META -> {
                JsonNode v = p.get("value");
                if (v == null || v.isNull()) {
                    meta.remove(p.path("key").asText());
                } else {
                    meta.put(p.path("key").asText(), v.asText());
                }
            }
            case STEMS -> {
                Map<String, AssetId> entry = new TreeMap<>();
                p.path("stems").fields().forEachRemaining(f -> entry.put(f.getKey(), AssetId.of(f.getValue().asText())));
                everNamed.addAll(entry.values());
                stems.put(p.path("key").asText(), Map.copyOf(entry));
            }
            case UNDO, REDO -> applyStep(type, p);
            case STATE -> StateRecord.decode(p, this);
            case CHECKPOINT -> {
                // Names an index image; changes nothing.
            }
        }
    }

    /** Applies session record {@code p}, already read as {@code s}. */
    void applySession(long seq, ObjectNode p, StoredSession s) {
        if (seq <= appliedSeq) {
            return;
        }
        appliedSeq = seq;
        session(seq, p, s);
    }

    private void session(long seq, ObjectNode p, StoredSession s) {
        long bytes = noteSizes(s.assets(), p.path("sizes"));
        String what = p.path("what").asText("save");
        SessionHistory h = sessions.get(s.id());
        if (h == null && deleted.containsKey(s.id())) {
            return; // a session is brought back only by an undelete
        }
        boolean renamed = h != null && !h.name().equals(s.name());
        if (renamed) {
            names.remove(Names.key(h.name()));
        }
        if (h != null && "rename".equals(what)) {
            h = h.renamed(s);
        } else {
            int number = p.path("rev").asInt(h == null ? 1 : h.lastNumber() + 1);
            Revision r = new Revision(number, s.updated(), what, s.assets(), seq);
            h = h == null ? SessionHistory.first(s, bytes, r) : h.saved(s, bytes, r);
        }
        boolean isNew = !sessions.containsKey(s.id());
        sessions.put(s.id(), h);
        if (isNew || renamed) {
            names.put(Names.key(s.name()), s.id());
        }
        if (isNew) {
            setlist.add(s.id());
        }
        if (p.path("dropDraft").asBoolean(false)) {
            drafts.remove(s.id().value());
        }
        if (p.has("setlist")) {
            applySetlist(p);
        }
    }

    private void applyStep(RecordType type, ObjectNode p) {
        StoredSession s = RecordCodec.session(p);
        SessionHistory h = sessions.get(s.id());
        if (h == null) {
            return;
        }
        long bytes = noteSizes(p);
        int to = p.path("toRev").asInt();
        names.remove(Names.key(h.name()));
        sessions.put(s.id(), type == RecordType.UNDO ? h.undone(s, bytes, to) : h.redone(s, bytes, to));
        names.put(Names.key(s.name()), s.id());
        drafts.remove(s.id().value());
    }

    private void applyDelete(ObjectNode p) {
        SessionId id = SessionId.of(p.path("id").asText());
        SessionHistory h = sessions.remove(id);
        if (h == null) {
            return;
        }
        names.remove(Names.key(h.name()));
        int position = setlist.indexOf(id) + 1;
        setlist.remove(id);
        if (id.equals(active)) {
            active = null;
        }
        drafts.remove(id.value());
        deleted.remove(id);
        deleted.put(id, h.deleted(new SessionHistory.Deletion(Instant.ofEpochMilli(p.path("at").asLong()), position)));
    }

    private void applyUndelete(ObjectNode p) {
        StoredSession s = RecordCodec.session(p);
        SessionHistory h = deleted.remove(s.id());
        if (h == null || sessions.containsKey(s.id())) {
            return;
        }
        sessions.put(s.id(), h.restored(s));
        names.put(Names.key(s.name()), s.id());
        int at = Math.max(0, Math.min(p.path("position").asInt(setlist.size() + 1) - 1, setlist.size()));
        setlist.add(at, s.id());
    }

    private void applySetlist(ObjectNode p) {
        java.util.LinkedHashSet<SessionId> order = new java.util.LinkedHashSet<>();
        p.path("setlist").forEach(n -> {
            SessionId id = SessionId.isValid(n.asText()) ? SessionId.of(n.asText()) : null;
            if (id != null && sessions.containsKey(id)) {
                order.add(id);
            }
        });
        order.addAll(setlist);
        setlist = new ArrayList<>(order);
        if (p.has("active")) {
            String a = p.path("active").asText(null);
            active = SessionId.isValid(a) && sessions.containsKey(SessionId.of(a)) ? SessionId.of(a) : null;
        }
    }

    /** Records the asset sizes a record names; returns their total. */
    private long noteSizes(ObjectNode p) {
        return noteSizes(RecordCodec.assets(p.get("assets")), p.path("sizes"));
    }

    /** Notes the assets a record names and their sizes ({@code recorded}: hex id to bytes); returns their total. */
    private long noteSizes(Set<AssetId> assets, JsonNode recorded) {
        long total = 0;
        for (AssetId id : assets) {
            everNamed.add(id);
            long size = recorded.path(id.hex()).asLong(-1);
            if (size >= 0) {
                sizes.put(id, size);
                total += size;
            }
        }
        return total;
    }

    /** Every asset that a retained revision (live or deleted session), a draft or the stem cache uses. */
    Set<AssetId> retainedAssets() {
        Set<AssetId> keep = new HashSet<>();
        for (Map<SessionId, SessionHistory> m : List.of(sessions, deleted)) {
            for (SessionHistory h : m.values()) {
                keep.addAll(h.assets());
                h.revisions().forEach(r -> keep.addAll(r.assets()));
            }
        }
        drafts.values().forEach(d -> keep.addAll(d.assets()));
        stems.values().forEach(m -> keep.addAll(m.values()));
        return keep;
    }

    /** Who uses an asset, for the pre-show check's messages. */
    List<String> usersOf(AssetId id) {
        List<String> users = new ArrayList<>();
        sessions.values().stream().filter(h -> h.assets().contains(id)).forEach(h -> users.add("session '" + h.name() + "'"));
        drafts.forEach((key, d) -> {
            if (d.assets().contains(id)) {
                SessionHistory h = SessionId.isValid(key) ? sessions.get(SessionId.of(key)) : null;
                users.add(h == null ? "the untitled draft" : "the draft of '" + h.name() + "'");
            }
        });
        return users;
    }

    Set<AssetId> currentAssets() {
        Set<AssetId> ids = new HashSet<>();
        sessions.values().forEach(h -> ids.addAll(h.assets()));
        drafts.values().forEach(d -> ids.addAll(d.assets()));
        return ids;
    }

    /** The live session with this id, or NO_SUCH_SESSION. */
    SessionHistory require(SessionId id) {
        SessionHistory h = sessions.get(id);
        if (h == null) {
            throw new EncoreException(Reason.NO_SUCH_SESSION, "There is no session with id " + id + ".");
        }
        return h;
    }

    /** NAME_TAKEN unless no session but {@code self} (null: none) has this name. */
    void requireFreeName(String clean, SessionId self) {
        SessionId owner = names.get(Names.key(clean));
        if (owner != null && !owner.equals(self)) {
            throw new EncoreException(Reason.NAME_TAKEN, "A session named '" + clean + "' already exists.");
        }
    }

    /**
     * The sizes a record names for {@code ids}. Audio a record already names keeps its recorded
     * size (a session with 700 tracks would otherwise pay 700 file look-ups per save); new audio
     * is looked up with {@code onDisk}, which also refuses a save naming audio never stored.
     */
    Map<AssetId, Long> sizesOf(Set<AssetId> ids, ToLongFunction<AssetId> onDisk) {
        Map<AssetId, Long> out = new HashMap<>();
        for (AssetId id : ids) {
            Long known = sizes.get(id);
            out.put(id, known != null ? known : onDisk.applyAsLong(id));
        }
        return out;
    }

    static String draftKey(SessionId session) {
        return session == null ? UNTITLED : session.value();
    }

    ObjectNode setlistRecord() {
        ObjectNode n = RecordCodec.JSON.createObjectNode();
        setlist.forEach(id -> n.withArray("setlist").add(id.value()));
        if (!n.has("setlist")) {
            n.putArray("setlist");
        }
        n.put("active", active == null ? null : active.value());
        return n;
    }
}
