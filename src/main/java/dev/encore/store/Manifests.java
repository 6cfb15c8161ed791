package dev.encore.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A readable JSON copy of every committed session ({@code manifests/<id>.json}) and of the setlist
 * ({@code manifests/setlist.json}), each written atomically before the index commit. If the MapDB
 * index is ever lost, {@link StoreRebuild} brings every session back from these and the blobs.
 */
final class Manifests {
    static final String DIR = "manifests";
    static final String SETLIST = "setlist.json";

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
        disk.writeAtomically(dir.resolve(id.value() + ".json"), RecordCodec.json(record));
    }

    void deleteSession(SessionId id) throws IOException {
        disk.delete(dir.resolve(id.value() + ".json"));
        disk.syncDirectory(dir);
    }

    void writeSetlist(List<SessionId> order, SessionId active) throws IOException {
        ObjectNode n = RecordCodec.JSON.createObjectNode();
        ArrayNode a = n.putArray("setlist");
        order.forEach(id -> a.add(id.value()));
        n.put("active", active == null ? null : active.value());
        disk.writeAtomically(dir.resolve(SETLIST), RecordCodec.json(n));
    }

    /** Every session manifest (id and record), in no particular order. */
    List<Entry> readSessions() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String name : disk.list(dir)) {
            String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : "";
            if (SessionId.isValid(stem)) {
                out.add(new Entry(SessionId.of(stem), RecordCodec.decode(Files.readAllBytes(dir.resolve(name)), "manifest " + name)));
            }
        }
        return out;
    }

    Optional<ObjectNode> readSetlist() throws IOException {
        try {
            return Optional.of(RecordCodec.decode(Files.readAllBytes(dir.resolve(SETLIST)), "setlist manifest"));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    record Entry(SessionId id, ObjectNode record) {
    }
}
