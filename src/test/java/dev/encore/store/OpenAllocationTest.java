package dev.encore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a session hands over its audio as memory mappings: no copy of the PCM on the Java heap. */
class OpenAllocationTest {
    private static final int PCM_BYTES = 200 * 1024 * 1024;
    private static final long HEAP_BUDGET_BYTES = 1024 * 1024;

    @TempDir
    Path data;

    private static AssetId writePcm(SessionStore store, int bytes, float seed) {
        float[] block = new float[64 * 1024];
        try (BlobWriter w = store.blobs().newWriter()) {
            for (int written = 0; written < bytes; written += block.length * 4) {
                for (int i = 0; i < block.length; i++) {
                    block[i] = seed + (written / 4 + i) * 1e-7f;
                }
                w.writeFloats(block, 0, Math.min(block.length, (bytes - written) / 4));
            }
            return w.commit();
        }
    }

    private static List<MappedAsset> open(SessionStore store, SessionId id) {
        StoredSession s = store.find(id).orElseThrow();
        List<MappedAsset> audio = new ArrayList<>(s.assets().size());
        for (AssetId a : s.assets()) {
            audio.add(store.map(a).load());
        }
        return audio;
    }

    @Test
    void openingASessionWith200MBOfPcmAllocatesUnder1MiBOfHeap() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (SessionStore store = SessionStore.open(data)) {
            AssetId warm = writePcm(store, 1024 * 1024, 0.5f);
            SessionId warmup = store.create("Warm-up", StoreFixtures.snapshot(0, "f", warm, warm, null, null), Set.of(warm)).id();
            AssetId big = writePcm(store, PCM_BYTES, 0.25f);
            SessionId show = store.create("Show", StoreFixtures.snapshot(0, "f", big, big, null, null), Set.of(big)).id();
            open(store, warmup);

            long tid = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(tid);
            List<MappedAsset> audio = open(store, show);
            long allocated = threads.getThreadAllocatedBytes(tid) - before;

            assertTrue(allocated < HEAP_BUDGET_BYTES, "opening allocated " + allocated + " bytes of heap");
            MappedAsset pcm = audio.get(0);
            assertTrue(pcm.isMemoryMapped());
            assertEquals(PCM_BYTES, pcm.length());
            FloatBuffer floats = pcm.floats();
            assertTrue(floats.isDirect());
            assertEquals(PCM_BYTES / 4, floats.remaining());
            assertEquals(0.25f + 12345 * 1e-7f, floats.get(12345));
            System.out.printf("open of a session with %d MB of PCM allocated %d bytes of heap%n", PCM_BYTES >> 20, allocated);
        }
    }
}
