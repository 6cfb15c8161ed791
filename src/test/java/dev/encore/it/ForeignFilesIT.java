package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.encore.it.EncoreJar.Finished;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Files the store did not write, or did not finish writing, are left alone and never stop a start. */
class ForeignFilesIT {
    static final String USERS_NOTE = "my copy of last night's index\n";

    @TempDir
    Path dir;

    private final List<Song> songs = Song.numbered(3, 1);

    @Test
    void aUsersIndexMapdbBakSurvivesCrashRecoveryAndRebuild() throws Exception {
        List<Executable> checks = new ArrayList<>();
        try (JarStage stage = new JarStage(dir)) {
            DaemonProcess daemon = stage.start();
            stage.saveAll(songs);
            Path bak = stage.data.resolve("index.mapdb.bak");
            Files.writeString(bak, USERS_NOTE);
            daemon.kill();
            try (DaemonProcess recovered = stage.start()) {
                recovered.stop();
            }
            Optional<String> afterRecovery = contents(bak);
            checks.add(() -> assertEquals(Optional.of(USERS_NOTE), afterRecovery, "index.mapdb.bak after crash recovery"));
            Files.writeString(bak, USERS_NOTE);
            Finished rebuild = stage.rebuild();
            Optional<String> afterRebuild = contents(bak);
            checks.add(() -> assertEquals(0, rebuild.exitCode(), rebuild.toString()));
            checks.add(() -> assertEquals(Optional.of(USERS_NOTE), afterRebuild, "index.mapdb.bak after --rebuild"));
            assertAll("a user's file in the data folder; everything printed:\n" + stage.printed(), checks);
        }
    }

    /** Stray files at each level of blobs/: beside the fan-out folders, named like one, and inside one. */
    @Test
    void strayFilesInBlobsDoNotBlockTheStartAndAreLeftAlone() throws Exception {
        try (JarStage stage = new JarStage(dir)) {
            DaemonProcess daemon = stage.start();
            stage.saveAll(songs);
            daemon.stop();
            Path blobs = stage.data.resolve("blobs");
            List<Path> stray = List.of(blobs.resolve("notes.txt"), blobs.resolve("ab"), blobs.resolve("cd").resolve("notes.txt"));
            for (Path file : stray) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, USERS_NOTE);
            }
            try (DaemonProcess again = stage.launch()) {
                if (again.awaitRunning().isEmpty()) {
                    fail("a start with the stray files " + stray + " refused (exit " + again.exitCode() + "):\n" + again.output());
                }
                stage.talkTo(again);
                List<String> listed = stage.listed();
                again.stop();
                List<Executable> checks = new ArrayList<>();
                checks.add(() -> assertEquals(JarStage.names(songs), listed, "the sessions listed"));
                for (Path file : stray) {
                    Optional<String> left = contents(file);
                    checks.add(() -> assertEquals(Optional.of(USERS_NOTE), left, file + " is left alone"));
                }
                assertAll("stray files in blobs/", checks);
            }
        }
    }

    @Test
    void anEmptyFileNamedLikeTheStoresRecordsDoesNotBlockTheStartAfterACrash() throws Exception {
        try (JarStage stage = new JarStage(dir)) {
            DaemonProcess daemon = stage.start();
            stage.saveAll(songs);
            daemon.kill();
            List<Path> empty = DataFolders.addEmptyLookalikes(stage.data, List.of("logs"));
            assertFalse(empty.isEmpty(), "the store's folders hold record files to imitate");
            try (DaemonProcess again = stage.launch()) {
                if (again.awaitRunning().isEmpty()) {
                    fail("after a crash, a start with the empty files " + empty + " refused (exit " + again.exitCode()
                            + "):\n" + again.output());
                }
                stage.talkTo(again);
                List<String> listed = stage.listed();
                var found = stage.found(songs);
                again.stop();
                assertAll("after a crash, with the empty files " + empty,
                        () -> assertEquals(JarStage.names(songs), listed, "the sessions listed"),
                        () -> assertEquals(JarStage.saved(songs), found, "the values each session opens with"));
            }
        }
    }

    private static Optional<String> contents(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    }
}
