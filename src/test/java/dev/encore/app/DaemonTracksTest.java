package dev.encore.app;

import static dev.encore.app.DaemonTest.assertError;
import static dev.encore.app.DaemonTest.assertOk;
import static dev.encore.app.DaemonTest.push;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.app.OscClient.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tracks over OSC: import from the map's media folder, trim, fixture, stems, the pre-show check, remove. */
class DaemonTracksTest {
    private static final int RATE = 48_000;

    @TempDir
    Path dir;

    @Test
    void aTrackIsImportedTrimmedSplitIntoStemsCheckedAndRemoved() throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        writeTone(media.resolve("tone.wav"), 1.0);
        Files.writeString(dir.resolve("outside.wav"), "not in a media folder");
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP + "media: [media]\nsession:\n  fixtures: [demo-1]\n")) {
            OscClient osc = stage.client;
            Message imported = osc.request("/encore/track/import", "tone.wav");
            assertOk(imported);
            assertTrue(imported.arg(1).toString().contains("track 1"), imported.toString());
            osc.await(push("/encore/progress", "import", "tone.wav", 1.0f));
            osc.await(push("/encore/status", "unsaved"));
            assertOk(osc.request("/encore/track/trim", 1, 0.25f, 0.75f));
            assertError(-2, osc.request("/encore/track/trim", 1, 0.5f, 9.0f), "");
            assertOk(osc.request("/encore/fixture", "demo-1"));
            assertOk(osc.request("/encore/stems/mode", "vocals"));
            osc.await(push("/encore/progress", "stems", "tone.wav", 1.0f));
            assertOk(osc.request("/encore/save", "With stems"));
            Message check = osc.request("/encore/check");
            assertOk(check);
            assertTrue(check.arg(1).toString().contains("intact"), check.toString());
            osc.await(push("/encore/progress", "check", "", 1.0f));
            assertError(-15, osc.request("/encore/track/import", dir.resolve("outside.wav").toString()), "outside.wav");
            assertOk(osc.request("/encore/track/remove", 1));
            assertError(-2, osc.request("/encore/track/remove", 1), "");
        }
    }

    @Test
    void aWavCutShortIsRefusedNamingTheFileAndNothingIsAdded() throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        Path cut = media.resolve("cut.wav");
        writeTone(cut, 10.0);
        try (var channel = java.nio.channels.FileChannel.open(cut, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(44 + 1000);
        }
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP + "media: [media]\n")) {
            OscClient osc = stage.client;
            assertError(-14, osc.request("/encore/track/import", "cut.wav"), "cut.wav is cut short: its header promises 480000 frames");
            assertError(-2, osc.request("/encore/track/remove", 1), "");
        }
    }

    @Test
    void aRunningImportCanBeCancelledAndAddsNoTrack() throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        writeStereo(media.resolve("long.wav"), 44_100, 180);
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP + "media: [media]\n")) {
            OscClient osc = stage.client;
            osc.send("/encore/track/import", "long.wav");
            osc.await(m -> m.address().equals("/encore/progress") && m.arg(1).equals("long.wav") && (Float) m.arg(2) > 0);
            assertOk(osc.request("/encore/track/cancel", "long.wav"));
            assertError(-12, osc.answerTo("/encore/track/import"), "was cancelled");
            assertError(-2, osc.request("/encore/track/remove", 1), "");
            assertError(-2, osc.request("/encore/track/cancel"), "No import is running");
        }
    }

    /** A stereo 16-bit tone at {@code rate}, which the import resamples to the engine's rate. */
    private static void writeStereo(Path file, int rate, int seconds) throws IOException {
        int frames = rate * seconds;
        ByteBuffer pcm = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short v = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            pcm.putShort(v).putShort(v);
        }
        AudioFormat format = new AudioFormat(rate, 16, 2, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    static void writeTone(Path file, double seconds) throws IOException {
        int frames = (int) (RATE * seconds);
        ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            pcm.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / RATE)));
        }
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
