package dev.encore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A v1 record (the first version's lightweight saved session) left in an old data folder opens, migrated to the current schema. */
class LegacySessionTest {
    @TempDir
    Path data;

    private static byte[] v1Bytes() throws Exception {
        try (InputStream in = LegacySessionTest.class.getResourceAsStream("/dev/encore/store/v1-session.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void aV1RecordInAnOldDataFolderOpensWithItsConfigAsParametersAndItsFixture() throws Exception {
        SessionId legacyId = SessionId.of("00000000000000a1");
        java.nio.file.Files.createDirectories(data.resolve("manifests"));
        java.nio.file.Files.write(data.resolve("manifests").resolve(legacyId.value() + ".json"), v1Bytes());
        try (SessionStore store = SessionStore.open(data)) {
            List<SessionSummary> list = store.list();
            assertEquals(List.of("Sunday Rehearsal"), list.stream().map(SessionSummary::name).toList());
            StoredSession s = store.find(legacyId).orElseThrow();
            assertEquals(SessionStore.SCHEMA_VERSION, s.schemaVersion());
            ObjectNode snap = s.snapshot();
            assertEquals(124.0, snap.path("params").path("tempo").asDouble());
            assertEquals(0.35, snap.path("params").path("fx/reverb/mix").asDouble());
            assertEquals("warm", snap.path("params").path("scene").asText());
            assertEquals("fixture-neon-drive", snap.path("fixture").asText());
            assertEquals(0, snap.path("tracks").size());
            assertEquals("full", snap.path("stems").path("mode").asText());
            assertTrue(s.assets().isEmpty());
            assertEquals(s.id(), store.findByName("sunday rehearsal").orElseThrow().id());
            store.update(legacyId, s.snapshot(), Set.of());
        }
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(0.35, store.find(legacyId).orElseThrow().snapshot().path("params").path("fx/reverb/mix").asDouble());
        }
    }
}
