package dev.encore.store;

import static dev.encore.store.StoreFixtures.folderBytes;
import static dev.encore.store.StoreFixtures.params;
import static dev.encore.store.StoreFixtures.randomBytes;
import static dev.encore.store.StoreFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.testing.FaultyDisk;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Full disks, permissions, read-only mounts and vanished audio: typed errors, and nothing earlier is lost. */
class StorageFailureTest {
    @TempDir
    Path data;

    private final FaultyDisk disk = new FaultyDisk();

    private SessionStore open() {
        return SessionStore.open(data, disk, Clock.systemUTC(), StoreOptions.DEFAULTS);
    }

    @Test
    void aDiskFullAudioWriteIsStorageFullAndLeavesNoPartialBlob() {
        try (SessionStore store = open()) {
            AssetId before = store.blobs().put(randomBytes(1, 10_000));
            store.create("Kept", snapshot(0.5, "f", before, before, null, null), Set.of(before));
            disk.failAfter(50_000, FaultyDisk::diskFull);
            EncoreException e = assertThrows(EncoreException.class, () -> store.blobs().put(randomBytes(2, 200_000)));
            assertEquals(Reason.STORAGE_FULL, e.reason());
            assertTrue(e.getMessage().contains("disk is full"), "says the disk is full: " + e.getMessage());
            assertEquals(10_000, folderBytes(data.resolve("blobs")), "no partial blob, no temp file");
        }
        disk.heal();
        try (SessionStore store = open()) {
            AssetId kept = store.findByName("Kept").orElseThrow().assets().iterator().next();
            store.blobs().verify(kept);
        }
    }

    @Test
    void aDiskFullSaveIsRefusedAndTheEarlierSaveStaysIntactAfterReopen() {
        SessionId id;
        try (SessionStore store = open()) {
            id = store.create("Song", params(0.25), Set.of()).id();
            disk.failAfter(0, FaultyDisk::diskFull);
            EncoreException e = assertThrows(EncoreException.class, () -> store.update(id, params(0.75), Set.of()));
            assertEquals(Reason.STORAGE_FULL, e.reason());
            assertTrue(e.getMessage().contains("'Song'"), e.getMessage());
            assertEquals(0.25, store.find(id).orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
            EncoreException create = assertThrows(EncoreException.class, () -> store.create("Other", params(0.1), Set.of()));
            assertEquals(Reason.STORAGE_FULL, create.reason());
            assertEquals(1, store.list().size());
        }
        disk.heal();
        try (SessionStore store = open()) {
            assertEquals(1, store.list().size());
            assertEquals(0.25, store.find(id).orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
            assertTrue(store.findByName("Other").isEmpty());
            store.update(id, params(0.75), Set.of());
            assertEquals(0.75, store.find(id).orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
        }
    }

    @Test
    void permissionDeniedAndReadOnlyFileSystemsAreNamedAsSuch() {
        try (SessionStore store = open()) {
            SessionId id = store.create("Song", params(0.25), Set.of()).id();
            disk.failAfter(0, () -> new AccessDeniedException(data.resolve("manifests").toString()));
            EncoreException denied = assertThrows(EncoreException.class, () -> store.update(id, params(1), Set.of()));
            assertEquals(Reason.STORAGE_DENIED, denied.reason());
            assertEquals(-10, denied.reason().code());
            disk.failAfter(0, () -> new FileSystemException(data.toString(), null, "Read-only file system"));
            EncoreException readOnly = assertThrows(EncoreException.class, () -> store.blobs().put(randomBytes(3, 10)));
            assertEquals(Reason.STORAGE_READ_ONLY, readOnly.reason());
            assertTrue(readOnly.messageWithFix().contains("remount"));
        }
    }

    @Test
    void audioThatVanishedGivesAssetMissingOnOpenAndInTheCheckButNeverBlocksASave() throws IOException {
        try (SessionStore store = open()) {
            AssetId pcm = store.blobs().put(randomBytes(4, 4000));
            SessionId id = store.create("Song", snapshot(0, "f", pcm, pcm, null, null), Set.of(pcm)).id();
            Files.delete(store.blobs().path(pcm));
            assertEquals(Reason.ASSET_MISSING, assertThrows(EncoreException.class, () -> store.map(pcm)).reason());
            store.update(id, params(1), Set.of(pcm)); // the performer's parameter changes are kept
            assertEquals(1.0, store.find(id).orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
            CheckReport report = store.upkeep().check(f -> { });
            assertEquals(1, report.problems().size());
            assertTrue(report.problems().get(0).contains("missing") && report.problems().get(0).contains("'Song'"), report.problems().toString());
            AssetId never = AssetId.of("0123456789abcdef0123456789abcdef");
            assertEquals(Reason.ASSET_MISSING, assertThrows(EncoreException.class, () -> store.update(id, params(2), Set.of(never))).reason(),
                    "audio no record names and the disk does not have is refused");
        }
    }

    @Test
    void onAReadOnlyDiskListingFindingAndOpeningKeepWorkingAndTheNextSaveWorksOnceItIsWritable() {
        try (SessionStore store = open()) {
            SessionId one = store.create("One", params(0.1), Set.of()).id();
            SessionId two = store.create("Two", params(0.2), Set.of()).id();
            store.bookkeeping().setActive(one);
            disk.failAfter(0, () -> new FileSystemException(data.toString(), null, "Read-only file system"));

            EncoreException refused = assertThrows(EncoreException.class, () -> store.update(one, params(0.9), Set.of()));
            assertEquals(Reason.STORAGE_READ_ONLY, refused.reason());
            assertEquals(List.of("One", "Two"), store.list().stream().map(SessionSummary::name).toList());
            assertEquals(0.1, store.find(one).orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
            store.bookkeeping().setActive(two); // what opening a song records: refused by the disk, but the song opens
            assertEquals(two, store.bookkeeping().active().orElseThrow());

            disk.heal();
            store.update(one, params(0.9), Set.of());
        }
        try (SessionStore store = open()) {
            assertEquals(0.9, store.findByName("One").orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
        }
    }
}
