package dev.encore.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetHasher;
import dev.encore.store.AssetId;
import dev.encore.store.MappedAsset;
import dev.encore.store.Revision;
import dev.encore.store.SessionStore;
import dev.encore.store.SessionSummary;
import dev.encore.store.StoredSession;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * Writes sessions of a store and every blob they use into one bundle. Each blob is read once to
 * check it against its name in the store (damaged audio is never bundled) and to compute its
 * SHA-256 and CRC-32, then streamed into the zip from its memory mapping.
 */
public final class Exporter {
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
        List<BundledSession> sessions = new ArrayList<>();
        for (StoredSession current : chosen(names)) {
            List<StoredSession> revisions = new ArrayList<>();
            if (history) {
                List<Revision> newestFirst = store.history(current.id());
                for (int i = newestFirst.size() - 1; i >= 0; i--) {
                    revisions.add(store.revision(current.id(), newestFirst.get(i).number()));
                }
                // Undo can leave the session at an older revision: what it is now comes last either way.
                if (store.headRevision(current.id()) != newestFirst.get(0).number()) {
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
        List<BundledBlob> blobs = new ArrayList<>();
        Map<AssetId, Long> crcs = new HashMap<>();
        for (Map.Entry<AssetId, String> e : roles.entrySet()) {
            MappedAsset asset = store.map(e.getKey());
            ByteBuffer bytes = asset.bytes();
            AssetId actual = new AssetHasher().update(bytes.duplicate()).id();
            if (!actual.equals(e.getKey())) {
                throw new EncoreException(Reason.ASSET_CORRUPT, "Audio " + e.getKey() + " is damaged (its content hashes to "
                        + actual + "), so it is not exported. Run 'check' to see which sessions use it.");
            }
            MessageDigest sha = BundleManifest.newSha256();
            sha.update(bytes.duplicate());
            CRC32 crc = new CRC32();
            crc.update(bytes.duplicate());
            crcs.put(e.getKey(), crc.getValue());
            blobs.add(new BundledBlob(e.getKey(), HexFormat.of().formatHex(sha.digest()), asset.length(), e.getValue()));
        }
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, encoreVersion,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), sessions, blobs);
        BundleWriter.write(target, manifest.toJson(), manifest, crcs, (id, out) -> {
            WritableByteChannel channel = Channels.newChannel(out);
            ByteBuffer bytes = store.map(id).bytes().duplicate();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        });
        int revisions = sessions.stream().mapToInt(s -> s.revisions().size()).sum();
        return new Exported(sessions.stream().map(s -> s.current().name()).toList(), revisions, blobs.size(), manifest.audioBytes());
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
