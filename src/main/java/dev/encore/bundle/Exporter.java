package dev.encore.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetHasher;
import dev.encore.store.AssetId;
import dev.encore.store.Revision;
import dev.encore.store.SessionStore;
import dev.encore.store.SessionSummary;
import dev.encore.store.StoredSession;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * Writes sessions of a store and every blob they use into one bundle. Each blob is read once to
 * check it against its name in the store (damaged audio is never bundled) and to compute its
 * SHA-256 and CRC-32, all three from the same chunk while it is in the cache (a stored zip entry
 * names its CRC-32 before its bytes, so this comes first), then streamed into the zip.
 */
public final class Exporter {
    static final String CHECKING = "checking audio";
    static final String WRITING = "writing the bundle";
    /** Long enough (about 8 ms of SHA-256) that handing a chunk to the hashing thread costs nothing, even on a busy machine. */
    private static final int CHUNK = 4 << 20;

    private final SessionStore store;
    private final String encoreVersion;

    public Exporter(SessionStore store, String encoreVersion) {
        this.store = store;
        this.encoreVersion = encoreVersion;
    }

    /** What an export wrote: the sessions, how many revisions and blobs, and the audio bytes. */
    public record Exported(List<String> sessions, int revisions, int blobs, long audioBytes) {
    }

    /**
     * Writes the named sessions (all of them, in setlist order, when {@code names} is empty), with all
     * their retained revisions when {@code history} is set, else only what each is now.
     */
    public Exported export(List<String> names, boolean history, OutputStream target) throws IOException {
        return export(names, history, target, BundleProgress.NONE);
    }

    /** As {@link #export(List, boolean, OutputStream)}, reporting the steps "checking audio" and "writing the bundle". */
    public Exported export(List<String> names, boolean history, OutputStream target, BundleProgress progress) throws IOException {
        List<BundledSession> sessions = new ArrayList<>();
        for (StoredSession current : chosen(names)) {
            List<StoredSession> revisions = new ArrayList<>();
            if (history) {
                List<Revision> newestFirst = store.revisions().history(current.id());
                for (int i = newestFirst.size() - 1; i >= 0; i--) {
                    revisions.add(store.revisions().revision(current.id(), newestFirst.get(i).number()));
                }
                // Undo can leave the session at an older revision: what it is now comes last either way.
                if (store.revisions().head(current.id()) != newestFirst.get(0).number()) {
                    revisions.add(current);
                }
            } else {
                revisions.add(current);
            }
            sessions.add(new BundledSession(revisions));
        }
        Map<AssetId, String> roles = new LinkedHashMap<>();
        for (BundledSession s : sessions) {
            for (StoredSession r : s.revisions()) {
                for (AssetId id : new TreeSet<>(r.assets())) {
                    roles.putIfAbsent(id, roleIn(r.snapshot(), id.hex()));
                }
            }
        }
        long audioBytes = 0;
        for (AssetId id : roles.keySet()) {
            audioBytes += store.map(id).length();
        }
        List<BundledBlob> blobs = new ArrayList<>();
        Map<AssetId, Long> crcs = new HashMap<>();
        int size = (int) Math.max(1, Math.min(CHUNK, audioBytes));
        byte[][] chunks = {new byte[size], new byte[size]};
        long checked = 0;
        int turn = 0;
        progress.advanced(CHECKING, 0, audioBytes);
        for (Map.Entry<AssetId, String> e : roles.entrySet()) {
            // One read of each chunk feeds all three hashes while it is in the cache, SHA-256 on a thread of its own.
            ByteBuffer bytes = store.map(e.getKey()).bytes().duplicate();
            long length = bytes.remaining();
            AssetHasher name = new AssetHasher();
            Sha256Beside sha = new Sha256Beside();
            CRC32 crc = new CRC32();
            while (bytes.hasRemaining()) {
                byte[] chunk = chunks[turn++ & 1];
                int n = Math.min(chunk.length, bytes.remaining());
                bytes.get(chunk, 0, n);
                sha.update(chunk, n);
                name.update(chunk, 0, n);
                crc.update(chunk, 0, n);
                checked += n;
                progress.advanced(CHECKING, checked, audioBytes);
            }
            String sha256 = sha.hex();
            AssetId actual = name.id();
            if (!actual.equals(e.getKey())) {
                throw new EncoreException(Reason.ASSET_CORRUPT, "Audio " + e.getKey() + " is damaged (its content hashes to "
                        + actual + "), so it is not exported. Run 'check' to see which sessions use it.");
            }
            crcs.put(e.getKey(), crc.getValue());
            blobs.add(new BundledBlob(e.getKey(), sha256, length, e.getValue()));
        }
        byte[] chunk = chunks[0];
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, encoreVersion,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), sessions, blobs);
        long total = audioBytes;
        long[] written = {0};
        progress.advanced(WRITING, 0, total);
        BundleWriter.write(target, manifest.toJson(), manifest, crcs, (id, out) -> {
            ByteBuffer bytes = store.map(id).bytes().duplicate();
            while (bytes.hasRemaining()) {
                int n = Math.min(chunk.length, bytes.remaining());
                bytes.get(chunk, 0, n);
                out.write(chunk, 0, n);
                written[0] += n;
                progress.advanced(WRITING, written[0], total);
            }
        });
        int revisions = sessions.stream().mapToInt(s -> s.revisions().size()).sum();
        return new Exported(sessions.stream().map(s -> s.current().name()).toList(), revisions, blobs.size(), manifest.audioBytes());
    }

    /**
     * Writes the bundle to {@code target}, which appears under its name only when it is complete:
     * written beside it as a hidden {@code .part} file, forced, then renamed over it. On any failure
     * the partial file is removed and nothing is left under the name.
     */
    public Exported toFile(List<String> names, boolean history, Path target, BundleProgress progress) throws IOException {
        if (Files.isDirectory(target)) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, target + " is a folder; give a file name such as "
                    + target.resolve("show.encore.zip") + ".");
        }
        Path partial = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            Exported done;
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
                    OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20)) {
                done = export(names, history, stream, progress);
                stream.flush();
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return done;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            if (e instanceof IOException io) {
                boolean full = io.getMessage() != null && io.getMessage().contains("No space left");
                throw new EncoreException(full ? Reason.STORAGE_FULL : Reason.STORAGE_FAILURE, "Writing the bundle " + target
                        + " failed (" + io + "); no bundle was written. Check that the drive has room and is writable.");
            }
            throw e;
        }
    }

    private List<StoredSession> chosen(List<String> names) {
        List<StoredSession> out = new ArrayList<>();
        if (names.isEmpty()) {
            for (SessionSummary s : store.list()) {
                store.find(s.id()).ifPresent(out::add);
            }
            return out;
        }
        for (String name : names) {
            out.add(store.findByName(name).orElseThrow(() -> new EncoreException(Reason.NO_SUCH_SESSION,
                    "There is no session named '" + name.strip() + "'; 'list' prints the names. Nothing was exported.")));
        }
        return out;
    }

    /** Where the snapshot names the asset ("pcm", "stems.vocals", ...), or "audio" when it names it nowhere visible. */
    static String roleIn(JsonNode node, String hex) {
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                if (f.getValue().isTextual() && f.getValue().asText().equals(hex)) {
                    return f.getKey();
                }
                String inner = roleIn(f.getValue(), hex);
                if (!inner.equals("audio")) {
                    return f.getValue().isObject() && !f.getKey().equals("params") ? f.getKey() + "." + inner : inner;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                String inner = roleIn(item, hex);
                if (!inner.equals("audio")) {
                    return inner;
                }
            }
        }
        return "audio";
    }
}
