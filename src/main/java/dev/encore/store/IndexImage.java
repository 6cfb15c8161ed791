package dev.encore.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * The index: the {@link StoreState} the journal gives up to one sequence number, in a MapDB file
 * ({@code index/image-<seq>.mapdb}), so that a start reads it and replays only the journal's tail.
 * It is derived, never the record: it may be deleted at any time. Each value carries its own
 * CRC32C, and any doubt about an image (a failed read, a bad checksum, a missing entry) makes the
 * store replay the whole journal instead. A new image is written beside the old one and becomes
 * visible by an atomic rename, so an interrupted checkpoint or rebuild leaves the old one usable.
 * MapDB types stay in this class.
 */
final class IndexImage {
    static final String DIR = "index";
    private static final String PREFIX = "image-";
    private static final String SUFFIX = ".mapdb";
    private static final int FORMAT = 1;

    private IndexImage() {
    }

    /** The images in {@code dataDir/index}, newest first. */
    static List<Path> images(Path dataDir, Disk disk) throws IOException {
        Path dir = dataDir.resolve(DIR);
        List<Path> out = new ArrayList<>();
        for (String name : disk.list(dir)) {
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                out.add(dir.resolve(name));
            }
        }
        out.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        return out;
    }

    /** Writes the state as a new image, forced and renamed into place; returns its path. */
    static Path write(Path dataDir, Disk disk, StoreState state) throws IOException {
        Path dir = dataDir.resolve(DIR);
        disk.createDirectories(dir);
        Path file = dir.resolve(String.format("%s%019d%s", PREFIX, state.appliedSeq, SUFFIX));
        Path temp = dir.resolve(file.getFileName() + ".tmp");
        disk.delete(temp);
        DB db = DBMaker.fileDB(temp.toFile()).fileChannelEnable().make();
        try {
            Map<String, byte[]> entries = db.hashMap("entries", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
            for (SessionHistory h : state.sessions.values()) {
                entries.put("s:" + h.id().value(), seal(history(h, state, false)));
                entries.put("n:" + h.id().value(), seal(h.content().snapshotCbor()));
            }
            for (SessionHistory h : state.deleted.values()) {
                entries.put("x:" + h.id().value(), seal(history(h, state, false)));
                entries.put("n:" + h.id().value(), seal(h.content().snapshotCbor()));
            }
            state.drafts.forEach((key, d) -> entries.put("d:" + key, seal(RecordCodec.draftRecord(key, d, state.sizes))));
            ObjectNode info = RecordCodec.JSON.createObjectNode();
            info.put("format", FORMAT);
            info.put("appliedSeq", state.appliedSeq);
            info.put("sessions", state.sessions.size());
            info.put("deleted", state.deleted.size());
            info.put("drafts", state.drafts.size());
            putShared(info, state);
            ArrayNode named = info.putArray("named");
            state.everNamed.forEach(id -> named.add(id.hex()));
            entries.put("info", seal(info));
        } finally {
            db.close();
        }
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        disk.move(temp, file);
        disk.syncDirectory(dir);
        return file;
    }

    /** Reads an image back; any doubt about it is an exception, and the caller replays the journal. */
    static StoreState read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new EncoreException(Reason.STORE_DAMAGED, "No index image at " + file);
        }
        DB db = DBMaker.fileDB(file.toFile()).fileChannelEnable().readOnly().make();
        try {
            Map<String, byte[]> entries = db.hashMap("entries", Serializer.STRING, Serializer.BYTE_ARRAY).open();
            ObjectNode info = open(entries.get("info"), "info");
            if (info.path("format").asInt() != FORMAT) {
                throw new EncoreException(Reason.STORE_DAMAGED, "Index image " + file + " has an unknown format");
            }
            StoreState s = new StoreState();
            s.appliedSeq = info.path("appliedSeq").asLong();
            info.path("named").forEach(n -> s.everNamed.add(AssetId.of(n.asText())));
            readShared(info, s);
            List<SessionHistory> deleted = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                String key = e.getKey();
                if (key.startsWith("s:")) {
                    SessionHistory h = history(open(e.getValue(), key), snapshotOf(entries, key));
                    s.sessions.put(h.id(), h);
                    s.names.put(Names.key(h.name()), h.id());
                } else if (key.startsWith("x:")) {
                    deleted.add(history(open(e.getValue(), key), snapshotOf(entries, key)));
                } else if (key.startsWith("d:")) {
                    s.drafts.put(key.substring(2), RecordCodec.draft(open(e.getValue(), key)));
                }
            }
            deleted.sort((a, b) -> a.deleted().at().compareTo(b.deleted().at()));
            deleted.forEach(h -> s.deleted.put(h.id(), h));
            if (s.sessions.size() != info.path("sessions").asInt(-1) || s.deleted.size() != info.path("deleted").asInt(-1)
                    || s.drafts.size() != info.path("drafts").asInt(-1)) {
                throw new EncoreException(Reason.STORE_DAMAGED, "Index image " + file + " is incomplete");
            }
            readSetlist(info, s);
            return s;
        } finally {
            db.close();
        }
    }

    /** The newest image that reads back whole, with what was wrong with any newer one. */
    static Optional<StoreState> newest(Path dataDir, Disk disk, List<String> problems) throws IOException {
        for (Path image : images(dataDir, disk)) {
            try {
                return Optional.of(read(image));
            } catch (RuntimeException | Error e) {
                problems.add("index image " + image.getFileName() + " cannot be used (" + e.getMessage() + ")");
            }
        }
        return Optional.empty();
    }

    /** Removes images a process stopped writing half-way: never renamed into place, so never read. */
    static void removeUnfinished(Path dataDir, Disk disk) throws IOException {
        Path dir = dataDir.resolve(DIR);
        for (String name : disk.list(dir)) {
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX + ".tmp")) {
                disk.delete(dir.resolve(name));
            }
        }
    }

    /** Removes images older than {@code keep} and unfinished ones: all derived, all written by Encore. */
    static void removeAllBut(Path dataDir, Disk disk, Path keep) throws IOException {
        Path dir = dataDir.resolve(DIR);
        for (String name : disk.list(dir)) {
            boolean ours = name.startsWith(PREFIX) && (name.endsWith(SUFFIX) || name.endsWith(SUFFIX + ".tmp"));
            if (ours && (keep == null || !dir.resolve(name).equals(keep))) {
                disk.delete(dir.resolve(name));
            }
        }
    }

    /** The whole state as one record: what a compacted journal ends with. */
    static ObjectNode encodeState(StoreState state) {
        ObjectNode n = RecordCodec.JSON.createObjectNode();
        ArrayNode live = n.putArray("sessions");
        state.sessions.values().forEach(h -> live.add(history(h, state, true)));
        ArrayNode gone = n.putArray("deleted");
        state.deleted.values().forEach(h -> gone.add(history(h, state, true)));
        ObjectNode drafts = n.putObject("drafts");
        state.drafts.forEach((key, d) -> drafts.set(key, RecordCodec.draftRecord(key, d, state.sizes)));
        putShared(n, state);
        return n;
    }

    /** Replaces everything in {@code into} by what {@link #encodeState} wrote (the sequence number stays). */
    static void decodeState(ObjectNode n, StoreState into) {
        into.sessions.clear();
        into.deleted.clear();
        into.names.clear();
        into.drafts.clear();
        into.meta.clear();
        into.stems.clear();
        n.path("sessions").forEach(o -> {
            SessionHistory h = history((ObjectNode) o, null);
            into.sessions.put(h.id(), h);
            into.names.put(Names.key(h.name()), h.id());
        });
        n.path("deleted").forEach(o -> {
            SessionHistory h = history((ObjectNode) o, null);
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

    /** A session's history; the snapshot inline, or (in an image) in an entry of its own read when first needed. */
    private static ObjectNode history(SessionHistory h, StoreState state, boolean withSnapshot) {
        ObjectNode n = RecordCodec.JSON.createObjectNode();
        SessionContent c = h.content();
        ObjectNode current = RecordCodec.sessionRecord(new StoredSession(c.id(), c.name(), c.created(), c.updated(),
                SessionStore.SCHEMA_VERSION, c.assets(), withSnapshot ? c.snapshot() : RecordCodec.JSON.createObjectNode()), state.sizes);
        if (!withSnapshot) {
            current.remove("snapshot");
        }
        n.set("current", current);
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

    private static SessionHistory history(ObjectNode n, byte[] snapshotCbor) {
        ObjectNode record = (ObjectNode) n.get("current");
        SessionContent current;
        if (snapshotCbor != null && !record.has("snapshot")) {
            record.putObject("snapshot");
            current = SessionContent.lazy(RecordCodec.session(record), snapshotCbor);
        } else {
            current = SessionContent.of(RecordCodec.session(record));
        }
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

    /** The snapshot bytes stored beside a history entry, checked but not decoded. */
    private static byte[] snapshotOf(Map<String, byte[]> entries, String historyKey) {
        String key = "n:" + historyKey.substring(2);
        return unseal(entries.get(key), key);
    }

    private static byte[] seal(ObjectNode tree) {
        return seal(RecordCodec.cbor(tree));
    }

    private static byte[] seal(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return ByteBuffer.allocate(4 + body.length).putInt((int) crc.getValue()).put(body).array();
    }

    private static ObjectNode open(byte[] sealed, String key) {
        return RecordCodec.decode(unseal(sealed, key), "index entry " + key);
    }

    /** The value inside a sealed entry, once its checksum holds. */
    private static byte[] unseal(byte[] sealed, String key) {
        if (sealed == null || sealed.length < 5) {
            throw new EncoreException(Reason.STORE_DAMAGED, "index entry " + key + " is missing");
        }
        CRC32C crc = new CRC32C();
        crc.update(sealed, 4, sealed.length - 4);
        if (ByteBuffer.wrap(sealed).getInt() != (int) crc.getValue()) {
            throw new EncoreException(Reason.STORE_DAMAGED, "index entry " + key + " fails its checksum");
        }
        return java.util.Arrays.copyOfRange(sealed, 4, sealed.length);
    }

}
