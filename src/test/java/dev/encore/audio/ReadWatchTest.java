package dev.encore.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch over an import's reads, with reads that really block in the system: a named pipe whose
 * writer is connected and silent, as a stalled drive or a stopped source would be.
 */
class ReadWatchTest {
    @TempDir
    Path temp;
    private final CountDownLatch done = new CountDownLatch(1);

    @AfterEach
    void releaseWriter() {
        done.countDown();
    }

    @Test
    void aReadThatGetsNoDataForTheReadTimeoutIsEndedWithAnErrorNamingTheFile() throws Exception {
        FileChannel reader = silentPipe("song.wav");
        ReadWatch watch = new ReadWatch("song.wav", Duration.ofMillis(300));
        watch.onStop(() -> closeQuietly(reader));
        long start = System.nanoTime();
        EncoreException e = assertThrows(EncoreException.class, () -> blockedRead(reader, watch));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("A read blocked on a silent pipe was ended after " + ms + " ms (read timeout 300 ms)");
        assertEquals(Reason.UNSUPPORTED_AUDIO, e.reason());
        assertTrue(e.getMessage().contains("Reading song.wav stopped: no data came for 0.3 s"), e.getMessage());
        assertTrue(ms >= 250 && ms < 5_000, "ended after " + ms + " ms");
        assertThrows(EncoreException.class, watch::readBegins, "a stopped watch lets no further read begin");
    }

    @Test
    void cancellingEndsABlockedReadAtOnceWithTheCancelMessage() throws Exception {
        FileChannel reader = silentPipe("long.wav");
        ReadWatch watch = new ReadWatch("long.wav", Duration.ofMinutes(5));
        watch.onStop(() -> closeQuietly(reader));
        Thread canceller = new Thread(() -> {
            sleep(200);
            watch.cancel("The import of 'long.wav' was cancelled; nothing was kept.");
        });
        long start = System.nanoTime();
        canceller.start();
        EncoreException e = assertThrows(EncoreException.class, () -> blockedRead(reader, watch));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("A read blocked on a silent pipe ended " + ms + " ms after the import started, cancelled at 200 ms");
        assertEquals(Reason.BUSY, e.reason());
        assertEquals("The import of 'long.wav' was cancelled; nothing was kept.", e.getMessage());
        assertTrue(ms < 3_000, "ended after " + ms + " ms");
    }

    @Test
    void readsThatKeepGettingDataAreNeverStopped() throws Exception {
        Path file = Files.write(temp.resolve("steady.wav"), new byte[64 * 1024]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                ReadWatch watch = new ReadWatch("steady.wav", Duration.ofMillis(100))) {
            watch.onStop(() -> closeQuietly(channel));
            long total = 0;
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
            while (System.nanoTime() < until) {
                ByteBuffer buf = ByteBuffer.allocate(4096);
                int n = WatchedInput.read(file, channel, watch, buf, total % (60 * 1024));
                assertTrue(n > 0, "read " + n);
                total += n;
                sleep(20);
            }
            watch.throwIfStopped();
            assertTrue(channel.isOpen(), "four times the read timeout of steady reads leave the file open");
        }
    }

    /** Reads as an import does, but from a pipe (which has no positions): the watch times it. */
    private static void blockedRead(FileChannel reader, ReadWatch watch) {
        watch.readBegins();
        try {
            reader.read(ByteBuffer.allocate(1024));
            throw new AssertionError("the silent pipe gave data");
        } catch (IOException e) {
            throw watch.explain(new EncoreException(Reason.GENERAL, "not stopped by the watch: " + e));
        } finally {
            watch.readEnded();
        }
    }

    /** A named pipe with a writer connected that writes nothing until the test ends; its reading end. */
    private FileChannel silentPipe(String name) throws Exception {
        Path fifo = temp.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor(), "mkfifo");
        Thread writer = new Thread(() -> {
            try (FileChannel out = FileChannel.open(fifo, StandardOpenOption.WRITE)) {
                done.await();
            } catch (IOException | InterruptedException e) {
                // The test is over.
            }
        }, "silent-writer");
        writer.setDaemon(true);
        writer.start();
        return FileChannel.open(fifo, StandardOpenOption.READ);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing is what stops the read.
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
