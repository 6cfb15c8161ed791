package dev.encore.app;

import static dev.encore.app.DaemonTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.app.OscClient.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress pushes as a controller's progress bar sees them over real UDP. */
class DaemonProgressTest {
    @TempDir
    Path dir;

    private static boolean isProgress(Message m, String task) {
        return m.address().equals("/encore/progress") && m.arg(0).equals(task);
    }

    /** Each item's fractions rise and end with exactly one 1.0. */
    private static void assertRisingToOneOnce(String item, List<Float> fractions) {
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) > fractions.get(i - 1), item + " went back or repeated at " + i + ": " + fractions);
        }
        assertEquals(1.0f, fractions.get(fractions.size() - 1), item + ": " + fractions);
        assertEquals(1, fractions.stream().filter(f -> f == 1.0f).count(), item + ": " + fractions);
    }

    @Test
    void anImportPushesLabelledRisingProgressAtMostTenASecondWithOneFinalOneBeforeItsReply() throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        DaemonTracksTest.writeTone(media.resolve("long.wav"), 10.0);
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP + "media: [media]\n")) {
            OscClient osc = stage.client;
            long start = System.nanoTime();
            osc.send("/encore/track/import", "long.wav");
            List<Message> seen = osc.until(m -> m.address().equals("/encore/reply") && m.arg(0).equals("/encore/track/import"));
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Message> progress = seen.stream().filter(m -> isProgress(m, "import")).toList();
            for (Message m : progress) {
                assertEquals(3, m.args().size(), "task, item and fraction: " + m);
                assertEquals("long.wav", m.arg(1), m.toString());
            }
            assertRisingToOneOnce("long.wav", progress.stream().map(m -> (Float) m.arg(2)).toList());
            assertTrue(progress.size() <= 2 + 10 * seconds, progress.size() + " pushes in " + seconds + " s");
            List<Message> after = osc.drain();
            assertTrue(after.stream().noneMatch(m -> isProgress(m, "import")), "no progress after the reply: " + after);
        }
    }

    @Test
    void twoTracksStemProgressIsLabelledPerTrackAndEachRisesToOneOnce() throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        DaemonTracksTest.writeTone(media.resolve("first.wav"), 3.0);
        DaemonTracksTest.writeTone(media.resolve("second.wav"), 2.0);
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP + "media: [media]\n")) {
            OscClient osc = stage.client;
            assertOk(osc.request("/encore/track/import", "first.wav"));
            assertOk(osc.request("/encore/track/import", "second.wav"));
            osc.drain();
            assertOk(osc.request("/encore/stems/mode", "vocals"));
            Map<String, List<Float>> byTrack = new TreeMap<>();
            while (byTrack.size() < 2 || byTrack.values().stream().anyMatch(f -> f.get(f.size() - 1) != 1.0f)) {
                Message m = osc.await(x -> isProgress(x, "stems"));
                assertEquals(3, m.args().size(), "task, item and fraction: " + m);
                byTrack.computeIfAbsent((String) m.arg(1), k -> new ArrayList<>()).add((Float) m.arg(2));
            }
            assertEquals(List.of("first.wav", "second.wav"), List.copyOf(byTrack.keySet()));
            byTrack.forEach(DaemonProgressTest::assertRisingToOneOnce);
        }
    }
}
