package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetId;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs imports and stem extraction on their own daemon threads ("encore-audio-N") and answers
 * with futures, so the engine thread never waits on decoding or separation. Failures complete the
 * future exceptionally with the {@link dev.encore.EncoreException} that says what went wrong.
 */
public final class AudioWorkers implements AutoCloseable {
    /** Two workers: an import and an extraction can run side by side on a small laptop. */
    public static final int DEFAULT_THREADS = 2;

    private final ExecutorService executor;
    private final AudioImporter importer;
    private final StemCache cache;

    public AudioWorkers(AudioImporter importer, StemCache cache, int threads) {
        this.importer = importer;
        this.cache = cache;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "encore-audio-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
    }

    public AudioWorkers(AudioImporter importer, StemCache cache) {
        this(importer, cache, DEFAULT_THREADS);
    }

    /**
     * An import running on these threads: its result, and the watch that cancels it (a read blocked
     * on the file or on ffmpeg ends at once, a queued import does not start).
     */
    public record Import(CompletableFuture<ImportedAudio> result, ReadWatch watch) {
    }

    /** Imports a file from a media folder; see {@link AudioImporter#importFile}. */
    public Import importFile(Path requested, Progress progress) {
        ReadWatch watch = importer.watch(requested.getFileName().toString());
        try {
            return new Import(CompletableFuture.supplyAsync(() -> importer.importFile(requested, progress, watch), executor), watch);
        } catch (RejectedExecutionException e) {
            watch.close();
            throw new EncoreException(Reason.BUSY, "Audio work has stopped; " + requested.getFileName() + " was not imported.", e);
        }
    }

    /** The stems of a stored PCM asset, from the cache or extracted; see {@link StemCache#stems}. */
    public CompletableFuture<Map<String, AssetId>> stems(PcmAsset pcm, StemExtractor extractor, Progress progress) {
        return CompletableFuture.supplyAsync(() -> cache.stems(StemSource.of(pcm, importer.store()), extractor, progress), executor);
    }

    /**
     * Runs other long audio IO on these threads, such as reading every stored asset for the
     * pre-show check, so that it never holds up the engine thread.
     */
    public <T> CompletableFuture<T> submit(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }

    /** Stops taking work and waits briefly for running work to end. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
