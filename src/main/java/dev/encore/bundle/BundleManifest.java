package dev.encore.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.store.AssetId;
import dev.encore.store.SessionRecords;
import dev.encore.store.StoredSession;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a bundle holds, written as {@code manifest.json}: the format and its version, the Encore
 * that wrote it, the sessions with their revisions in the journal's record form, and every blob with
 * its SHA-256, length and role. See docs/bundle.md.
 */
public record BundleManifest(int formatVersion, String encoreVersion, Instant created, List<BundledSession> sessions,
        List<BundledBlob> blobs) {
    public static final String FORMAT = "encore-bundle";
    /** The version this Encore writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    public BundleManifest {
        sessions = List.copyOf(sessions);
        blobs = List.copyOf(blobs);
    }

    public Map<AssetId, BundledBlob> blobsById() {
        Map<AssetId, BundledBlob> byId = new LinkedHashMap<>();
        blobs.forEach(b -> byId.put(b.id(), b));
        return byId;
    }

    public long audioBytes() {
        return blobs.stream().mapToLong(BundledBlob::length).sum();
    }

    byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", formatVersion);
        root.put("encoreVersion", encoreVersion);
        root.put("created", created.toString());
        Map<AssetId, Long> sizes = new HashMap<>();
        blobs.forEach(b -> sizes.put(b.id(), b.length()));
        ArrayNode ss = root.putArray("sessions");
        for (BundledSession s : sessions) {
            ObjectNode node = ss.addObject();
            node.put("id", s.current().id().value());
            node.put("name", s.current().name());
            ArrayNode revs = node.putArray("revisions");
            s.revisions().forEach(r -> revs.add(SessionRecords.toRecord(r, sizes)));
        }
        ArrayNode bs = root.putArray("blobs");
        for (BundledBlob b : blobs) {
            bs.addObject().put("id", b.id().hex()).put("sha256", b.sha256()).put("length", b.length()).put("role", b.role());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a manifest tree always serializes", e);
        }
    }

    /** Reads a manifest; anything that is not one of a version this Encore knows refuses the bundle. */
    static BundleManifest parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw BundleRefused.because("Its manifest is not JSON (" + e.getMessage() + ").");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw BundleRefused.because("It is not an Encore show bundle (its manifest does not say format \"" + FORMAT + "\").");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw BundleRefused.because("It is bundle format " + root.path("formatVersion") + ", written by Encore "
                    + root.path("encoreVersion").asText("?") + "; this Encore reads format 1 to " + FORMAT_VERSION
                    + ". Update Encore on this computer to import it.");
        }
        try {
            List<BundledBlob> blobs = new ArrayList<>();
            for (JsonNode b : root.withArray("blobs")) {
                String sha = b.path("sha256").asText();
                if (sha.length() != 64 || !sha.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    throw BundleRefused.because("Its manifest gives blob " + b.path("id").asText() + " no SHA-256.");
                }
                long length = b.path("length").asLong(-1);
                if (length < 0) {
                    throw BundleRefused.because("Its manifest gives blob " + b.path("id").asText() + " no length.");
                }
                blobs.add(new BundledBlob(AssetId.of(b.path("id").asText()), sha, length, b.path("role").asText("audio")));
            }
            List<BundledSession> sessions = new ArrayList<>();
            for (JsonNode s : root.withArray("sessions")) {
                List<StoredSession> revs = new ArrayList<>();
                for (JsonNode r : s.withArray("revisions")) {
                    if (!(r instanceof ObjectNode record)) {
                        throw BundleRefused.because("Session '" + s.path("name").asText() + "' has a revision that is not a record.");
                    }
                    revs.add(SessionRecords.fromRecord(record));
                }
                if (revs.isEmpty()) {
                    throw BundleRefused.because("Session '" + s.path("name").asText() + "' has no revision.");
                }
                sessions.add(new BundledSession(revs));
            }
            return new BundleManifest(version, root.path("encoreVersion").asText(), Instant.parse(root.path("created").asText()),
                    sessions, blobs);
        } catch (EncoreException e) {
            if (e.reason() == dev.encore.Reason.BUNDLE_REFUSED) {
                throw e;
            }
            throw BundleRefused.because("Its manifest is damaged: " + e.getMessage());
        } catch (RuntimeException e) {
            throw BundleRefused.because("Its manifest is damaged: " + e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }
}
