package dev.encore.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.Disk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioWorkersTest {
    @TempDir
    Path temp;

    @Test
    void importAndExtractionRunOnNamedDaemonThreadsAndAnswerWithFutures() throws Exception {
        Path media = Files.createDirectories(temp.resolve("media"));
        Path wav = ToneFile.wav(media.resolve("song.wav"), 16, false, 48000, 1, 440, 660);
        BlobStore store = BlobStore.open(temp.resolve("blobs"), Disk.local());
        AudioImporter importer = new AudioImporter(store, MediaFolders.of(media), 48000, Ffmpeg.onPath(""));
        AtomicReference<Thread> importThread = new AtomicReference<>();
        AtomicReference<Thread> stemThread = new AtomicReference<>();
        StemExtractor echo = new StemExtractor() {
            @Override
            public String id() {
                return "echo";
            }

            @Override
            public String version() {
                return "1";
            }

            @Override
            public Map<String, AssetId> extract(StemSource source, Progress progress) {
                stemThread.set(Thread.currentThread());
                return Map.of(VOCALS, source.id(), INSTRUMENTS, source.id());
            }
        };
        try (AudioWorkers workers = new AudioWorkers(importer, new StemCache(store, StemCache.Index.inMemory()))) {
            ImportedAudio audio = workers.importFile(wav, f -> importThread.set(Thread.currentThread())).result().get(30, TimeUnit.SECONDS);
            assertEquals(48000, audio.frames());
            Map<String, AssetId> stems = workers.stems(audio.pcmAsset(), echo, Progress.NONE).get(30, TimeUnit.SECONDS);
            assertEquals(audio.pcm(), stems.get("vocals"));
            for (Thread t : new Thread[] {importThread.get(), stemThread.get()}) {
                assertTrue(t.getName().startsWith("encore-audio-"), t.getName());
                assertTrue(t.isDaemon());
                assertNotEquals(Thread.currentThread(), t);
            }
        }
    }

    @Test
    void aFailedImportCompletesTheFutureWithTheTypedError() throws Exception {
        Path media = Files.createDirectories(temp.resolve("media"));
        BlobStore store = BlobStore.open(temp.resolve("blobs"), Disk.local());
        AudioImporter importer = new AudioImporter(store, MediaFolders.of(media), 48000, Ffmpeg.onPath(""));
        try (AudioWorkers workers = new AudioWorkers(importer, new StemCache(store, StemCache.Index.inMemory()))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> workers.importFile(temp.resolve("elsewhere.wav"), Progress.NONE).result().get(30, TimeUnit.SECONDS));
            EncoreException cause = assertInstanceOf(EncoreException.class, e.getCause());
            assertEquals(Reason.PATH_NOT_ALLOWED, cause.reason());
        }
    }
}
