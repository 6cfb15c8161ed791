package dev.encore.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The journal of record: a readable JSON file for every committed session ({@code <id>.json}),
 * every draft ({@code draft-<key>.json}), the setlist with the active session, the engine's
 * bookkeeping and the stem cache, each written atomically before the index commit that it
 * mirrors. The MapDB index is derived from these: after an unclean shutdown or a damaged index,
 * {@link StoreRebuild} brings everything back from them and the blobs.
 */
final class Manifests {
    static final String DIR = "manifests";
    private static final String SETLIST = "setlist.json";
    private static final String META = "meta.json";
    private static final String STEMS = "stems.json";
    private static final String DRAFT_PREFIX = "draft-";

    private final Path dir;
    private final Disk disk;

    Manifests(Path dataDir, Disk disk) {
        this.dir = dataDir.resolve(DIR);
        this.disk = disk;
    }

    void init() throws IOException {
        disk.createDirectories(dir);
        for (String name : disk.list(dir)) {
            if (name.endsWith(".tmp")) {
                disk.delete(dir.resolve(name));
            }
        }
    }

    void writeSession(ObjectNode record, SessionId id) throws IOException {
        write(id.value() + ".json", record);
    }

    void deleteSession(SessionId id) throws IOException {
        delete(id.value() + ".json");
    }

    void writeDraft(String key, ObjectNode record) throws IOException {
        write(DRAFT_PREFIX + key + ".json", record);
    }

    /**
     * Deletes a draft file without forcing the folder: if a power cut undoes the deletion, the draft
     * that comes back holds the state that was just saved, which costs nothing, while the extra
     * flush would cost every save.
     */
    void deleteDraft(String key) throws IOException {
        disk.delete(dir.resolve(DRAFT_PREFIX + key + ".json"));
    }

    void writeSetlist(List<SessionId> order, SessionId active) throws IOException {
        ObjectNode n = RecordCodec.JSON.createObjectNode();
        ArrayNode a = n.putArray("setlist");
        order.forEach(id -> a.add(id.value()));
        n.put("active", active == null ? null : active.value());
        write(SETLIST, n);
    }

    void writeMeta(Map<String, String> values) throws IOException {
        ObjectNode n = RecordCodec.JSON.createObjectNode();
        new TreeMap<>(values).forEach(n::put);
        write(META, n);
    }

    void writeStems(ObjectNode entries) throws IOException {
        write(STEMS, entries);
    }

    /** The sessions that have a manifest, from the file names alone: nothing is read or parsed. */
    Set<SessionId> sessionIds() throws IOException {
        Set<SessionId> ids = new HashSet<>();
        for (String name : disk.list(dir)) {
            String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : "";
            if (SessionId.isValid(stem)) {
                ids.add(SessionId.of(stem));
            }
        }
        return ids;
    }

    /** Every session manifest, in no particular order. */
    List<Entry> readSessions() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String name : disk.list(dir)) {
            String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : "";
            if (SessionId.isValid(stem)) {
                out.add(new Entry(stem, read(name).orElseThrow()));
            }
        }
        return out;
    }

    /** Every draft manifest, keyed by session id or "untitled". */
    List<Entry> readDrafts() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String name : disk.list(dir)) {
            if (name.startsWith(DRAFT_PREFIX) && name.endsWith(".json")) {
                out.add(new Entry(name.substring(DRAFT_PREFIX.length(), name.length() - 5), read(name).orElseThrow()));
            }
        }
        return out;
    }

    Optional<ObjectNode> readSetlist() throws IOException {
        return read(SETLIST);
    }

    Optional<ObjectNode> readMeta() throws IOException {
        return read(META);
    }

    Optional<ObjectNode> readStems() throws IOException {
        return read(STEMS);
    }

    private void write(String name, ObjectNode node) throws IOException {
        disk.writeAtomically(dir.resolve(name), RecordCodec.json(node));
    }

    /** Deletes a manifest; when there is none (a save with no draft) no directory sync is paid. */
    private void delete(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return;
        }
        disk.delete(file);
        disk.syncDirectory(dir);
    }

    private Optional<ObjectNode> read(String name) throws IOException {
        try {
            return Optional.of(RecordCodec.decode(Files.readAllBytes(dir.resolve(name)), "manifest " + name));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** One manifest: the key from its file name and its record. */
    record Entry(String key, ObjectNode record) {
    }
}
