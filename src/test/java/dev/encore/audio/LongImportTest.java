package dev.encore.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.store.BlobStore;
import dev.encore.store.Disk;
import dev.encore.store.MappedAsset;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole song's worth of audio goes through import in bounded memory. */
class LongImportTest {
    @TempDir
    Path temp;

    @Test
    void aTenMinuteStereoImportAllocatesFarLessHeapThanItsPcm() throws Exception {
        Path media = Files.createDirectories(temp.resolve("media"));
        Path wav = ToneFile.wav(media.resolve("long-set.wav"), 16, false, 44100, 600, 440, 660);
        BlobStore store = BlobStore.open(temp.resolve("blobs"), Disk.local());
        AudioImporter importer = new AudioImporter(store, MediaFolders.of(media), 48000, Ffmpeg.onPath(""));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(thread);
        ImportedAudio audio = importer.importFile(wav, Progress.NONE);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        long pcmBytes = store.length(audio.pcm());
        assertEquals(600L * 48000, audio.frames());
        assertEquals(audio.frames() * 2 * Float.BYTES, pcmBytes);
        assertTrue(allocated < pcmBytes / 10, "import allocated " + allocated + " bytes for " + pcmBytes + " bytes of PCM");
        System.out.printf("10-minute import: %d MiB PCM, %.2f MiB allocated on the importing thread%n",
                pcmBytes >> 20, allocated / 1048576.0);

        MappedAsset mapped = audio.pcmAsset().map(store);
        FloatBuffer pcm = mapped.floats();
        assertEquals(audio.frames() * 2, pcm.limit());
        long mid = 300L * 48000;
        assertEquals(660, ToneFile.frequency(pcm, 2, 1, 48000, mid, mid + 48000), 660 * 0.005);
    }
}
