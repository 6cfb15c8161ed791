package dev.encore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store offers a bundle import: sessions that keep their id and times, unique names, and blob names known before storing. */
class SessionImportTest {
    @TempDir
    Path dir;

    private static ObjectNode doc(double gain) {
        ObjectNode s = StoreFixtures.JSON.createObjectNode();
        s.putObject("params").put("mixer/gain", gain);
        return s;
    }

    @Test
    void anImportedSessionKeepsItsIdAndTimesAndItsNextRevisionKeepsTheNameHere() {
        SessionId id = SessionId.random();
        Instant created = Instant.parse("2026-01-02T03:04:05.678Z");
        Instant later = Instant.parse("2026-02-03T04:05:06.789Z");
        try (SessionStore store = SessionStore.open(dir)) {
            AssetId audio = store.blobs().put(new byte[] {1, 2, 3, 4});
            assertFalse(store.imports().knows(id));
            store.imports().importRevision(new StoredSession(id, "Opening", created, created, SessionStore.SCHEMA_VERSION, Set.of(), doc(0.1)));
            store.imports().importRevision(new StoredSession(id, "Other name", created, later, SessionStore.SCHEMA_VERSION, Set.of(audio), doc(0.2)));
            assertTrue(store.imports().knows(id));
        }
        try (SessionStore store = SessionStore.open(dir)) {
            StoredSession back = store.find(id).orElseThrow();
            assertEquals("Opening", back.name());
            assertEquals(created, back.created());
            assertEquals(later, back.updated());
            assertEquals(0.2, back.snapshot().path("params").path("mixer/gain").asDouble());
            assertEquals(2, store.revisions().history(id).size());
            assertEquals("import", store.revisions().history(id).get(0).what());
            assertEquals(0.1, store.revisions().revision(id, 1).snapshot().path("params").path("mixer/gain").asDouble());
        }
    }

    @Test
    void aUniqueNameSkipsEveryTakenVariant() {
        try (SessionStore store = SessionStore.open(dir)) {
            store.create("Ballad", doc(0), Set.of());
            store.create("ballad (2)", doc(0), Set.of());
            assertEquals("Ballad (3)", store.imports().uniqueName("Ballad"));
            assertEquals("Encore", store.imports().uniqueName("Encore"));
        }
    }

    @Test
    void theAssetHasherNamesBytesAsTheBlobStoreDoes() {
        byte[] bytes = new byte[100_003];
        new java.util.Random(5).nextBytes(bytes);
        try (SessionStore store = SessionStore.open(dir)) {
            AssetId stored = store.blobs().put(bytes);
            AssetHasher inPieces = new AssetHasher().update(bytes, 0, 7).update(ByteBuffer.wrap(bytes, 7, bytes.length - 7));
            assertEquals(stored, inPieces.id());
        }
    }
}
