package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.audio.Progress;
import dev.encore.audio.SpectralStemExtractor;
import dev.encore.audio.StemExtractor;
import dev.encore.audio.StemSource;
import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The built-in separator, counting its runs; a test can hold it at a gate (a slow extraction) or
 * make it fail. It outlives engines, so a count spans a close and reopen.
 */
final class CountingExtractor implements StemExtractor {
    final AtomicInteger calls = new AtomicInteger();
    volatile CountDownLatch gate = new CountDownLatch(0);
    volatile boolean failing;
    private volatile StemExtractor real;

    /** The builder's extractor factory: the built-in separator on the engine's blob store, counted. */
    StemExtractor on(BlobStore blobs) {
        real = new SpectralStemExtractor(blobs);
        return this;
    }

    @Override
    public String id() {
        return "counting";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public Map<String, AssetId> extract(StemSource source, Progress progress) {
        calls.incrementAndGet();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncoreException(Reason.BUSY, "Extraction interrupted.", e);
        }
        if (failing) {
            throw new EncoreException(Reason.GENERAL, "The separator crashed.");
        }
        return real.extract(source, progress);
    }
}
