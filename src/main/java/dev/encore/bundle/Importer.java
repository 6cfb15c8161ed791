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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the sessions of a checked bundle to a store. Audio first, each blob written only when the
 * store does not hold it intact (a damaged copy here is replaced by the bundle's); then each session's revisions, oldest first, one durable record
 * each. Sessions keep their ids, so an import that was cut off is recognised when it is run again
 * and carried on where it stopped: a session already here with the same revisions is skipped,
 * one that stopped part-way gets the rest. A session whose name is taken by another one gets a
 * unique variant ("Name (2)").
 */
public final class Importer {
    static final String CHECKING_HERE = "checking audio already here";
    static final String STORING = "storing audio";
    private static final int CHUNK = 4 << 20;
    /** Room an import leaves on the drive, so the daemon can still save after it. */
    private static final long SPARE_BYTES = 64L << 20;
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

    /** What storing a checked bundle's audio did: what it wrote, and what was here already. */
    public record Stored(int blobsStored, long bytesStored, int blobsPresent, long bytesPresent) {
    }

    /**
     * Imports a bundle {@link BundleCheck#check} accepted: its audio ({@link #storeAudio}), then its
     * sessions ({@link #addSessions}).
     */
    public Imported importChecked(Path file, BundleCheck.Checked checked, BundleProgress progress) throws IOException {
        Stored audio = storeAudio(file, checked, progress);
        List<Outcome> outcomes = addSessions(checked.manifest());
        return new Imported(outcomes, audio.blobsStored(), audio.bytesStored(), audio.blobsPresent(), audio.bytesPresent());
    }

    /**
     * Writes each blob of a checked bundle the store does not hold intact: a blob of that id and
     * length already here is read and hashed (step "checking audio already here"), and one whose bytes
     * no longer match its name is replaced by the bundle's verified copy; the rest are copied from
     * the bundle (step "storing audio"), each made durable before it is named.
     */
    public Stored storeAudio(Path file, BundleCheck.Checked checked, BundleProgress progress) throws IOException {
        BundleManifest manifest = checked.manifest();
        List<BundledBlob> missing = new ArrayList<>();
        List<BundledBlob> here = new ArrayList<>();
        for (BundledBlob b : manifest.blobs()) {
            (store.blobs().exists(b.id()) && store.blobs().length(b.id()) == b.length() ? here : missing).add(b);
        }
        long hereBytes = here.stream().mapToLong(BundledBlob::length).sum();
        long checkedHere = 0;
        progress.advanced(CHECKING_HERE, 0, hereBytes);
        int present = 0;
        long presentBytes = 0;
        for (BundledBlob b : here) {
            try {
                store.blobs().verify(b.id(), b.length());
                present++;
                presentBytes += b.length();
            } catch (EncoreException e) {
                if (e.reason() != Reason.ASSET_CORRUPT && e.reason() != Reason.ASSET_MISSING) {
                    throw e;
                }
                missing.add(b); // damaged here (or gone meanwhile): the bundle's copy replaces it
            }
            checkedHere += b.length();
            progress.advanced(CHECKING_HERE, checkedHere, hereBytes);
        }
        long toStore = missing.stream().mapToLong(BundledBlob::length).sum();
        long free = java.nio.file.Files.getFileStore(store.dataDir()).getUsableSpace();
        if (toStore > 0 && toStore + SPARE_BYTES > free) {
            throw new EncoreException(Reason.STORAGE_FULL, "The bundle's audio needs " + (toStore >> 20) + " MiB and the drive that holds "
                    + store.dataDir() + " has " + (free >> 20) + " MiB free (Encore keeps " + (SPARE_BYTES >> 20) + " MiB spare);"
                    + " nothing was imported. Free space there, then import again.");
        }
        long storedBytes = 0;
        progress.advanced(STORING, 0, toStore);
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK); // read and written by the kernel, never copied through the heap
        try (FileChannel in = FileChannel.open(file)) {
            for (BundledBlob b : missing) {
                AssetId written;
                try (BlobWriter w = store.blobs().newWriter()) {
                    long at = checked.dataOffsets().get(b.id());
                    for (long left = b.length(); left > 0; ) {
                        ByteBuffer chunk = buf.clear().limit((int) Math.min(buf.capacity(), left));
                        while (chunk.hasRemaining()) {
                            if (in.read(chunk, at + chunk.position()) < 0) {
                                throw changed(b, "it ends early now");
                            }
                        }
                        w.write(chunk.flip());
                        at += chunk.limit();
                        left -= chunk.limit();
                        storedBytes += chunk.limit();
                        progress.advanced(STORING, storedBytes, toStore);
                    }
                    written = w.commit();
                }
                if (!written.equals(b.id())) {
                    throw changed(b, "it was stored as " + written + " and no session uses it");
                }
            }
        }
        return new Stored(missing.size(), toStore, present, presentBytes);
    }

    /** Adds each session of a bundle whose audio is stored: one durable record per revision. */
    public List<Outcome> addSessions(BundleManifest manifest) {
        List<Outcome> outcomes = new ArrayList<>();
        for (BundledSession s : manifest.sessions()) {
            outcomes.add(importSession(s));
        }
        return outcomes;
    }

    private static EncoreException changed(BundledBlob b, String what) {
        return new EncoreException(Reason.BUNDLE_REFUSED, "Audio " + b.id() + " changed in the bundle while it was imported (was the"
                + " file written to meanwhile?); " + what + ". Run the import again once the file is complete.");
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
            int n = store.revisions().history(id).size();
            if (n <= revs.size() && same(here, revs.get(n - 1))) {
                for (int i = n; i < revs.size(); i++) {
                    store.imports().importRevision(revs.get(i));
                }
                return new Outcome(bundledName, here.name(), Outcome.Kind.COMPLETED);
            }
        }
        if (store.imports().knows(id)) {
            id = freshId();
        }
        String name = store.imports().uniqueName(bundledName);
        for (StoredSession r : revs) {
            store.imports().importRevision(new StoredSession(id, name, r.created(), r.updated(), r.schemaVersion(), r.assets(), r.snapshot()));
        }
        return new Outcome(bundledName, name, name.equals(bundledName) ? Outcome.Kind.ADDED : Outcome.Kind.RENAMED);
    }

    private SessionId freshId() {
        SessionId id;
        do {
            id = SessionId.random();
        } while (store.imports().knows(id));
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
