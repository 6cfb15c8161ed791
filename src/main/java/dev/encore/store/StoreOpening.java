package dev.encore.store;

import dev.encore.EncoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link SessionStore} opens. A marker file ({@link SessionStore#OPEN_MARKER}) exists
 * while a store is open; finding it at start means the last run died, possibly in the middle of
 * an index commit. MapDB 3.1 does not replay its write-ahead log on open, so such an index cannot
 * be trusted, and it is rebuilt from the manifests, which hold everything that was acknowledged.
 * A damaged index after a clean shutdown is refused instead, naming the rebuild command.
 */
final class StoreOpening {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOpening.class);

    private StoreOpening() {
    }

    static SessionStore open(Path dataDir, Disk disk, Clock clock) {
        Path marker = dataDir.resolve(SessionStore.OPEN_MARKER);
        boolean crashed;
        try {
            Files.createDirectories(dataDir);
            crashed = Files.exists(marker);
        } catch (IOException e) {
            throw StorageFailure.of(e, "opening the data folder " + dataDir);
        }
        if (crashed) {
            LOG.warn("Encore did not shut down cleanly; rebuilding the session index from the manifests in {}", dataDir);
            StoreRebuild.recoverAfterCrash(dataDir, disk, clock);
        }
        try {
            disk.writeAtomically(marker, new byte[0]);
        } catch (IOException e) {
            throw StorageFailure.of(e, "opening the data folder " + dataDir);
        }
        SessionStore store = null;
        try {
            store = openIndex(dataDir, disk, clock);
            store.repair.checkAgainstManifests();
            store.collect(Set.of());
            return store;
        } catch (RuntimeException e) {
            if (store != null) {
                store.catalog.close();
            }
            // Refused, not crashed: the next start must refuse again rather than rebuild.
            try {
                disk.delete(marker);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /** Opens the MapDB index and the blob store and checks the index against its records. */
    static SessionStore openIndex(Path dataDir, Disk disk, Clock clock) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw StorageFailure.of(e, "creating the data folder " + dataDir);
        }
        MapDbCatalog catalog = MapDbCatalog.open(dataDir);
        try {
            BlobStore blobs = BlobStore.open(dataDir.resolve("blobs"), disk);
            Manifests manifests = new Manifests(dataDir, disk);
            manifests.init();
            SessionStore store = new SessionStore(dataDir, disk, clock, catalog, blobs, manifests);
            store.repair.checkIndex();
            return store;
        } catch (IOException e) {
            catalog.close();
            throw StorageFailure.of(e, "opening the data folder " + dataDir);
        } catch (EncoreException e) {
            catalog.close();
            throw e;
        } catch (RuntimeException e) {
            catalog.close();
            throw MapDbCatalog.damaged(dataDir, e);
        }
    }
}
