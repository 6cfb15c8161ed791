package dev.encore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaveWarmupTest {
    @TempDir
    Path dir;

    @Test
    void warmingUpWritesNothingAndChangesNoState() throws IOException {
        try (SessionStore store = SessionStore.open(dir)) {
            ObjectNode snapshot = SaveWarmup.typicalShape();
            AssetId song = store.blobs().put(new byte[] {1, 2, 3, 4, 5});
            StoredSession s = store.create("Opener", snapshot, Set.of(song));
            store.bookkeeping().setActive(s.id());
            Map<String, Long> before = files();

            long bytes = SaveWarmup.run(snapshot, Map.of(song, 5L), 200);

            assertTrue(bytes > 200 * snapshot.size(), "every round framed a whole record: " + bytes);
            assertEquals(before, files(), "the data folder is untouched");
            assertEquals(1, store.list().size());
            assertEquals(1, store.revisions().history(s.id()).size());
        }
    }

    @Test
    void closingTheStoreStopsAPendingWarmUp() throws Exception {
        SessionStore store = SessionStore.open(dir);
        store.warmUpSaves();
        Thread warmup = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("encore-warmup"))
                .findFirst().orElseThrow();
        store.close();
        warmup.join(2_000);
        assertTrue(!warmup.isAlive(), "the warm-up thread ended with the store");
    }

    /** Every file under the data folder with a checksum of its content (the journal's preallocated zeros included). */
    private Map<String, Long> files() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                if (!p.getFileName().toString().equals(FolderLock.FILE)) {
                    CRC32C crc = new CRC32C();
                    crc.update(Files.readAllBytes(p));
                    out.put(dir.relativize(p).toString(), crc.getValue());
                }
            }
        }
        return out;
    }
}
