package dev.encore.store;

import static dev.encore.store.StoreFixtures.assertSameDocument;
import static dev.encore.store.StoreFixtures.assertSameSession;
import static dev.encore.store.StoreFixtures.params;
import static dev.encore.store.StoreFixtures.randomBytes;
import static dev.encore.store.StoreFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import dev.encore.testing.FaultyDisk;
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
            store.bookkeeping().setActive(saved.get(7).id());
            store.delete(saved.get(3).id());
            saved.remove(3);
            saved.set(5, store.update(saved.get(5).id(), params(0.99), Set.of()));
        }
        return saved;
    }

    private void corruptIndex() throws Exception {
        for (Path image : IndexImage.images(data, Disk.local())) {
            try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
                byte[] junk = new byte[(int) Math.min(f.length(), 64 * 1024)];
                new Random(1).nextBytes(junk);
                f.seek(0);
                f.write(junk);
            }
        }
    }

    private void assertEverySessionBack(List<StoredSession> saved, List<SessionId> order) {
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(order, store.setlist());
            assertEquals(saved.get(6).id(), store.bookkeeping().active().orElseThrow());
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

    private List<SessionId> order() {
        try (SessionStore store = SessionStore.open(data)) {
            return store.setlist();
        }
    }

    @Test
    void aCorruptedIndexIsReplacedFromTheJournalWithNothingLost() throws Exception {
        List<StoredSession> saved = storeTwentySessions();
        List<SessionId> order = order();
        long blobBytes = StoreFixtures.folderBytes(data.resolve("blobs"));
        corruptIndex();

        assertEverySessionBack(saved, order);
        assertEquals(blobBytes, StoreFixtures.folderBytes(data.resolve("blobs")), "no audio was collected");
    }

    @Test
    void aLostIndexLosesNothingAtTheFirstStartOrTheSecond() throws Exception {
        List<StoredSession> saved = storeTwentySessions();
        List<SessionId> order = order();
        long blobBytes = StoreFixtures.folderBytes(data.resolve("blobs"));
        deleteTree(data.resolve(IndexImage.DIR));

        assertEverySessionBack(saved, order);
        assertEverySessionBack(saved, order);
        assertEquals(blobBytes, StoreFixtures.folderBytes(data.resolve("blobs")), "no audio was collected");
    }

    @Test
    void rebuildReplaysTheWholeJournalAndWritesOneNewImage() throws Exception {
        List<StoredSession> saved = storeTwentySessions();
        List<SessionId> order = order();
        corruptIndex();

        RebuildReport report = SessionStore.rebuild(data);

        assertEquals(19, report.sessions());
        assertTrue(report.missingAudio().isEmpty());
        assertEquals(1, IndexImage.images(data, Disk.local()).size());
        assertEverySessionBack(saved, order);
    }

    @Test
    void anInterruptedImageWriteLeavesTheStoreUsableAndIsCleanedUp() throws Exception {
        List<StoredSession> saved = storeTwentySessions();
        List<SessionId> order = order();
        Path half = data.resolve(IndexImage.DIR).resolve("image-0000000000000099999.mapdb.tmp");
        Files.write(half, randomBytes(5, 10_000));

        assertEverySessionBack(saved, order);
        assertTrue(Files.notExists(half), "a half-written image is removed at the next start");
    }

    @Test
    void aUsersOwnFilesBesideTheIndexAreLeftAlone() throws Exception {
        List<StoredSession> saved = storeTwentySessions();
        List<SessionId> order = order();
        Path mine = Files.writeString(data.resolve("index.mapdb.bak"), "my backup");
        Path inIndex = Files.writeString(data.resolve(IndexImage.DIR).resolve("notes.txt"), "notes");
        corruptIndex();
        SessionStore.rebuild(data);

        assertEverySessionBack(saved, order);
        assertEquals("my backup", Files.readString(mine));
        assertEquals("notes", Files.readString(inIndex));
    }

    @Test
    void theJournalLostButTheIndexKeptIsJournaledAgain() throws Exception {
        List<StoredSession> saved = storeTwentySessions();
        List<SessionId> order = order();
        deleteTree(data.resolve(Journal.DIR));

        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(order, store.setlist());
        }
        deleteTree(data.resolve(IndexImage.DIR));
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(order, store.setlist(), "the journal holds every session again");
            for (StoredSession s : saved) {
                assertSameDocument(s.snapshot(), store.find(s.id()).orElseThrow().snapshot());
            }
        }
    }

    private record KeepAndHit(StoredSession keep, StoredSession hit) {
    }

    /** Stores "Keep" and "Hit", removes the index images and flips one bit in Hit's only record: 'm' becomes 'l', still a string, one value off. */
    private KeepAndHit twoSessionsTheSecondsOnlyRecordDamagedAndTheIndexLost() throws Exception {
        KeepAndHit made;
        try (SessionStore store = SessionStore.open(data)) {
            StoredSession keep = store.create("Keep", params(0.25), Set.of());
            com.fasterxml.jackson.databind.node.ObjectNode doc = params(0.5);
            ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("params")).put("/note", "marker-for-the-hit-session");
            made = new KeepAndHit(keep, store.create("Hit", doc, Set.of()));
        }
        deleteTree(data.resolve(IndexImage.DIR));
        flipFirst(data.resolve(Journal.DIR), "marker-for", 0x01);
        return made;
    }

    /** The double fault: the only record of a session damaged, and the index that also held it lost. */
    @Test
    void aSessionWhoseOnlyRecordIsDamagedComesBackFromItWhenTheIndexIsLostToo() throws Exception {
        KeepAndHit made = twoSessionsTheSecondsOnlyRecordDamagedAndTheIndexLost();
        StoredSession keep = made.keep();
        StoredSession hit = made.hit();

        try (SessionStore store = SessionStore.open(data)) {
            StoredSession back = store.find(hit.id()).orElseThrow(() -> new AssertionError("the damaged session is gone"));
            assertEquals("Hit", back.name());
            assertEquals("larker-for-the-hit-session", back.snapshot().path("params").path("/note").asText());
            assertEquals(List.of(keep.id(), hit.id()), store.setlist());
            assertSameSession(keep, store.find(keep.id()).orElseThrow());
        }
        assertEquals(1, Files.list(data.resolve(Quarantine.DIR)).count(), "the damaged bytes are kept");
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(List.of(keep.id(), hit.id()), store.setlist(), "journaled anew: the next start needs no salvage");
        }
    }

    /** The same double fault on a full disk: the salvage cannot be journaled, the start goes on, the next start salvages again. */
    @Test
    void aSalvageThatCannotBeJournaledLeavesTheStartRunningAndIsTriedAgain() throws Exception {
        KeepAndHit made = twoSessionsTheSecondsOnlyRecordDamagedAndTheIndexLost();
        StoredSession keep = made.keep();
        StoredSession hit = made.hit();
        FaultyDisk full = new FaultyDisk();
        full.failAfter(0, FaultyDisk::diskFull);

        try (SessionStore store = SessionStore.open(data, full, java.time.Clock.systemUTC(), StoreOptions.DEFAULTS)) {
            assertSameSession(keep, store.find(keep.id()).orElseThrow());
        }
        full.heal();
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals("larker-for-the-hit-session", store.find(hit.id()).orElseThrow().snapshot().path("params").path("/note").asText());
        }
    }

    @Test
    void aRecordTooDamagedToReadStaysInTheQuarantineAndCostsNothingElse() throws Exception {
        StoredSession keep;
        try (SessionStore store = SessionStore.open(data)) {
            keep = store.create("Keep", params(0.25), Set.of());
            store.create("Hit", params(0.5), Set.of());
        }
        deleteTree(data.resolve(IndexImage.DIR));
        flipFirst(data.resolve(Journal.DIR), "Hit", 0xff); // the name no longer reads as a name

        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(List.of(keep.id()), store.setlist());
            assertSameSession(keep, store.find(keep.id()).orElseThrow());
        }
        assertEquals(1, Files.list(data.resolve(Quarantine.DIR)).count());
    }

    /**
     * A flipped bit inside the id of a session's older record still reads as an id, one digit off.
     * That record is the same session damaged, not a session nothing knows: nothing comes back
     * beside it, under its old name or any other.
     */
    @Test
    void aDamagedRecordWhoseIdWasHitIsNotTakenForAnotherSession() throws Exception {
        StoredSession keep;
        StoredSession hit;
        try (SessionStore store = SessionStore.open(data)) {
            keep = store.create("Keep", params(0.25), Set.of());
            hit = store.create("Hit", params(0.5), Set.of());
            store.rename(hit.id(), "Hit (slow)");
            hit = store.update(hit.id(), params(0.75), Set.of());
        }
        flipIdDigit(data.resolve(Journal.DIR), hit.id().value());

        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(List.of(keep.id(), hit.id()), store.setlist(), "no session salvaged beside the one the record belongs to");
            assertSameSession(hit, store.find(hit.id()).orElseThrow());
        }
        deleteTree(data.resolve(IndexImage.DIR));
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(List.of(keep.id(), hit.id()), store.setlist(), "nor when the index is rebuilt from the journal");
        }
        assertEquals(1, Files.list(data.resolve(Quarantine.DIR)).count(), "the damaged bytes are kept");
    }

    /** In the first record naming {@code id}, flips the lowest bit of a digit whose neighbour is a hex digit too. */
    private static void flipIdDigit(Path journal, String id) throws Exception {
        byte[] needle = id.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String flippable = "0123456789bcde";
        try (var files = Files.list(journal)) {
            for (Path seg : files.filter(p -> p.toString().endsWith(".seg")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(seg);
                for (int i = 0; i + needle.length <= bytes.length; i++) {
                    if (java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                        int at = i;
                        while (flippable.indexOf(bytes[at]) < 0) {
                            at++;
                        }
                        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
                            f.seek(at);
                            f.write(bytes[at] ^ 0x01);
                        }
                        return;
                    }
                }
            }
        }
        throw new AssertionError(id + " is in no journal segment");
    }

    /** XORs {@code mask} into the first byte of the first occurrence of {@code text} in any segment. */
    private static void flipFirst(Path journal, String text, int mask) throws Exception {
        byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (var files = Files.list(journal)) {
            for (Path seg : files.filter(p -> p.toString().endsWith(".seg")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(seg);
                for (int i = 0; i + needle.length <= bytes.length; i++) {
                    if (java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
                            f.seek(i);
                            f.write(bytes[i] ^ mask);
                        }
                        return;
                    }
                }
            }
        }
        throw new AssertionError(text + " is in no journal segment");
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
