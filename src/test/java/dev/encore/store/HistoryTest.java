package dev.encore.store;

import static dev.encore.store.StoreFixtures.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every save is a revision; undo, redo and undelete are durable records of their own. */
class HistoryTest {
    @TempDir
    Path data;

    private static double gain(StoredSession s) {
        return s.snapshot().path("params").path("mixer/gain").asDouble();
    }

    @Test
    void undoStepsBackOneSaveAtATimeAndRedoForwardAndBothSurviveACrash() {
        SessionId id;
        try (SessionStore store = SessionStore.open(data)) {
            id = store.create("Song", params(0.1), Set.of()).id();
            store.update(id, params(0.2), Set.of());
            store.update(id, params(0.3), Set.of());
            assertEquals(List.of(3, 2, 1), store.revisions().history(id).stream().map(Revision::number).toList());
            assertEquals(0.2, gain(store.revisions().undo(id)));
            assertEquals(0.1, gain(store.revisions().undo(id)));
            assertEquals(Reason.NO_SUCH_REVISION, assertThrows(EncoreException.class, () -> store.revisions().undo(id)).reason());
            assertEquals(0.2, gain(store.revisions().redo(id)));
            store.abandon();
        }
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(0.2, gain(store.find(id).orElseThrow()), "undo and redo were journaled");
            assertEquals(2, store.revisions().head(id));
            assertEquals(0.3, gain(store.revisions().redo(id)));
            assertEquals(0.1, gain(store.revisions().revision(id, 1)), "an older revision reads back as it was saved");
            store.update(id, params(0.4), Set.of());
            store.revisions().undo(id);
            store.update(id, params(0.5), Set.of());
            assertEquals(Reason.NO_SUCH_REVISION, assertThrows(EncoreException.class, () -> store.revisions().redo(id)).reason(),
                    "a new save ends what could be redone");
            assertEquals(5, store.revisions().history(id).size());
        }
    }

    @Test
    void undeleteBringsBackTheLastDeletedSessionWithItsPositionUnderAFreeName() {
        try (SessionStore store = SessionStore.open(data)) {
            store.create("One", params(0.1), Set.of());
            SessionId two = store.create("Two", params(0.2), Set.of()).id();
            store.create("Three", params(0.3), Set.of());
            store.delete(two);
            store.create("Two", params(0.9), Set.of());
            StoredSession back = store.undelete();
            assertEquals("Two (2)", back.name());
            assertEquals(0.2, gain(back));
            assertEquals(List.of("One", "Two (2)", "Three", "Two"), store.list().stream().map(SessionSummary::name).toList());
        }
    }

    @Test
    void retentionKeepsTheNewestRevisionsAndTheHead() {
        StoreOptions keepThree = StoreOptions.DEFAULTS.withRetention(3, 30);
        SessionId id;
        try (SessionStore store = SessionStore.open(data, Disk.local(), java.time.Clock.systemUTC(), keepThree)) {
            id = store.create("Song", params(0), Set.of()).id();
            for (int i = 1; i < 10; i++) {
                store.update(id, params(i / 10.0), Set.of());
            }
            store.compact();
            assertEquals(List.of(10, 9, 8), store.revisions().history(id).stream().map(Revision::number).toList());
            assertEquals(0.8, gain(store.revisions().undo(id)));
        }
        try (SessionStore store = SessionStore.open(data, Disk.local(), java.time.Clock.systemUTC(), keepThree)) {
            assertEquals(List.of(10, 9, 8), store.revisions().history(id).stream().map(Revision::number).toList());
            assertEquals(0.8, gain(store.find(id).orElseThrow()));
        }
    }

    /**
     * Many sessions and one saved past the limit: neither the start nor the stop rewrites the whole
     * journal to drop a few revisions; once the revisions over the limit are an eighth of the
     * journal, the clean stop compacts, and the start after it opens the new generation as it is.
     */
    @Test
    void aStartNeverCompactsForRetentionAndAStopOnlyWhenTheRevisionsOverTheLimitAreAnEighthOfTheJournal() throws Exception {
        StoreOptions keepThree = StoreOptions.DEFAULTS.withRetention(3, 30);
        SessionId busy;
        try (SessionStore store = SessionStore.open(data, Disk.local(), java.time.Clock.systemUTC(), keepThree)) {
            for (int i = 0; i < 40; i++) {
                store.create("Song " + i, params(i / 100.0), Set.of());
            }
            busy = store.create("Busy", params(0), Set.of()).id();
            for (int i = 1; i <= 5; i++) {
                store.update(busy, params(i / 10.0), Set.of());
            }
        }
        List<String> first = segments();
        try (SessionStore store = SessionStore.open(data, Disk.local(), java.time.Clock.systemUTC(), keepThree)) {
            assertEquals(6, store.revisions().history(busy).size(), "three over the limit, kept past the start");
        }
        assertEquals(first, segments(), "three revisions over the limit are not worth rewriting 41 sessions at the stop");

        try (SessionStore store = SessionStore.open(data, Disk.local(), java.time.Clock.systemUTC(), keepThree)) {
            for (int i = 6; i <= 25; i++) {
                store.update(busy, params(i / 100.0), Set.of());
            }
            assertEquals(26, store.revisions().history(busy).size(), "nothing is dropped while Encore runs");
        }
        assertNotEquals(first, segments(), "23 revisions over the limit, more than an eighth of the journal: the stop compacted");
        List<String> compacted = segments();
        try (SessionStore store = SessionStore.open(data, Disk.local(), java.time.Clock.systemUTC(), keepThree)) {
            assertEquals(List.of(26, 25, 24), store.revisions().history(busy).stream().map(Revision::number).toList());
            assertEquals(41, store.list().size());
        }
        assertEquals(compacted, segments(), "and the start after it does not compact again");
    }

    private List<String> segments() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(data.resolve(Journal.DIR))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void typedValuesComeBackTheSameAfterReopenCrashAndRebuild() throws Exception {
        SessionId id;
        try (SessionStore store = SessionStore.open(data)) {
            ObjectNode doc = params(0.5);
            ObjectNode p = (ObjectNode) doc.get("params");
            p.put("blob", new byte[] {1, 2, 3});
            p.put("nan", Double.NaN);
            p.put("inf", Double.POSITIVE_INFINITY);
            p.put("minf", Float.NEGATIVE_INFINITY);
            p.put("flag", false);
            p.put("big", 4294967301L);
            p.put("text", "NaN");
            p.putArray("many").add(1).add("two").add(3.5f);
            id = store.create("Typed", doc, Set.of()).id();
            store.abandon();
        }
        for (String way : List.of("after a crash", "after a clean reopen", "after a rebuild")) {
            if (way.equals("after a rebuild")) {
                SessionStore.rebuild(data);
            }
            try (SessionStore store = SessionStore.open(data)) {
                ObjectNode p = (ObjectNode) store.find(id).orElseThrow().snapshot().get("params");
                assertTrue(p.get("blob").isBinary(), way);
                assertArrayEquals(new byte[] {1, 2, 3}, p.get("blob").binaryValue(), way);
                assertTrue(p.get("nan").isNumber() && Double.isNaN(p.get("nan").asDouble()), way + ": " + p.get("nan"));
                assertEquals(Double.POSITIVE_INFINITY, p.get("inf").asDouble(), way);
                assertTrue(p.get("minf").isFloat() || p.get("minf").isDouble(), way);
                assertEquals(Double.NEGATIVE_INFINITY, p.get("minf").asDouble(), way);
                assertTrue(p.get("flag").isBoolean() && !p.get("flag").asBoolean(), way);
                assertTrue(p.get("big").canConvertToLong() && !p.get("big").canConvertToInt(), way);
                assertEquals(4294967301L, p.get("big").asLong(), way);
                assertTrue(p.get("text").isTextual(), way);
                assertEquals(3, p.get("many").size(), way);
                assertTrue(p.get("many").get(1).isTextual() && p.get("many").get(0).isIntegralNumber(), way);
            }
        }
    }

    @Test
    void aDamagedBlobIsReplacedWhenTheSameBytesAreWrittenAgain() throws Exception {
        byte[] audio = StoreFixtures.randomBytes(3, 8000);
        try (SessionStore store = SessionStore.open(data)) {
            AssetId id = store.blobs().put(audio);
            store.create("Song", StoreFixtures.snapshot(0, "f", id, id, null, null), Set.of(id));
            byte[] damaged = audio.clone();
            damaged[100] ^= 1;
            java.nio.file.Files.write(store.blobs().path(id), damaged);
            assertEquals(Reason.ASSET_CORRUPT, assertThrows(EncoreException.class, () -> store.blobs().verify(id)).reason());
            assertEquals(id, store.blobs().put(audio), "re-importing the track's file");
            store.blobs().verify(id);
            java.nio.file.Files.write(store.blobs().path(id), java.util.Arrays.copyOf(audio, 4000));
            assertEquals(Reason.ASSET_CORRUPT, assertThrows(EncoreException.class, () -> store.map(id)).reason(),
                    "a truncated blob is refused when it is mapped");
        }
    }
}
