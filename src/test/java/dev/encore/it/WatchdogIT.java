package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.app.OscClient.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog of the packaged daemon, with a real block: the audio files of a session in the data
 * folder are replaced by named pipes, so opening that session blocks the engine thread in the
 * kernel's open(2) for good. Encore then exits with code 4 within the watchdog time, with the engine
 * thread's stack in its log and the unsaved changes journaled; the next start brings them back, and
 * a start-up open that hangs twice is skipped at the third start.
 */
class WatchdogIT {
    private static final int WATCHDOG_MS = 4_000;
    /** What a stuck daemon may take beyond the watchdog time: the timer's period, the draft, stopping OSC. */
    private static final long EXIT_SLACK_MS = 8_000;
    private static final int ENGINE_STUCK = 4;

    @TempDir
    Path dir;

    private JarStage stage() throws IOException {
        JarStage stage = new JarStage(dir);
        Files.createDirectories(dir.resolve("media"));
        tone(dir.resolve("media").resolve("song.wav"));
        // Drafts are journaled by the watchdog in these tests, not by the debounce.
        Files.writeString(stage.map, JarStage.MAP + "media: [media]\nsession:\n  watchdog_ms: " + WATCHDOG_MS
                + "\n  draft_debounce_ms: 60000\n");
        return stage;
    }

    @Test
    void anOpenBlockedOnANamedPipeEndsEncoreWithCode4WithinTheWatchdogTimeAndItsDraftComesBack() throws Exception {
        try (JarStage stage = stage()) {
            DaemonProcess daemon = stage.start();
            reply(stage.osc.request("/encore/track/import", "song.wav"));
            reply(stage.osc.request("/encore/save", "With audio"));
            reply(stage.osc.request("/encore/track/remove", 1));
            reply(stage.osc.request("/encore/save_copy", "Without audio"));
            reply(stage.osc.request("/encore/param/mix/gain", 0.75f));
            List<Path> pipes = audioToPipes(stage.data);

            JarStage.Mark mark = stage.mark();
            long sent = System.nanoTime();
            Message open = stage.osc.request("/encore/open", "With audio");
            assertTrue(daemon.awaitExit(Duration.ofMillis(WATCHDOG_MS + EXIT_SLACK_MS + 20_000)), "Encore exited");
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            String log = stage.printedAndLoggedSince(mark) + daemon.output();
            System.out.println("WatchdogIT: with watchdog_ms " + WATCHDOG_MS + ", Encore exited " + tookMs
                    + " ms after the blocked open was sent");

            assertEquals(ENGINE_STUCK, daemon.exitCode(), log);
            assertTrue(tookMs >= WATCHDOG_MS && tookMs < WATCHDOG_MS + EXIT_SLACK_MS,
                    "exited " + tookMs + " ms after the open; " + pipes.size() + " pipe(s)\n" + log);
            assertEquals("/encore/error", open.address(), open.toString());
            assertTrue(open.arg(2).toString().contains("did not finish within the watchdog time of 4000 ms"), open.toString());
            assertTrue(log.contains("The session engine has been stuck in 'open' for"), log);
            assertTrue(log.contains("\"encore-engine\" RUNNABLE"), log);
            assertTrue(log.contains("UnixNativeDispatcher.open"), "the stack shows the open(2) it is blocked in\n" + log);
            assertTrue(log.contains("dev.encore.store.BlobStore.map"), log);
            assertTrue(log.contains("dev.encore.session.Switcher.pageIn"), log);
            assertTrue(log.contains("Encore exits with code 4 so that its service manager starts it again"), log);

            stage.start();
            Message gain = stage.osc.request("/encore/param/mix/gain");
            reply(gain);
            assertEquals(List.of("f:0.75"), Song.describe(gain.args().subList(2, gain.args().size())),
                    "the unsaved change the watchdog journaled came back with 'Without audio'");
        }
    }

    @Test
    void aStartUpOpenThatHangsTwiceIsSkippedAtTheThirdStart() throws Exception {
        try (JarStage stage = stage()) {
            DaemonProcess first = stage.start();
            reply(stage.osc.request("/encore/track/import", "song.wav"));
            reply(stage.osc.request("/encore/save", "Opener"));
            first.stop();
            audioToPipes(stage.data);

            for (int attempt = 1; attempt <= 2; attempt++) {
                JarStage.Mark mark = stage.mark();
                DaemonProcess stuck = stage.launch();
                assertTrue(stuck.awaitRunning().isEmpty(), "start " + attempt + " never runs: " + stuck.output());
                String log = stage.printedAndLoggedSince(mark);
                assertEquals(ENGINE_STUCK, stuck.exitCode(), log);
                assertTrue(log.contains("The session engine has been stuck in 'start-up' for"), log);
                assertTrue(log.contains("dev.encore.session.Recovery.start"), log);
            }

            JarStage.Mark mark = stage.mark();
            DaemonProcess third = stage.start();
            assertEquals(List.of("Opener"), stage.listed(), "the session stays in the setlist");
            String log = stage.printedAndLoggedSince(mark);
            assertTrue(log.contains("Encore stopped twice while opening 'Opener', so it started without it"), log);
            third.stop();
        }
    }

    private static void reply(Message answer) {
        assertEquals("/encore/reply", answer.address(), answer.toString());
    }

    /** Puts a named pipe in the place of every audio file in the data folder; opening one for reading blocks. */
    private static List<Path> audioToPipes(Path data) throws IOException, InterruptedException {
        List<Path> blobs;
        try (Stream<Path> files = Files.walk(data.resolve("blobs"))) {
            blobs = files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
        assertTrue(!blobs.isEmpty(), "the import wrote audio");
        for (Path blob : blobs) {
            Files.delete(blob);
            Process mkfifo = new ProcessBuilder("mkfifo", blob.toString()).inheritIO().start();
            assertEquals(0, mkfifo.waitFor(), "mkfifo " + blob);
        }
        return blobs;
    }

    /** A fifth of a second of 440 Hz, 16-bit mono at 48 kHz. */
    private static void tone(Path file) throws IOException {
        int rate = 48_000;
        int frames = rate / 5;
        ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            pcm.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
