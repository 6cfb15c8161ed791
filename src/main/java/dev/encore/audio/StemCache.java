package dev.encore.audio;

import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stems shared across sessions, keyed by source audio and extractor version: a hit whose blobs
 * are all still stored costs no extraction; a miss runs the extractor once, even when several
 * requests for the same key arrive together (they wait for the one run and share its result).
 */
public final class StemCache {
    private static final Logger LOG = LoggerFactory.getLogger(StemCache.class);

    /** Where the key to stems mapping is kept; the store provides a durable one. */
    public interface Index {
        Optional<Map<String, AssetId>> get(StemKey key);

        void put(StemKey key, Map<String, AssetId> stems);

        /** An index that lives as long as this process. */
        static Index inMemory() {
            Map<StemKey, Map<String, AssetId>> map = new ConcurrentHashMap<>();
            return new Index() {
                @Override
                public Optional<Map<String, AssetId>> get(StemKey key) {
                    return Optional.ofNullable(map.get(key));
                }

                @Override
                public void put(StemKey key, Map<String, AssetId> stems) {
                    map.put(key, Map.copyOf(stems));
                }
            };
        }
    }

    private final BlobStore store;
    private final Index index;
    private final Map<StemKey, CompletableFuture<Map<String, AssetId>>> running = new ConcurrentHashMap<>();

    public StemCache(BlobStore store, Index index) {
        this.store = store;
        this.index = index;
    }

    /** The cached stems for this key when every one of their blobs still exists. */
    public Optional<Map<String, AssetId>> cached(StemKey key) {
        return index.get(key).filter(stems -> !stems.isEmpty() && stems.values().stream().allMatch(store::exists));
    }

    /**
     * The stems of {@code source} by {@code extractor}: from the cache, or extracted on the calling
     * thread (or awaited, when another thread is already extracting the same key).
     */
    public Map<String, AssetId> stems(StemSource source, StemExtractor extractor, Progress progress) {
        StemKey key = StemKey.of(source.id(), extractor);
        Optional<Map<String, AssetId>> hit = cached(key);
        if (hit.isPresent()) {
            progress.report(1);
            return hit.get();
        }
        CompletableFuture<Map<String, AssetId>> mine = new CompletableFuture<>();
        CompletableFuture<Map<String, AssetId>> other = running.putIfAbsent(key, mine);
        if (other != null) {
            return await(other);
        }
        try {
            Map<String, AssetId> stems = cached(key).orElseGet(() -> extract(key, source, extractor, progress));
            mine.complete(stems);
            return stems;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }

    private Map<String, AssetId> extract(StemKey key, StemSource source, StemExtractor extractor, Progress progress) {
        LOG.info("Extracting stems of {} with {} {}", key.source(), key.extractorId(), key.extractorVersion());
        Map<String, AssetId> stems = Map.copyOf(extractor.extract(source, progress));
        index.put(key, stems);
        return stems;
    }

    private static Map<String, AssetId> await(CompletableFuture<Map<String, AssetId>> other) {
        try {
            return other.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
