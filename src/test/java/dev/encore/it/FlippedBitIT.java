package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * One flipped bit anywhere in the data folder outside blobs/ and logs/, then an unclean stop, loses
 * no session: each comes back with its last saved values or, at worst, those of the save before,
 * and when one comes back older the daemon's output or log names the damaged file. Half the trials
 * flip the bit while the daemon is stopped (then start, kill -9, start), half while it runs (then
 * kill -9, start). A bit often lands on a byte nothing reads (free space in an index, a copy of an id
 * that the file name also holds), so this test flips twice as often as {@code -Dencore.its.trials}
 * (3 by default) asks of the kill tests.
 */
class FlippedBitIT {
    static final List<String> NOT_FLIPPED = List.of("blobs", "logs");

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static final List<Song> FIRST = Song.numbered(10, 1);
    private static final List<Song> SECOND = FIRST.stream().map(Song::revised).toList();
    private static Path template;

    @BeforeAll
    static void saveEverySessionTwice() throws Exception {
        try (JarStage stage = new JarStage(shared.resolve("template"))) {
            DaemonProcess daemon = stage.start();
            stage.saveAll(FIRST);
            for (Song song : SECOND) {
                stage.resave(song);
            }
            assertEquals(JarStage.saved(SECOND), stage.found(SECOND), "the values as saved, before any damage");
            daemon.stop();
            template = stage.data;
        }
    }

    @Test
    void aFlippedBitThenAnUncleanStopLosesNoSessionAndAnOlderOneIsNamed() throws Exception {
        int trials = 2 * Integer.getInteger("encore.its.trials", 3);
        Random random = new Random(20261201L);
        List<Executable> checks = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            boolean whileRunning = trial % 2 == 1;
            try (JarStage stage = new JarStage(dir.resolve("trial-" + trial))) {
                DataFolders.copy(template, stage.data);
                DaemonProcess running = whileRunning ? stage.start() : null;
                List<Path> files = DataFolders.nonEmptyFiles(stage.data, NOT_FLIPPED);
                Path file = files.get(random.nextInt(files.size()));
                long offset = (long) (random.nextDouble() * DataFolders.size(stage.data.resolve(file)));
                int bit = random.nextInt(8);
                JarStage.Mark flipped = stage.mark();
                DataFolders.flipBit(stage.data.resolve(file), offset, bit);
                String what = "trial " + trial + ": bit " + bit + " of byte " + offset + " of " + file
                        + (whileRunning ? " flipped while the daemon ran, then kill -9" : " flipped while stopped, then start, kill -9");
                System.out.println(what);
                if (whileRunning) {
                    running.kill();
                } else {
                    try (DaemonProcess first = stage.launch()) {
                        if (first.awaitRunning().isPresent()) {
                            first.kill();
                        } else {
                            String printed = first.output();
                            checks.add(() -> fail(what + ": the first start after the flip refused:\n" + printed));
                        }
                    }
                }
                checks.addAll(everySessionIsBack(stage, what, file, flipped));
            }
        }
        assertAll("one flipped bit, then an unclean stop", checks);
    }

    private static List<Executable> everySessionIsBack(JarStage stage, String what, Path file, JarStage.Mark flipped)
            throws Exception {
        try (DaemonProcess daemon = stage.launch()) {
            if (daemon.awaitRunning().isEmpty()) {
                String printed = daemon.output();
                return List.of(() -> fail(what + ": the next start refused:\n" + printed));
            }
            stage.talkTo(daemon);
            List<String> listed = stage.listed();
            Map<String, Map<String, List<String>>> found = stage.found(SECOND);
            daemon.stop();
            String since = stage.printedAndLoggedSince(flipped);
            List<Executable> checks = new ArrayList<>();
            checks.add(() -> assertEquals(new TreeSet<>(JarStage.names(SECOND)), new TreeSet<>(listed),
                    what + ": the sessions listed; printed since the flip:\n" + since));
            for (Song song : SECOND) {
                Map<String, List<String>> latest = JarStage.saved(SECOND).get(song.name());
                Map<String, List<String>> before = JarStage.saved(FIRST).get(song.name());
                Map<String, List<String>> back = found.get(song.name());
                checks.add(() -> assertTrue(back.equals(latest) || back.equals(before), what + ": " + song.name()
                        + " opens with " + back + ", neither its last save " + latest + " nor the one before " + before));
                if (back.equals(before)) {
                    String name = file.getFileName().toString();
                    checks.add(() -> assertTrue(since.contains(name), what + ": " + song.name()
                            + " came back one save older, and nothing printed or logged names " + name + ":\n" + since));
                }
            }
            return checks;
        }
    }
}
