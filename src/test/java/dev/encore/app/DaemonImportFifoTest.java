package dev.encore.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.app.OscClient.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import whose file is swapped for a named pipe after its path was checked is answered, and
 * the audio workers stay free; over real UDP, with the swap racing the imports.
 */
class DaemonImportFifoTest {
    private static final int IMPORTS = 40;

    @TempDir
    Path dir;

    @Test
    void importsRacingASwapToANamedPipeAreAllAnsweredAndNoneHangs() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Path song = media.resolve("song.wav");
        Path wav = dir.resolve("real.wav");
        Path fifo = dir.resolve("pipe.wav");
        DaemonTracksTest.writeTone(wav, 0.2);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor() == 0, "mkfifo made the pipe");
        Path parkedWav = dir.resolve("parked.wav");
        Path parkedFifo = dir.resolve("parked-pipe");
        Files.copy(wav, song);
        Files.move(fifo, parkedFifo);
        AtomicBoolean swapping = new AtomicBoolean(true);
        Thread swapper = new Thread(() -> {
            // Puts the pipe in the real file's place and back, as someone could behind Encore's back.
            try {
                while (swapping.get()) {
                    Files.move(song, parkedWav, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(parkedFifo, song, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(song, parkedFifo, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(parkedWav, song, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "swapper");
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP + "media: [media]\n")) {
            OscClient osc = stage.client;
            swapper.start();
            for (int i = 0; i < IMPORTS; i++) {
                Message answer = osc.request("/encore/track/import", "song.wav");
                assertTrue(answer.address().equals("/encore/reply") || answer.address().equals("/encore/error"), answer.toString());
            }
            swapping.set(false);
            swapper.join(5_000);
            Message last = osc.request("/encore/ping");
            assertTrue(last.address().equals("/encore/reply"), last.toString());
        } finally {
            swapping.set(false);
        }
    }
}
