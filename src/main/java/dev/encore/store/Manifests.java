package dev.encore.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The journal of record: a readable JSON manifest for every committed session ({@code <id>}),
 * every draft ({@code draft-<key>}), the setlist with the active session, the engine's
 * bookkeeping and the stem cache, each forced to disk before the index commit that it mirrors.
 * A manifest lives in two files, {@code <name>.a.json} and {@code <name>.b.json}, written in turn;
 * each starts with one line {@code encore-manifest <seq> <crc32c> <length>} and the newest
 * complete one counts. The MapDB index is derived from these: after an unclean shutdown or a damaged index,
 * {@link StoreRebuild} brings everything back from them and the blobs.
 */
final class Manifests {
    static final String DIR = "manifests";
    private static final String SETLIST = "setlist";
    private static final String META = "meta";
    private static final String STEMS = "stems";
    private static final String DRAFT_PREFIX = "draft-";
    private static final String MAGIC = "encore-manifest";
    private static final String SUFFIX = ".json";
    private static final char[] SLOTS = {'a', 'b'};

    private final Path dir;
    private final Disk disk;
    /** The sequence number of each manifest's newest version, learned on first use. */
    private final Map<String, Long> seqs = new HashMap<>();

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
        write(id.value(), record);
    }

    void deleteSession(SessionId id) throws IOException {
        delete(id.value(), true);
    }

    void writeDraft(String key, ObjectNode record) throws IOException {
        write(DRAFT_PREFIX + key, record);
    }

    /**
     * Deletes a draft file without forcing the folder: if a power cut undoes the deletion, the draft
     * that comes back holds the state that was just saved, which costs nothing, while the extra
     * flush would cost every save.
     */
    void deleteDraft(String key) throws IOException {
        delete(DRAFT_PREFIX + key, false);
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
        for (String base : bases()) {
            if (SessionId.isValid(base)) {
                ids.add(SessionId.of(base));
            }
        }
        return ids;
    }

    /** Every session manifest, in no particular order. */
    List<Entry> readSessions() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (SessionId id : sessionIds()) {
            read(id.value()).ifPresent(record -> out.add(new Entry(id.value(), record)));
        }
        return out;
    }

    /** Every draft manifest, keyed by session id or "untitled". */
    List<Entry> readDrafts() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String base : bases()) {
            if (base.startsWith(DRAFT_PREFIX)) {
                read(base).ifPresent(record -> out.add(new Entry(base.substring(DRAFT_PREFIX.length()), record)));
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

    /**
     * Writes the next version of a manifest into the older of its two slots and forces it. The
     * newer slot is never touched, so a write cut short by a crash, a power cut or a full disk
     * leaves the last complete version readable; and once both slots exist a write creates no
     * file, so the folder needs no flush.
     */
    private void write(String base, ObjectNode node) throws IOException {
        long seq = currentSeq(base) + 1;
        byte[] body = RecordCodec.json(node);
        CRC32C crc = new CRC32C();
        crc.update(body);
        byte[] header = (MAGIC + " " + seq + " " + Long.toHexString(crc.getValue()) + " " + body.length + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteBuffer bytes = ByteBuffer.allocate(header.length + body.length).put(header).put(body).flip();
        if (disk.overwrite(slot(base, seq), bytes)) {
            disk.syncDirectory(dir);
        }
        seqs.put(base, seq);
    }

    private void delete(String base, boolean sync) throws IOException {
        seqs.remove(base);
        boolean existed = false;
        for (char slot : SLOTS) {
            Path file = dir.resolve(base + "." + slot + SUFFIX);
            if (Files.exists(file)) {
                disk.delete(file);
                existed = true;
            }
        }
        if (existed && sync) {
            disk.syncDirectory(dir);
        }
    }

    /** The newest complete version of a manifest, or empty when it has none. */
    private Optional<ObjectNode> read(String base) throws IOException {
        Version newest = null;
        for (char slot : SLOTS) {
            Version v = version(dir.resolve(base + "." + slot + SUFFIX));
            if (v != null && (newest == null || v.seq() > newest.seq())) {
                newest = v;
            }
        }
        if (newest == null) {
            return Optional.empty();
        }
        seqs.merge(base, newest.seq(), Math::max);
        return Optional.of(RecordCodec.decode(newest.body(), "manifest " + base));
    }

    private long currentSeq(String base) throws IOException {
        Long known = seqs.get(base);
        if (known != null) {
            return known;
        }
        long seq = 0;
        for (char slot : SLOTS) {
            Version v = version(dir.resolve(base + "." + slot + SUFFIX));
            if (v != null) {
                seq = Math.max(seq, v.seq());
            }
        }
        seqs.put(base, seq);
        return seq;
    }

    /** A slot's content when its header, length and checksum hold; null when missing or cut short. */
    private static Version version(Path file) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        int eol = 0;
        while (eol < all.length && all[eol] != '\n') {
            eol++;
        }
        String[] header = new String(all, 0, eol, StandardCharsets.US_ASCII).split(" ");
        if (eol == all.length || header.length != 4 || !header[0].equals(MAGIC)) {
            return null;
        }
        try {
            long seq = Long.parseLong(header[1]);
            long crc = Long.parseLong(header[2], 16);
            int length = Integer.parseInt(header[3]);
            byte[] body = Arrays.copyOfRange(all, eol + 1, all.length);
            CRC32C check = new CRC32C();
            check.update(body);
            return body.length == length && check.getValue() == crc ? new Version(seq, body) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Path slot(String base, long seq) {
        return dir.resolve(base + "." + SLOTS[(int) (seq & 1)] + SUFFIX);
    }

    /** The manifest names in the folder, each once whichever of its slots exist. */
    private Set<String> bases() throws IOException {
        Set<String> bases = new HashSet<>();
        for (String name : disk.list(dir)) {
            for (char slot : SLOTS) {
                String ending = "." + slot + SUFFIX;
                if (name.endsWith(ending)) {
                    bases.add(name.substring(0, name.length() - ending.length()));
                }
            }
        }
        return bases;
    }

    private record Version(long seq, byte[] body) {
    }

    /** One manifest: the key from its file name and its record. */
    record Entry(String key, ObjectNode record) {
    }
}
