package dev.encore.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.BlobStore;
import dev.encore.store.Disk;
import dev.encore.store.MappedAsset;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcmAssetTest {
    @TempDir
    Path temp;

    @Test
    void aTrimWindowIsAViewOfExactlyTheFramesBetweenItsTimes() throws IOException {
        Path media = Files.createDirectories(temp.resolve("media"));
        BlobStore store = BlobStore.open(temp.resolve("blobs"), Disk.local());
        Path wav = ToneFile.wav(media.resolve("song.wav"), 24, false, 48000, 2, 440, 660);
        PcmAsset pcm = new AudioImporter(store, MediaFolders.of(media), 48000, Ffmpeg.onPath("")).importFile(wav, Progress.NONE).pcmAsset();
        MappedAsset mapped = pcm.map(store);

        FloatBuffer middle = pcm.window(mapped, 0.5, 1.5);
        assertEquals(48000 * 2, middle.remaining());
        assertEquals(ToneFile.exact(440, 48000, 24000), middle.get(0), 1e-6);
        assertEquals(ToneFile.exact(660, 48000, 24000), middle.get(1), 1e-6);
        assertEquals(pcm.frames() * 2, pcm.window(mapped, 0, pcm.durationSeconds()).remaining());

        for (double[] bad : new double[][] {{-0.1, 1}, {1, 1}, {1.5, 0.5}, {0, 2.5}, {Double.NaN, 1}}) {
            EncoreException e = assertThrows(EncoreException.class, () -> pcm.window(mapped, bad[0], bad[1]));
            assertEquals(Reason.BAD_ARGUMENTS, e.reason());
        }
    }
}
