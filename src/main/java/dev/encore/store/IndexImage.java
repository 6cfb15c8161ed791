package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
