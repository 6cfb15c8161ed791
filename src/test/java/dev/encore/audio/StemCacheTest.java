package dev.encore.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.Disk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StemCacheTest {
    @TempDir
    Path temp;
    BlobStore store;
    StemCache cache;
    StemSource song;

    /** Writes two quiet stems and counts its runs; can be held at a gate to make requests overlap. */
    final class CountingExtractor implements StemExtractor {
        final AtomicInteger calls = new AtomicInteger();
        final String version;
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(0);

        CountingExtractor(String version) {
            this.version = version;
        }

        @Override
        public String id() {
            return "counting";
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public Map<String, AssetId> extract(StemSource source, Progress progress) {
            int n = calls.incrementAndGet();
            started.countDown();
            try {
                assertTrue(gate.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            float[] half = new float[source.samples().limit()];
            source.samples().duplicate().get(half);
            for (int i = 0; i < half.length; i++) {
                half[i] *= 0.5f;
            }
            half[0] = n; // each run makes different bytes, so a second run would show as new ids
            AssetId stem;
            try (var w = store.newWriter()) {
                stem = w.writeFloats(half, 0, half.length).commit();
            }
            return Map.of(VOCALS, stem, INSTRUMENTS, stem);
        }
    }

    @BeforeEach
    void setUp() {
        store = BlobStore.open(temp.resolve("blobs"), Disk.local());
        cache = new StemCache(store, StemCache.Index.inMemory());
        float[] pcm = new float[2 * 4800];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (float) Math.sin(i * 0.05);
        }
        AssetId id;
        try (var w = store.newWriter()) {
            id = w.writeFloats(pcm, 0, pcm.length).commit();
        }
        song = StemSource.of(new PcmAsset(id, 48000, 2, 4800), store);
    }

    @Test
    void aMissRunsTheExtractorExactlyOnceAndAHitRunsItNever() {
        CountingExtractor extractor = new CountingExtractor("1");
        Map<String, AssetId> first = cache.stems(song, extractor, Progress.NONE);
        assertEquals(1, extractor.calls.get());
        Map<String, AssetId> second = cache.stems(song, extractor, Progress.NONE);
        assertEquals(1, extractor.calls.get(), "a cache hit must not extract");
        assertEquals(first, second);
        assertEquals(first, cache.cached(StemKey.of(song.id(), extractor)).orElseThrow());
    }

    @Test
    void aNewExtractorVersionExtractsAfresh() {
        CountingExtractor v1 = new CountingExtractor("1");
        CountingExtractor v2 = new CountingExtractor("2");
        cache.stems(song, v1, Progress.NONE);
        cache.stems(song, v2, Progress.NONE);
        assertEquals(1, v2.calls.get());
    }

    @Test
    void aHitWhoseBlobsWereCollectedCountsAsAMiss() {
        CountingExtractor extractor = new CountingExtractor("1");
        Map<String, AssetId> first = cache.stems(song, extractor, Progress.NONE);
        StemCache.Index index = StemCache.Index.inMemory();
        AssetId gone = AssetId.of("0123456789abcdef0123456789abcdef");
        index.put(StemKey.of(song.id(), extractor), Map.of("vocals", gone, "instruments", first.get("instruments")));
        StemCache stale = new StemCache(store, index);
        Map<String, AssetId> again = stale.stems(song, extractor, Progress.NONE);
        assertEquals(2, extractor.calls.get());
        assertTrue(store.exists(again.get("vocals")));
        assertEquals(again, index.get(StemKey.of(song.id(), extractor)).orElseThrow(), "the index is repaired");
    }

    @Test
    void twoRequestsForTheSameStemsAtOnceShareOneExtraction() throws Exception {
        CountingExtractor extractor = new CountingExtractor("1");
        extractor.gate = new CountDownLatch(1);
        StemCache.Index memory = StemCache.Index.inMemory();
        CountDownLatch lookups = new CountDownLatch(4); // two by the first request, one by each other
        cache = new StemCache(store, new StemCache.Index() {
            @Override
            public java.util.Optional<Map<String, AssetId>> get(StemKey key) {
                lookups.countDown();
                return memory.get(key);
            }

            @Override
            public void put(StemKey key, Map<String, AssetId> stems) {
                memory.put(key, stems);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CompletableFuture<Map<String, AssetId>> a = CompletableFuture.supplyAsync(() -> cache.stems(song, extractor, Progress.NONE), pool);
            assertTrue(extractor.started.await(10, TimeUnit.SECONDS));
            List<CompletableFuture<Map<String, AssetId>>> others = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                others.add(CompletableFuture.supplyAsync(() -> cache.stems(song, extractor, Progress.NONE), pool));
            }
            assertTrue(lookups.await(10, TimeUnit.SECONDS), "the other requests arrive while the first extracts");
            extractor.gate.countDown();
            Map<String, AssetId> stems = a.get(10, TimeUnit.SECONDS);
            for (CompletableFuture<Map<String, AssetId>> other : others) {
                assertEquals(stems, other.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, extractor.calls.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedExtractionIsNotCachedAndTheNextRequestTriesAgain() {
        AtomicInteger calls = new AtomicInteger();
        StemExtractor flaky = new StemExtractor() {
            @Override
            public String id() {
                return "flaky";
            }

            @Override
            public String version() {
                return "1";
            }

            @Override
            public Map<String, AssetId> extract(StemSource source, Progress progress) {
                if (calls.incrementAndGet() == 1) {
                    throw new EncoreException(Reason.GENERAL, "separator crashed");
                }
                return Map.of("vocals", source.id(), "instruments", source.id());
            }
        };
        EncoreException e = assertThrows(EncoreException.class, () -> cache.stems(song, flaky, Progress.NONE));
        assertEquals("separator crashed", e.getMessage());
        assertEquals(song.id(), cache.stems(song, flaky, Progress.NONE).get("vocals"));
        assertEquals(2, calls.get());
    }

    @Test
    void differentSourcesHaveDifferentEntries() {
        CountingExtractor extractor = new CountingExtractor("1");
        Map<String, AssetId> a = cache.stems(song, extractor, Progress.NONE);
        float[] other = {0.1f, 0.2f, 0.3f, 0.4f};
        AssetId id;
        try (var w = store.newWriter()) {
            id = w.writeFloats(other, 0, other.length).commit();
        }
        Map<String, AssetId> b = cache.stems(StemSource.of(new PcmAsset(id, 48000, 2, 2), store), extractor, Progress.NONE);
        assertEquals(2, extractor.calls.get());
        assertNotEquals(a, b);
        assertSame(song.id(), StemKey.of(song.id(), extractor).source());
    }
}
