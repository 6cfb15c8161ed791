package dev.encore.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetId;
import dev.encore.store.BlobWriter;
import dev.encore.store.SessionId;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * Adds the sessions of a checked bundle to a store. Audio first, each blob written only when the
 * store does not hold it yet; then each session's revisions, oldest first, one durable record
 * each. Sessions keep their ids, so an import that was cut off is recognised when it is run again
 * and carried on where it stopped: a session already here with the same revisions is skipped,
 * one that stopped part-way gets the rest. A session whose name is taken by another one gets a
 * unique variant ("Name (2)").
 */
public final class Importer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SessionStore store;

    public Importer(SessionStore store) {
        this.store = store;
    }

    /** One imported session: its name in the bundle, its name here, and what happened to it. */
    public record Outcome(String bundled, String stored, Kind kind) {
        public enum Kind { ADDED, RENAMED, ALREADY_HERE, COMPLETED }
    }

    /** What an import did: per session, and the audio it stored against the audio it found already here. */
    public record Imported(List<Outcome> sessions, int blobsStored, long bytesStored, int blobsPresent, long bytesPresent) {
    }

    /** Imports a bundle that {@link BundleCheck#verify} accepted with {@code manifest}. */
    public Imported importVerified(Path file, BundleManifest manifest) throws IOException {
        int stored = 0;
        int present = 0;
        long storedBytes = 0;
        long presentBytes = 0;
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            for (BundledBlob b : manifest.blobs()) {
                if (store.blobs().exists(b.id()) && store.blobs().length(b.id()) == b.length()) {
                    present++;
                    presentBytes += b.length();
                    continue;
                }
                AssetId written;
                try (InputStream in = zip.getInputStream(zip.getEntry(BundleWriter.BLOBS + b.id().hex()));
                        BlobWriter w = store.blobs().newWriter()) {
                    byte[] buf = new byte[1 << 20];
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        w.write(ByteBuffer.wrap(buf, 0, n));
                    }
                    written = w.commit();
                }
                if (!written.equals(b.id())) {
                    throw new EncoreException(Reason.BUNDLE_REFUSED, "Audio " + b.id() + " changed while it was imported (the bundle file"
                            + " was written to meanwhile?); it was stored as " + written + " and no session uses it.");
                }
                stored++;
                storedBytes += b.length();
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (BundledSession s : manifest.sessions()) {
            outcomes.add(importSession(s));
        }
        return new Imported(outcomes, stored, storedBytes, present, presentBytes);
    }

    private Outcome importSession(BundledSession s) {
        List<StoredSession> revs = s.revisions();
        SessionId id = s.current().id();
        String bundledName = s.current().name();
        if (store.find(id).isPresent()) {
            StoredSession here = store.find(id).get();
            if (same(here, s.current())) {
                return new Outcome(bundledName, here.name(), Outcome.Kind.ALREADY_HERE);
            }
            int n = store.history(id).size();
            if (n <= revs.size() && same(here, revs.get(n - 1))) {
                for (int i = n; i < revs.size(); i++) {
                    store.importRevision(revs.get(i));
                }
                return new Outcome(bundledName, here.name(), Outcome.Kind.COMPLETED);
            }
        }
        if (store.knows(id)) {
            id = freshId();
        }
        String name = store.uniqueName(bundledName);
        for (StoredSession r : revs) {
            store.importRevision(new StoredSession(id, name, r.created(), r.updated(), r.schemaVersion(), r.assets(), r.snapshot()));
        }
        return new Outcome(bundledName, name, name.equals(bundledName) ? Outcome.Kind.ADDED : Outcome.Kind.RENAMED);
    }

    private SessionId freshId() {
        SessionId id;
        do {
            id = SessionId.random();
        } while (store.knows(id));
        return id;
    }

    /** Same content: the time it was saved, the audio, and the snapshot's values (number node types aside). */
    private static boolean same(StoredSession a, StoredSession b) {
        try {
            return a.updated().equals(b.updated()) && a.assets().equals(b.assets())
                    && JSON.writeValueAsString(a.snapshot()).equals(JSON.writeValueAsString(b.snapshot()));
        } catch (IOException e) {
            return false;
        }
    }
}
