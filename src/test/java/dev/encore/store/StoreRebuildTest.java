package dev.encore.store;

import static dev.encore.store.StoreFixtures.assertSameSession;
import static dev.encore.store.StoreFixtures.params;
import static dev.encore.store.StoreFixtures.randomBytes;
import static dev.encore.store.StoreFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreRebuildTest {
    @TempDir
    Path data;

    private List<StoredSession> storeTwentySessions() {
        List<StoredSession> saved = new ArrayList<>();
        try (SessionStore store = SessionStore.open(data)) {
            AssetId shared = store.blobs().put(randomBytes(99, 30_000));
            for (int i = 0; i < 20; i++) {
                AssetId own = store.blobs().put(randomBytes(i, 1000 + i));
                saved.add(store.create("Song " + i, snapshot(i / 20.0, "fx-" + i, own, shared, null, null), Set.of(own, shared)));
            }
            store.move(19, 0);
            store.setActive(saved.get(7).id());
            store.delete(saved.get(3).id());
            saved.remove(3);
            saved.set(5, store.update(saved.get(5).id(), params(0.99), Set.of()));
        }
        return saved;
    }

    private void corruptIndex() throws Exception {
        Path index = data.resolve(MapDbCatalog.FILE_NAME);
        try (RandomAccessFile f = new RandomAccessFile(index.toFile(), "rw")) {
            byte[] junk = new byte[(int) Math.min(f.length(), 64 * 1024)];
            new Random(1).nextBytes(junk);
            f.seek(0);
            f.write(junk);
        }
    }

    @Test
    void aCorruptedIndexIsRefusedWithTheRebuildCommandAndNothingChanges() throws Exception {
        storeTwentySessions();
        corruptIndex();
        long blobBytes = StoreFixtures.folderBytes(data.resolve("blobs"));
        EncoreException e = assertThrows(EncoreException.class, () -> SessionStore.open(data));
        assertEquals(Reason.STORE_DAMAGED, e.reason());
        assertTrue(e.getMessage().contains("--rebuild --data " + data), e.getMessage());
        assertEquals(blobBytes, StoreFixtures.folderBytes(data.resolve("blobs")), "no audio was collected");
    }

    @Test
    void aRefusedStartLeavesTheDamagedIndexUntouchedAndNoCrashMarker() throws Exception {
        storeTwentySessions();
        corruptIndex();
        byte[] damaged = Files.readAllBytes(data.resolve(MapDbCatalog.FILE_NAME));
        assertEquals(Reason.STORE_DAMAGED, assertThrows(EncoreException.class, () -> SessionStore.open(data)).reason());
        // Without the marker the next start refuses again instead of rebuilding on its own.
        assertTrue(Files.notExists(data.resolve(SessionStore.OPEN_MARKER)));
        org.junit.jupiter.api.Assertions.assertArrayEquals(damaged, Files.readAllBytes(data.resolve(MapDbCatalog.FILE_NAME)));
    }

    @Test
    void rebuildFromManifestsBringsBackEverySessionWithItsOrderAndAudio() throws Exception {
        List<StoredSession> saved = storeTwentySessions();
        List<SessionId> order;
        try (SessionStore store = SessionStore.open(data)) {
            order = store.setlist();
        }
        corruptIndex();

        RebuildReport report = SessionStore.rebuild(data);

        assertEquals(19, report.sessions());
        assertTrue(report.missingAudio().isEmpty());
        assertTrue(Files.isDirectory(report.movedAside()), "the damaged index is kept aside, not deleted");
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(order, store.setlist());
            assertEquals(saved.get(6).id(), store.active().orElseThrow());
            for (StoredSession s : saved) {
                StoredSession back = store.find(s.id()).orElseThrow();
                assertSameSession(s, back);
                for (AssetId a : back.assets()) {
                    store.blobs().verify(a);
                }
            }
            assertEquals(0.99, store.findByName("song 6").orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
        }
    }

    @Test
    void twoRebuildsInTheSameSecondKeepBothOldIndexes() throws Exception {
        storeTwentySessions();
        java.time.Clock sameSecond = java.time.Clock.fixed(java.time.Instant.parse("2026-11-24T21:00:00Z"), java.time.ZoneOffset.UTC);
        corruptIndex();
        RebuildReport first = StoreRebuild.rebuild(data, Disk.local(), sameSecond);
        corruptIndex();
        RebuildReport second = StoreRebuild.rebuild(data, Disk.local(), sameSecond);
        assertTrue(Files.isDirectory(first.movedAside()));
        assertTrue(Files.isDirectory(second.movedAside()));
        assertTrue(!first.movedAside().equals(second.movedAside()), "each rebuild keeps its own copy of the old index");
        assertEquals(19, second.sessions());
    }

    @Test
    void aMissingIndexBesideManifestsIsRefusedRatherThanStartedEmpty() throws Exception {
        storeTwentySessions();
        try (var files = Files.list(data)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(MapDbCatalog.FILE_NAME)).toList()) {
                Files.delete(p);
            }
        }
        EncoreException e = assertThrows(EncoreException.class, () -> SessionStore.open(data));
        assertEquals(Reason.STORE_DAMAGED, e.reason());
        assertTrue(e.getMessage().contains("19 session manifest(s)"), e.getMessage());
        assertEquals(19, SessionStore.rebuild(data).sessions());
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(19, store.list().size());
        }
    }
}
