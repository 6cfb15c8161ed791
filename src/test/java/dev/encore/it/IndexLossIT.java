package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The index is derived from the record of truth: losing every index file loses no session. */
class IndexLossIT {
    @TempDir
    Path dir;

    @Test
    void everySessionSurvivesRemovingTheIndexThenTwoStarts() throws Exception {
        List<Song> songs = Song.numbered(10, 1);
        try (JarStage stage = new JarStage(dir)) {
            DaemonProcess first = stage.start();
            stage.saveAll(songs);
            first.stop();

            List<String> removed = removeIndex(stage.data);

            List<Executable> checks = new ArrayList<>();
            for (int start = 1; start <= 2; start++) {
                String when = "start " + start + " after removing " + removed;
                DaemonProcess daemon = stage.launch();
                if (daemon.awaitRunning().isEmpty()) {
                    String printed = daemon.output();
                    int exit = daemon.exitCode();
                    checks.add(() -> fail(when + " refused (exit " + exit + "):\n" + printed));
                    continue;
                }
                stage.talkTo(daemon);
                List<String> listed = stage.listed();
                var found = stage.found(songs);
                daemon.stop();
                checks.add(() -> assertEquals(JarStage.names(songs), listed, when + ": the sessions listed"));
                checks.add(() -> assertEquals(JarStage.saved(songs), found, when + ": the values each session opens with"));
            }
            assertAll("every session after its index was removed; everything printed:\n" + stage.printed(), checks);
        }
    }

    /** Deletes every top-level entry of the data folder whose name starts with "index", files and folders. */
    private static List<String> removeIndex(Path data) throws IOException {
        List<String> removed = new ArrayList<>();
        try (Stream<Path> top = Files.list(data)) {
            for (Path entry : top.filter(p -> p.getFileName().toString().startsWith("index")).sorted().toList()) {
                removed.add(entry.getFileName().toString());
                DataFolders.remove(entry);
            }
        }
        assertFalse(removed.isEmpty(), "the data folder held an index to remove");
        return removed;
    }
}
