package dev.encore.app;

import static dev.encore.app.DaemonTest.assertError;
import static dev.encore.app.DaemonTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.app.OscClient.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one sender can make the engine hold, and what happens when stored audio breaks under it:
 * refused with a clear error before anything is stored, and the engine keeps answering.
 */
class DaemonLimitsTest {
    @TempDir
    Path dir;

    private static void engineStillAnswers(OscClient osc) throws IOException {
        Message save = osc.request("/encore/save");
        assertEquals("/encore/reply", save.address(), save.toString());
        assertError(-3, osc.request("/encore/next"), "");
        assertOk(osc.request("/encore/check"));
    }

    @Test
    void aHugeTextParameterIsRefusedBeforeItIsStored() throws IOException {
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP)) {
            OscClient osc = stage.client;
            assertError(-2, osc.request("/encore/param/label", "x".repeat(60_000)), "at most 8192");
            Message read = osc.request("/encore/param/label");
            assertOk(read);
            assertEquals("'/label' is not set", read.arg(1), "nothing was stored");
            engineStillAnswers(osc);
        }
    }

    @Test
    void aSenderCannotCreateMoreParametersThanTheMapAllows() throws IOException {
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP + "session:\n  max_params: 100\n")) {
            OscClient osc = stage.client;
            for (int i = 0; i < 100; i++) {
                assertOk(osc.request("/encore/param/unique/" + i, "text " + i));
            }
            assertError(-2, osc.request("/encore/param/unique/100", "one more"), "already holds 100 parameters");
            assertError(-2, osc.request("/encore/param/unique/101", 0.5f), "already holds 100 parameters");
            assertOk(osc.request("/encore/param/unique/7", "an existing one may change"));
            engineStillAnswers(osc);
        }
    }

    @Test
    void aParameterPathLongerThanTheLimitIsRefused() throws IOException {
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP)) {
            OscClient osc = stage.client;
            assertError(-2, osc.request("/encore/param/" + "p".repeat(300), 1.0f), "at most 256 characters");
            engineStillAnswers(osc);
        }
    }

    @Test
    void audioCutShortAfterItWasMappedIsReportedAsDamagedNamingTheFile() throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        DaemonTracksTest.writeTone(media.resolve("tone.wav"), 1.0);
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP + "media: [media]\n")) {
            OscClient osc = stage.client;
            assertOk(osc.request("/encore/param/mix/gain", 0.5f));
            assertOk(osc.request("/encore/save", "Empty"));
            assertOk(osc.request("/encore/track/import", "tone.wav"));
            assertOk(osc.request("/encore/save_copy", "With track"));
            // Opening the first song maps the next one's audio ahead; then its files are cut short.
            assertOk(osc.request("/encore/open", "Empty"));
            stage.daemon().engine().settle().join();
            Path blobDir = stage.data.resolve("blobs");
            try (Stream<Path> blobs = Files.walk(blobDir)) {
                for (Path blob : blobs.filter(Files::isRegularFile).filter(p -> !blobDir.relativize(p).startsWith("tmp")).toList()) {
                    try (var channel = java.nio.channels.FileChannel.open(blob, java.nio.file.StandardOpenOption.WRITE)) {
                        channel.truncate(0);
                    }
                }
            }
            assertError(-11, osc.request("/encore/next"), "tone.wav");
            assertOk(osc.request("/encore/param/mix/gain", 0.7f));
            Message saved = osc.request("/encore/save");
            assertOk(saved);
            assertEquals("Saved 'Empty'.", saved.arg(1), "the first song stayed on stage, untouched");
        }
    }
}
