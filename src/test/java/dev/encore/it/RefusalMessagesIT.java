package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.it.EncoreJar.Finished;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * When Encore refuses to start, what it prints says what to do next, and that is never the command
 * that just failed: a line naming {@code encore.jar} with no flag beyond those of the refused command
 * recommends running it again.
 */
class RefusalMessagesIT {
    @TempDir
    Path dir;

    /** A refused command: its flags and what it printed. */
    private record Refusal(String what, List<String> args, String printed) {
    }

    @Test
    void aRefusedStartNeverRecommendsTheCommandThatJustFailed() throws Exception {
        List<Refusal> refusals = new ArrayList<>();
        List<Song> songs = Song.numbered(3, 1);

        try (JarStage stage = new JarStage(dir.resolve("held"))) {
            DaemonProcess first = stage.start();
            stage.saveAll(songs);
            try (DaemonProcess second = stage.launch()) {
                if (second.awaitRunning().isEmpty()) {
                    refusals.add(new Refusal("a second daemon on a folder in use", stage.startArgs(), second.output()));
                } else {
                    second.stop();
                }
            }
            Finished rebuild = stage.rebuild();
            if (rebuild.exitCode() != 0) {
                refusals.add(new Refusal("--rebuild of a folder in use", stage.rebuildArgs(), rebuild.output()));
            }
            first.kill();
        }

        try (JarStage stage = new JarStage(dir.resolve("crashed"))) {
            DaemonProcess daemon = stage.start();
            stage.saveAll(songs);
            daemon.kill();
            List<Path> empty = DataFolders.addEmptyLookalikes(stage.data, List.of("logs"));
            try (DaemonProcess start = stage.launch()) {
                if (start.awaitRunning().isEmpty()) {
                    refusals.add(new Refusal("a start after a crash with empty files " + empty, stage.startArgs(), start.output()));
                    Finished rebuild = stage.rebuild();
                    if (rebuild.exitCode() != 0) {
                        refusals.add(new Refusal("--rebuild after a crash with empty files " + empty, stage.rebuildArgs(),
                                rebuild.output()));
                    }
                } else {
                    start.stop();
                }
            }
        }

        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertFalse(refusals.isEmpty(), "at least one of the commands was refused"));
        for (Refusal r : refusals) {
            checks.add(() -> assertTrue(recommendations(r).isEmpty(), r.what() + " was refused and recommends running "
                    + String.join(" ", r.args()) + " again: " + recommendations(r) + "\nIt printed:\n" + r.printed()));
        }
        assertAll("refused starts and what they recommend", checks);
    }

    /** The printed lines that name encore.jar with no flag the refused command lacks: they recommend running it again. */
    private static List<String> recommendations(Refusal r) {
        Set<String> flags = flags(r.args());
        return r.printed().lines()
                .filter(line -> line.contains("encore.jar"))
                .filter(line -> flags.containsAll(flags(Arrays.asList(line.substring(line.indexOf("encore.jar")).split("\\s+")))))
                .toList();
    }

    private static Set<String> flags(List<String> words) {
        Set<String> flags = new HashSet<>();
        for (String w : words) {
            if (w.startsWith("--")) {
                flags.add(w.contains("=") ? w.substring(0, w.indexOf('=')) : w);
            }
        }
        return flags;
    }
}
