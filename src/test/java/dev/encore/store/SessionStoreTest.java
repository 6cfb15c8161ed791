package dev.encore.store;

import java.time.Duration;
import java.time.Clock;
import static dev.encore.store.StoreFixtures.assertSameDocument;
import static dev.encore.store.StoreFixtures.assertSameSession;
import static dev.encore.store.StoreFixtures.folderBytes;
import static dev.encore.store.StoreFixtures.params;
import static dev.encore.store.StoreFixtures.randomBytes;
import static dev.encore.store.StoreFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {
    @TempDir
    Path data;

    @Test
    void savedSessionComesBackEqualAfterCloseAndReopen() {
        StoredSession saved;
        ObjectNode doc;
        try (SessionStore store = SessionStore.open(data)) {
            AssetId original = store.blobs().put(randomBytes(1, 10_000));
            AssetId pcm = store.blobs().put(randomBytes(2, 40_000));
            AssetId vocals = store.blobs().put(randomBytes(3, 40_000));
            AssetId instruments = store.blobs().put(randomBytes(4, 40_000));
            doc = snapshot(0.7, "demo-2", original, pcm, vocals, instruments);
            saved = store.create("Opening Night", doc, Set.of(original, pcm, vocals, instruments));
        }
        try (SessionStore store = SessionStore.open(data)) {
            StoredSession back = store.find(saved.id()).orElseThrow();
            assertSameSession(saved, back);
            assertSameDocument(doc, back.snapshot());
            assertEquals("vocals", back.snapshot().path("stems").path("mode").asText());
            assertEquals("Intro (live).wav", back.snapshot().path("tracks").get(0).path("fileName").asText());
            assertSameSession(saved, store.findByName("  opening night ").orElseThrow());
            List<SessionSummary> list = store.list();
            assertEquals(1, list.size());
            assertEquals(130_000, list.get(0).audioBytes());
            assertEquals(1, list.get(0).position());
        }
    }

    @Test
    void updateKeepsIdentityAndNameAndReplacesContent() {
        try (SessionStore store = SessionStore.open(data)) {
            StoredSession first = store.create("Set A", params(0.1), Set.of());
            StoredSession second = store.update(first.id(), params(0.9), Set.of());
            assertEquals(first.id(), second.id());
            assertEquals("Set A", second.name());
            assertEquals(first.created(), second.created());
            assertEquals(0.9, store.find(first.id()).orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
        }
    }

    @Test
    void saveCopySharesAudioAndWritesNoNewBlobBytes() {
        try (SessionStore store = SessionStore.open(data)) {
            AssetId pcm = store.blobs().put(randomBytes(7, 2_000_000));
            AssetId original = store.blobs().put(randomBytes(8, 500_000));
            store.create("Song", snapshot(0.5, "f", original, pcm, null, null), Set.of(original, pcm));
            Path blobs = data.resolve("blobs");
            long before = folderBytes(blobs);
            store.create("Song copy", snapshot(0.5, "f", original, pcm, null, null), Set.of(original, pcm));
            assertEquals(before, folderBytes(blobs));
            assertEquals(2_500_000, store.list().get(1).audioBytes());
        }
    }

    @Test
    void sameBytesAreStoredOnce() {
        try (SessionStore store = SessionStore.open(data)) {
            AssetId a = store.blobs().put(randomBytes(9, 100_000));
            AssetId b = store.blobs().put(randomBytes(9, 100_000));
            assertEquals(a, b);
            assertEquals(1, store.blobs().list().size());
            assertEquals(100_000, folderBytes(data.resolve("blobs")));
        }
    }

    @Test
    void deleteKeepsAudioForUndeleteAndRetentionThenCollectsOnlyWhatNoSessionShares() {
        AssetId shared;
        AssetId onlyA;
        AssetId onlyB;
        StoredSession a;
        StoredSession b;
        try (SessionStore store = SessionStore.open(data)) {
            shared = store.blobs().put(randomBytes(10, 50_000));
            onlyA = store.blobs().put(randomBytes(11, 50_000));
            onlyB = store.blobs().put(randomBytes(12, 50_000));
            a = store.create("A", snapshot(1, "f", onlyA, shared, null, null), Set.of(shared, onlyA));
            b = store.create("B", snapshot(1, "f", onlyB, shared, null, null), Set.of(shared, onlyB));

            store.delete(a.id());
            store.upkeep().collect(Set.of());

            assertTrue(store.blobs().exists(onlyA), "a deleted session's audio stays while it can be brought back");
            assertEquals(List.of(b.id()), store.setlist());
            assertTrue(store.find(a.id()).isEmpty());
            assertEquals("A", store.undelete().name());
            assertEquals(List.of(a.id(), b.id()), store.setlist(), "back at its old position");
            store.delete(a.id());
        }
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(StoreOptions.DEFAULT_DELETED_RETENTION_DAYS + 1));
        try (SessionStore store = SessionStore.open(data, Disk.local(), later, StoreOptions.DEFAULTS)) {
            assertTrue(store.blobs().exists(onlyA), "a start never compacts for retention: that waits for the clean stop");
        }
        try (SessionStore store = SessionStore.open(data, Disk.local(), later, StoreOptions.DEFAULTS)) {
            assertFalse(store.blobs().exists(onlyA), "past its retention, audio only A used is collected");
            assertTrue(store.blobs().exists(shared), "audio B shares stays");
            assertTrue(store.blobs().exists(onlyB));
            assertEquals(50_000, store.map(shared).load().length());
            assertThrows(EncoreException.class, store::undelete);
        }
    }

    @Test
    void audioNoRecordEverNamedIsNeverCollected() {
        AssetId orphan;
        try (SessionStore store = SessionStore.open(data)) {
            orphan = store.blobs().put(randomBytes(13, 20_000));
            store.upkeep().collect(Set.of());
            assertTrue(store.blobs().exists(orphan), "freshly written audio is never collected while this process may still use it");
        }
        try (SessionStore store = SessionStore.open(data)) {
            store.upkeep().collect(Set.of());
            store.compact();
            assertTrue(store.blobs().exists(orphan), "recovery only adds: audio no record names may be a user's or a lost session's");
        }
    }

    @Test
    void liveRootsAndDraftsKeepAudioAlive() {
        AssetId drafted;
        AssetId again;
        try (SessionStore store = SessionStore.open(data)) {
            drafted = store.blobs().put(randomBytes(15, 1000));
            store.bookkeeping().putDraft(null, snapshot(0.2, "f", drafted, drafted, null, null), Set.of(drafted));
        }
        try (SessionStore store = SessionStore.open(data)) {
            store.upkeep().collect(Set.of());
            assertTrue(store.blobs().exists(drafted), "the untitled draft references it");
            assertEquals(Set.of(drafted), store.bookkeeping().draft(null).orElseThrow().assets());
            store.bookkeeping().dropDraft(null);
        }
        try (SessionStore store = SessionStore.open(data)) {
            again = store.blobs().put(randomBytes(16, 1000));
            store.bookkeeping().putDraft(null, snapshot(0.3, "f", again, again, null, null), Set.of(again));
            store.bookkeeping().dropDraft(null);
            store.setLiveRoots(() -> Set.of(again));
            store.upkeep().collect(Set.of());
            assertFalse(store.blobs().exists(drafted), "the draft was dropped and nothing else uses it");
            assertTrue(store.blobs().exists(again), "the live state still holds it");
        }
    }

    @Test
    void namesAreUniqueIgnoringCaseSpacesAndUnicodeForm() {
        try (SessionStore store = SessionStore.open(data)) {
            store.create("Caf\u00e9 Set", params(0), Set.of());
            EncoreException e = assertThrows(EncoreException.class, () -> store.create("  CAFE\u0301 set ", params(0), Set.of()));
            assertEquals(Reason.NAME_TAKEN, e.reason());
            assertTrue(store.nameTaken("caf\u00e9 set"));
            assertEquals(Reason.BAD_ARGUMENTS, assertThrows(EncoreException.class, () -> store.create("   ", params(0), Set.of())).reason());
        }
    }

    @Test
    void renameToAnExistingNameIsRefusedAndChangingCaseIsAllowed() {
        try (SessionStore store = SessionStore.open(data)) {
            StoredSession a = store.create("Alpha", params(0), Set.of());
            store.create("Beta", params(0), Set.of());
            assertEquals(Reason.NAME_TAKEN, assertThrows(EncoreException.class, () -> store.rename(a.id(), "beta")).reason());
            assertEquals("ALPHA", store.rename(a.id(), "ALPHA").name());
            assertEquals("Gamma", store.rename(a.id(), "Gamma").name());
            assertTrue(store.findByName("alpha").isEmpty());
            assertEquals(a.id(), store.findByName("gamma").orElseThrow().id());
        }
    }

    @Test
    void setlistOrderAndActiveSessionSurviveReopen() {
        StoredSession a;
        StoredSession b;
        StoredSession c;
        try (SessionStore store = SessionStore.open(data)) {
            a = store.create("A", params(0), Set.of());
            b = store.create("B", params(0), Set.of());
            c = store.create("C", params(0), Set.of());
            store.move(2, 0);
            store.bookkeeping().setActive(b.id());
            assertEquals(Reason.BAD_ARGUMENTS, assertThrows(EncoreException.class, () -> store.move(0, 3)).reason());
        }
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(List.of(c.id(), a.id(), b.id()), store.setlist());
            assertEquals(List.of("C", "A", "B"), store.list().stream().map(SessionSummary::name).toList());
            assertEquals(b.id(), store.bookkeeping().active().orElseThrow());
        }
    }

    @Test
    void draftsAreKeptPerSessionAndListedAndDroppedBySave() {
        try (SessionStore store = SessionStore.open(data)) {
            StoredSession a = store.create("A", params(0.1), Set.of());
            store.bookkeeping().putDraft(a.id(), params(0.6), Set.of());
            assertTrue(store.list().get(0).hasDraft());
            assertEquals(0.6, store.bookkeeping().draft(a.id()).orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
            store.rename(a.id(), "A2");
            assertTrue(store.bookkeeping().draft(a.id()).isPresent(), "a rename keeps unsaved changes");
            store.update(a.id(), params(0.6), Set.of());
            assertTrue(store.bookkeeping().draft(a.id()).isEmpty(), "saving commits the draft's changes");
            assertFalse(store.list().get(0).hasDraft());
        }
    }

    @Test
    void engineBookkeepingIsDurable() {
        try (SessionStore store = SessionStore.open(data)) {
            store.bookkeeping().putMeta("opening", "abc");
        }
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals("abc", store.bookkeeping().meta("opening").orElseThrow());
            store.bookkeeping().putMeta("opening", null);
            assertTrue(store.bookkeeping().meta("opening").isEmpty());
        }
    }

    @Test
    void savingASessionThatNamesMissingAudioIsRefusedAndChangesNothing() {
        try (SessionStore store = SessionStore.open(data)) {
            AssetId ghost = AssetId.of("0123456789abcdef0123456789abcdef");
            EncoreException e = assertThrows(EncoreException.class, () -> store.create("Ghost", params(0), Set.of(ghost)));
            assertEquals(Reason.ASSET_MISSING, e.reason());
            assertTrue(store.list().isEmpty());
            assertFalse(store.nameTaken("Ghost"));
        }
    }

    @Test
    void checkNamesMissingAndDamagedAudioAndTheSessionsUsingIt() throws Exception {
        try (SessionStore store = SessionStore.open(data)) {
            AssetId good = store.blobs().put(randomBytes(20, 5000));
            AssetId damaged = store.blobs().put(randomBytes(21, 5000));
            AssetId gone = store.blobs().put(randomBytes(22, 5000));
            store.create("Show", snapshot(0, "f", good, damaged, null, null), Set.of(good, damaged, gone));
            byte[] bytes = Files.readAllBytes(store.blobs().path(damaged));
            bytes[100] ^= 1;
            Files.write(store.blobs().path(damaged), bytes);
            Files.delete(store.blobs().path(gone));

            CheckReport report = store.upkeep().check(p -> { });

            assertEquals(3, report.checked());
            assertEquals(2, report.problems().size());
            assertTrue(report.problems().stream().anyMatch(p -> p.contains(damaged.hex()) && p.contains("damaged") && p.contains("'Show'")));
            assertTrue(report.problems().stream().anyMatch(p -> p.contains(gone.hex()) && p.contains("missing")));
            assertEquals(Reason.ASSET_MISSING, assertThrows(EncoreException.class, () -> store.map(gone)).reason());
        }
    }

    @Test
    void tempFilesLeftByACrashAreRemovedAtStart() throws Exception {
        Files.createDirectories(data.resolve("blobs/tmp"));
        Files.write(data.resolve("blobs/tmp/abandoned.part"), randomBytes(1, 1000));
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(0, folderBytes(data.resolve("blobs")));
        }
    }

    @Test
    void listingAThousandSessionsWithAudioReadsNoAudio() throws Exception {
        try (SessionStore store = SessionStore.open(data)) {
            for (int i = 0; i < 1000; i++) {
                AssetId pcm = store.blobs().put(randomBytes(i, 256));
                store.create("Song " + i, snapshot(i, "f", pcm, pcm, null, null), Set.of(pcm));
            }
        }
        // Any read of audio would now fail: the blob folder is gone.
        Files.move(data.resolve("blobs"), data.resolve("blobs-away"));
        try (SessionStore store = SessionStore.open(data)) {
            List<SessionSummary> list = store.list();
            assertEquals(1000, list.size());
            assertEquals("Song 999", list.get(999).name());
            assertEquals(256, list.get(999).audioBytes());
            assertEquals(1000, list.get(999).position());
        }
    }
}
