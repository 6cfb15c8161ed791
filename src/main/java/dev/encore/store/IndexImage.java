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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(IndexImage.class);
    static final String DIR = "index";
    private static final String PREFIX = "image-";
    private static final String SUFFIX = ".mapdb";
    /** 2: the state as one binary body and the snapshots as one stream (see {@link ImageCodec}), in sealed chunks. */
    private static final int FORMAT = 2;
    private static final String INFO = "info";
    private static final String STATE = "state";
    private static final String SNAPSHOTS = "snapshots";
    private static final int CHUNK_BYTES = 256 * 1024;

    private IndexImage() {
    }

    /** Builds and reads a small in-memory map the way an image is read, so the classes that takes are loaded. */
    static void preload() {
        try {
            DB db = DBMaker.memoryDB().make();
            try {
                Map<String, byte[]> entries = db.hashMap("entries", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
                entries.put(INFO, seal(new byte[] {0}));
                checkSeal(entries.get(INFO), INFO);
                Class.forName("org.mapdb.volume.FileChannelVol");
            } finally {
                db.close();
            }
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            LOG.debug("Preloading the index classes failed ({}); opening the store will say what is wrong", e.toString());
        }
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
        ImageCodec.Encoded body = ImageCodec.encode(state);
        DB db = DBMaker.fileDB(temp.toFile()).fileChannelEnable().make();
        try {
            Map<String, byte[]> entries = db.hashMap("entries", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
            int stateChunks = putChunks(entries, STATE, body.state());
            int snapshotChunks = putChunks(entries, SNAPSHOTS, body.snapshots());
            ObjectNode info = RecordCodec.JSON.createObjectNode();
            info.put("format", FORMAT);
            info.put("appliedSeq", state.appliedSeq);
            info.put("sessions", state.sessions.size());
            info.put("deleted", state.deleted.size());
            info.put("drafts", state.drafts.size());
            info.put(STATE, stateChunks);
            info.put(SNAPSHOTS, snapshotChunks);
            entries.put(INFO, seal(RecordCodec.cbor(info)));
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
            ObjectNode info = RecordCodec.decode(unseal(entries.get(INFO), INFO), "index entry " + INFO);
            if (info.path("format").asInt() != FORMAT) {
                throw new EncoreException(Reason.STORE_DAMAGED, "Index image " + file + " has format "
                        + info.path("format").asInt() + ", not " + FORMAT + " (written by another Encore)");
            }
            StoreState s;
            try {
                s = ImageCodec.decode(chunks(entries, STATE, info.path(STATE).asInt(-1)),
                        chunks(entries, SNAPSHOTS, info.path(SNAPSHOTS).asInt(-1)));
            } catch (IllegalArgumentException e) {
                throw new EncoreException(Reason.STORE_DAMAGED, "Index image " + file + " does not read back: " + e.getMessage(), e);
            }
            s.appliedSeq = info.path("appliedSeq").asLong();
            if (s.sessions.size() != info.path("sessions").asInt(-1) || s.deleted.size() != info.path("deleted").asInt(-1)
                    || s.drafts.size() != info.path("drafts").asInt(-1)) {
                throw new EncoreException(Reason.STORE_DAMAGED, "Index image " + file + " is incomplete");
            }
            return s;
        } finally {
            db.close();
        }
    }

    /** Stores {@code body} as sealed entries {@code name:0}, {@code name:1}, ...; returns how many. */
    private static int putChunks(Map<String, byte[]> entries, String name, byte[] body) {
        int n = 0;
        for (int at = 0; at < body.length || n == 0; at += CHUNK_BYTES) {
            int end = Math.min(body.length, at + CHUNK_BYTES);
            entries.put(name + ":" + n++, seal(java.util.Arrays.copyOfRange(body, at, end)));
        }
        return n;
    }

    private static byte[] chunks(Map<String, byte[]> entries, String name, int count) {
        if (count < 1) {
            throw new EncoreException(Reason.STORE_DAMAGED, "index entry " + INFO + " does not say how long " + name + " is");
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            String key = name + ":" + i;
            byte[] sealed = entries.get(key);
            checkSeal(sealed, key);
            out.write(sealed, 4, sealed.length - 4);
        }
        return out.toByteArray();
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
        state.sessions.values().forEach(h -> live.add(history(h, state)));
        ArrayNode gone = n.putArray("deleted");
        state.deleted.values().forEach(h -> gone.add(history(h, state)));
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

    private static byte[] seal(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return ByteBuffer.allocate(4 + body.length).putInt((int) crc.getValue()).put(body).array();
    }

    /** The value inside a sealed entry, once its checksum holds. */
    private static byte[] unseal(byte[] sealed, String key) {
        checkSeal(sealed, key);
        return java.util.Arrays.copyOfRange(sealed, 4, sealed.length);
    }

    private static void checkSeal(byte[] sealed, String key) {
        if (sealed == null || sealed.length < 4) {
            throw new EncoreException(Reason.STORE_DAMAGED, "index entry " + key + " is missing");
        }
        CRC32C crc = new CRC32C();
        crc.update(sealed, 4, sealed.length - 4);
        if (ByteBuffer.wrap(sealed).getInt() != (int) crc.getValue()) {
            throw new EncoreException(Reason.STORE_DAMAGED, "index entry " + key + " fails its checksum");
        }
    }
}
