package dev.encore.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.BlobStore;
import dev.encore.store.Disk;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import reads only the file it opened and checked, and nothing it starts can hold it: the opened
 * channel is checked (not the path), and the decoder process is a real child process (small shell
 * scripts standing in for ffmpeg and ffprobe, so this runs without ffmpeg installed) that is fed the
 * opened file and killed when it hangs or the import is cancelled.
 */
class GuardedImportTest {
    @TempDir
    Path temp;
    Path media;
    Path bin;
    BlobStore store;
    private final CountDownLatch done = new CountDownLatch(1);

    @BeforeEach
    void setUp() throws IOException {
        media = Files.createDirectories(temp.resolve("media"));
        bin = Files.createDirectories(temp.resolve("bin"));
        store = BlobStore.open(temp.resolve("blobs"), Disk.local());
    }

    @AfterEach
    void tearDown() {
        done.countDown();
    }

    @Test
    void aPipeADeviceOrAFolderOpenedWhereTheFileWasIsRefusedOnTheOpenedChannel() throws Exception {
        Path fifo = temp.resolve("pipe.wav");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor(), "mkfifo");
        Thread writer = new Thread(() -> {
            try (FileChannel out = FileChannel.open(fifo, StandardOpenOption.WRITE)) {
                out.write(java.nio.ByteBuffer.wrap("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                done.await();
            } catch (IOException | InterruptedException e) {
                // The test is over.
            }
        });
        writer.setDaemon(true);
        writer.start();
        Path folder = Files.createDirectories(temp.resolve("folder.wav"));
        for (Path opened : List.of(fifo, Path.of("/dev/zero"), folder)) {
            try (FileChannel channel = FileChannel.open(opened, StandardOpenOption.READ);
                    ReadWatch watch = new ReadWatch("song.wav", Duration.ofSeconds(5))) {
                EncoreException e = assertThrows(EncoreException.class,
                        () -> MediaFile.checkOpened(media.resolve("song.wav"), channel, watch), opened.toString());
                assertEquals(Reason.UNSUPPORTED_AUDIO, e.reason(), opened.toString());
                assertTrue(e.getMessage().startsWith("song.wav is not a regular file"), opened + ": " + e.getMessage());
            }
        }
        Path wav = ToneFile.wav(media.resolve("real.wav"), 16, false, 48000, 0.1, 440);
        try (FileChannel channel = FileChannel.open(wav, StandardOpenOption.READ);
                ReadWatch watch = new ReadWatch("real.wav", Duration.ofSeconds(5))) {
            MediaFile.checkOpened(wav, channel, watch);
            assertEquals(0, channel.position(), "the check reads at a position and leaves the channel where it was");
        }
    }

    @Test
    void ffmpegIsFedTheOpenedFileOnItsInputAndNeverGivenThePath() throws Exception {
        script("ffmpeg", "printf '%s\\n' \"$@\" > " + temp.resolve("args") + "\ncat > " + temp.resolve("fed")
                + "\nhead -c 38400 /dev/zero\n");
        Path song = Files.write(media.resolve("song.mp3"), bytes(100_000));
        ImportedAudio audio = importer(Duration.ofSeconds(10)).importFile(song, Progress.NONE);
        assertEquals(4800, audio.frames(), "38400 bytes of stereo float32");
        assertEquals(2, audio.channels());
        List<String> args = Files.readAllLines(temp.resolve("args"));
        assertTrue(args.contains("pipe:0"), args.toString());
        assertFalse(args.stream().anyMatch(a -> a.contains("song.mp3")), "ffmpeg never opens the path itself: " + args);
        assertArrayEquals(Files.readAllBytes(song), Files.readAllBytes(temp.resolve("fed")));
    }

    @Test
    void anFfmpegThatProducesNothingIsKilledAfterTheReadTimeoutWithWhatItStarted() throws Exception {
        Path pids = temp.resolve("pids");
        script("ffmpeg", "sleep 600 &\necho $$ $! > " + pids + "\nwait\n");
        Path song = Files.write(media.resolve("hung.mp3"), bytes(1000));
        long start = System.nanoTime();
        EncoreException e = assertThrows(EncoreException.class,
                () -> importer(Duration.ofMillis(500)).importFile(song, Progress.NONE));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("A hung ffmpeg was killed and the import answered after " + ms + " ms (read timeout 500 ms)");
        assertEquals(Reason.UNSUPPORTED_AUDIO, e.reason());
        assertTrue(e.getMessage().contains("Reading hung.mp3 stopped: no data came for 0.5 s"), e.getMessage());
        assertTrue(ms < 10_000, "answered after " + ms + " ms");
        assertGone(pids);
    }

    @Test
    void cancellingAnImportKillsTheFfmpegItWaitsOn() throws Exception {
        Path pids = temp.resolve("pids");
        script("ffmpeg", "sleep 600 &\necho $$ $! > " + pids + "\nwait\n");
        Path song = Files.write(media.resolve("long.mp3"), bytes(1000));
        AudioImporter importer = importer(Duration.ofMinutes(5));
        ReadWatch watch = importer.watch("long.mp3");
        CompletableFuture<ImportedAudio> running = CompletableFuture.supplyAsync(() -> importer.importFile(song, Progress.NONE, watch));
        awaitFile(pids);
        long start = System.nanoTime();
        watch.cancel("The import of 'long.mp3' was cancelled; nothing was kept.");
        Throwable failure = assertThrows(Exception.class, () -> running.get(10, TimeUnit.SECONDS)).getCause();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("A cancelled import waiting on ffmpeg ended " + ms + " ms after the cancel");
        assertTrue(failure instanceof EncoreException, String.valueOf(failure));
        assertEquals(Reason.BUSY, ((EncoreException) failure).reason(), failure.getMessage());
        assertEquals("The import of 'long.mp3' was cancelled; nothing was kept.", failure.getMessage());
        assertTrue(ms < 3_000, "ended after " + ms + " ms");
        assertGone(pids);
    }

    @Test
    void anFfprobeThatHangsIsKilledAfterTheReadTimeoutAndTheDecodeGoesOnInStereo() throws Exception {
        Path pids = temp.resolve("probe-pids");
        script("ffprobe", "sleep 600 &\necho $$ $! > " + pids + "\nwait\n");
        script("ffmpeg", "cat > /dev/null\nhead -c 8000 /dev/zero\n");
        Path song = Files.write(media.resolve("probe.flac"), bytes(5000));
        ImportedAudio audio = importer(Duration.ofMillis(500)).importFile(song, Progress.NONE);
        assertEquals(2, audio.channels(), "without an answer from ffprobe the audio is decoded as stereo");
        assertEquals(1000, audio.frames());
        assertGone(pids);
    }

    @Test
    void anFfmpegThatFailsIsReportedWithItsExitCodeNamingTheFile() throws Exception {
        script("ffmpeg", "cat > /dev/null\necho 'Invalid data found when processing input' >&2\nexit 1\n");
        Path song = Files.write(media.resolve("bad.ogg"), bytes(3000));
        EncoreException e = assertThrows(EncoreException.class,
                () -> importer(Duration.ofSeconds(10)).importFile(song, Progress.NONE));
        assertEquals(Reason.UNSUPPORTED_AUDIO, e.reason());
        assertTrue(e.getMessage().startsWith("Cannot decode bad.ogg"), e.getMessage());
        assertTrue(e.getMessage().contains("ffmpeg exited with code 1"), e.getMessage());
    }

    private AudioImporter importer(Duration readTimeout) {
        return new AudioImporter(store, MediaFolders.of(media), 48_000, Ffmpeg.onPath(bin.toString()), readTimeout);
    }

    private void script(String name, String body) throws IOException {
        Path program = Files.writeString(bin.resolve(name), "#!/bin/sh\n" + body);
        assertTrue(program.toFile().setExecutable(true));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(n).nextBytes(b);
        return b;
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(Files.exists(file) && sizeOf(file) > 0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(file), file + " was written by the script");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Every process whose id the script wrote is gone within a few seconds. */
    private static void assertGone(Path pids) throws Exception {
        awaitFile(pids);
        String[] ids = Files.readString(pids).trim().split("\\s+");
        assertEquals(2, ids.length, "the script and the process it started");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (String id : ids) {
            while (ProcessHandle.of(Long.parseLong(id)).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(ProcessHandle.of(Long.parseLong(id)).map(ProcessHandle::isAlive).orElse(false), "process " + id + " is gone");
        }
    }
}
