package dev.encore.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder written by the version before the journal (manifests beside a MapDB index, made
 * by that version's code and kept as a fixture) is migrated at its first start, losing nothing.
 */
class MigrationTest {
    @TempDir
    Path data;

    private void copyFixture() throws URISyntaxException, java.io.IOException {
        Path fixture = Path.of(MigrationTest.class.getResource("/dev/encore/store/legacy-manifests").toURI());
        StoreFaultCampaignTest.copyTree(fixture, data);
    }

    @Test
    void everySessionDraftSetlistAndStemCacheOfAnOldFolderComesBackTyped() throws Exception {
        copyFixture();
        long oldFiles;
        try (var walk = Files.walk(data.resolve("manifests"))) {
            oldFiles = walk.count();
        }
        for (int start = 0; start < 2; start++) {
            try (SessionStore store = SessionStore.open(data)) {
                assertEquals(List.of("Encore", "Opener", "Ballad"), store.list().stream().map(SessionSummary::name).toList(), "start " + start);
                StoredSession ballad = store.findByName("Ballad").orElseThrow();
                assertEquals(ballad.id(), store.bookkeeping().active().orElseThrow());
                assertEquals(0.35, ballad.snapshot().path("params").path("mixer/gain").asDouble());
                assertEquals(0.4, store.bookkeeping().draft(ballad.id()).orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
                StoredSession opener = store.findByName("Opener").orElseThrow();
                JsonNode blob = opener.snapshot().path("params").path("mix/blob");
                assertTrue(blob.isBinary(), "a blob parameter stays binary, not base64 text: " + blob);
                assertArrayEquals(new byte[] {1, 2, 3}, blob.binaryValue());
                assertTrue(opener.snapshot().path("params").path("mix/flag").isBoolean());
                assertEquals(4, opener.assets().size());
                for (AssetId id : opener.assets()) {
                    store.blobs().verify(id, -1);
                    store.map(id);
                }
                assertEquals("none", store.bookkeeping().meta("crash.guard").orElseThrow());
                AssetId pcm = AssetId.of(opener.snapshot().path("tracks").get(0).path("pcm").asText());
                assertEquals(2, store.bookkeeping().cachedStems(pcm.hex() + "|spectral|1").orElseThrow().size());
            }
        }
        try (var walk = Files.walk(data.resolve("manifests"))) {
            assertEquals(oldFiles + 1, walk.count(), "the old files stay, with one note that they were migrated");
        }
        assertTrue(Files.exists(data.resolve("index.mapdb")), "the old index stays where it was");
    }
}
