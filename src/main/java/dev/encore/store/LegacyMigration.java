package dev.encore.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a data folder written before the journal (a JSON manifest per session in
 * {@code manifests/} beside a MapDB {@code index.mapdb}) into the journal at its first start,
 * losing nothing. Each session is taken from the old index when it reads back there (its CBOR
 * keeps blobs and NaN typed), else from its manifest. The old files are left where they are; a
 * note file in {@code manifests/} says they were migrated. Safe to interrupt: sessions the journal
 * already has are skipped when it runs again.
 */
final class LegacyMigration {
    static final String MANIFESTS = "manifests";
    static final String DONE = "migrated-to-journal.txt";
    private static final String OLD_INDEX = "index.mapdb";
    private static final Logger LOG = LoggerFactory.getLogger(LegacyMigration.class);

    private LegacyMigration() {
    }

    static boolean needed(Path dataDir) {
        Path dir = dataDir.resolve(MANIFESTS);
        return Files.isDirectory(dir) && !Files.exists(dir.resolve(DONE));
    }

    /** Appends a record for everything the old files hold that {@code state} lacks. */
    static int migrate(Path dataDir, Disk disk, BlobStore blobs, StoreState state, BiConsumer<RecordType, ObjectNode> commit) throws IOException {
        Path dir = dataDir.resolve(MANIFESTS);
        Map<String, ObjectNode> fromIndex = new HashMap<>();
        Map<String, ObjectNode> draftsFromIndex = new HashMap<>();
        readOldIndex(dataDir.resolve(OLD_INDEX), fromIndex, draftsFromIndex);
        List<ObjectNode> sessions = new ArrayList<>();
        Map<String, ObjectNode> drafts = new HashMap<>(draftsFromIndex);
        ObjectNode setlist = null;
        ObjectNode meta = null;
        ObjectNode stems = null;
        for (String name : disk.list(dir)) {
            ObjectNode record = readJson(dir.resolve(name));
            String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : "";
            if (SessionId.isValid(stem)) {
                ObjectNode typed = fromIndex.remove(stem);
                if (typed != null || record != null) {
                    sessions.add(withId(typed != null ? typed : record, stem));
                }
            } else if (stem.startsWith("draft-") && record != null) {
                drafts.putIfAbsent(stem.substring(6), record);
            } else if (stem.equals("setlist")) {
                setlist = record;
            } else if (stem.equals("meta")) {
                meta = record;
            } else if (stem.equals("stems")) {
                stems = record;
            }
        }
        fromIndex.forEach((id, record) -> sessions.add(withId(record, id)));
        sessions.sort(Comparator.comparingLong(r -> r.path("created").asLong()));
        int added = 0;
        for (ObjectNode old : sessions) {
            StoredSession s = RecordCodec.session(old);
            if (state.sessions.containsKey(s.id()) || state.deleted.containsKey(s.id())) {
                continue;
            }
            String name = uniqueName(state, s.name());
            StoredSession renamed = new StoredSession(s.id(), name, s.created(), s.updated(), SchemaMigration.CURRENT, s.assets(), s.snapshot());
            ObjectNode r = RecordCodec.sessionRecord(renamed, sizes(blobs, renamed.assets()));
            r.put("what", "migrated");
            commit.accept(RecordType.SESSION, r);
            added++;
        }
        for (Map.Entry<String, ObjectNode> d : drafts.entrySet()) {
            String key = d.getKey();
            boolean owner = StoreState.UNTITLED.equals(key) || (SessionId.isValid(key) && state.sessions.containsKey(SessionId.of(key)));
            if (owner && !state.drafts.containsKey(key) && d.getValue().get("snapshot") instanceof ObjectNode) {
                ObjectNode r = d.getValue().deepCopy();
                r.put("key", key);
                StoredDraft draft = RecordCodec.draft(r);
                commit.accept(RecordType.DRAFT, RecordCodec.draftRecord(key, draft, sizes(blobs, draft.assets())));
            }
        }
        if (meta != null) {
            meta.fields().forEachRemaining(f -> {
                if (!state.meta.containsKey(f.getKey())) {
                    ObjectNode r = RecordCodec.JSON.createObjectNode().put("key", f.getKey()).put("value", f.getValue().asText());
                    commit.accept(RecordType.META, r);
                }
            });
        }
        if (stems != null) {
            stems.fields().forEachRemaining(f -> {
                if (!state.stems.containsKey(f.getKey())) {
                    ObjectNode r = RecordCodec.JSON.createObjectNode().put("key", f.getKey());
                    r.set("stems", f.getValue());
                    commit.accept(RecordType.STEMS, r);
                }
            });
        }
        if (setlist != null) {
            commit.accept(RecordType.SETLIST, setlist.deepCopy());
        }
        disk.writeAtomically(dir.resolve(DONE), ("These files were migrated into " + Journal.DIR + "/, which is now the record of every "
                + "session. Encore no longer reads them; they can be archived or removed.\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        LOG.info("Migrated {} session(s) and {} draft(s) from {} into the journal; the old files stay where they are",
                added, drafts.size(), dir);
        return added;
    }

    private static void readOldIndex(Path file, Map<String, ObjectNode> sessions, Map<String, ObjectNode> drafts) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        DB db = null;
        try {
            db = DBMaker.fileDB(file.toFile()).fileChannelEnable().readOnly().make();
            Map<String, byte[]> s = db.hashMap("sessions", Serializer.STRING, Serializer.BYTE_ARRAY).open();
            Map<String, byte[]> d = db.hashMap("drafts", Serializer.STRING, Serializer.BYTE_ARRAY).open();
            s.forEach((k, v) -> {
                try {
                    sessions.put(k, RecordCodec.decode(v, "old index session " + k));
                } catch (RuntimeException e) {
                    LOG.info("Old index entry {} cannot be read ({}); its manifest is used", k, e.getMessage());
                }
            });
            d.forEach((k, v) -> {
                try {
                    drafts.put(k, RecordCodec.decode(v, "old index draft " + k));
                } catch (RuntimeException e) {
                    LOG.info("Old index draft {} cannot be read ({}); its manifest is used", k, e.getMessage());
                }
            });
        } catch (RuntimeException | Error e) {
            LOG.info("The old index {} cannot be read ({}); migrating from the manifests alone", file, e.toString());
        } finally {
            if (db != null) {
                try {
                    db.close();
                } catch (RuntimeException ignored) {
                    // Read-only; nothing to lose.
                }
            }
        }
    }

    private static ObjectNode readJson(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return bytes.length == 0 ? null : RecordCodec.decode(bytes, "manifest " + file.getFileName());
        } catch (IOException | RuntimeException e) {
            LOG.info("Old manifest {} cannot be read ({}); skipped", file.getFileName(), e.getMessage());
            return null;
        }
    }

    private static ObjectNode withId(ObjectNode record, String id) {
        ObjectNode r = SchemaMigration.toCurrent(record).deepCopy();
        r.put("id", id);
        return r;
    }

    private static Map<AssetId, Long> sizes(BlobStore blobs, Iterable<AssetId> ids) {
        Map<AssetId, Long> out = new HashMap<>();
        for (AssetId id : ids) {
            out.put(id, blobs.exists(id) ? blobs.length(id) : -1L);
        }
        return out;
    }

    static String uniqueName(StoreState state, String wanted) {
        String base = Names.clean(wanted);
        String name = base;
        for (int n = 2; state.names.containsKey(Names.key(name)); n++) {
            name = base + " (" + n + ")";
        }
        return name;
    }
}
