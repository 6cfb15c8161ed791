package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** One process owns a data folder: a second daemon on it is turned away and the first loses nothing. */
class SecondDaemonIT {
    /** "At once": the second start exits after its JVM start-up, without waiting for the first to let go. */
    static final Duration REFUSAL_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aSecondDaemonOnTheSameFolderIsRefusedAtOnceNamingTheFirstWhichKeepsEverySave() throws Exception {
        List<Song> before = Song.numbered(3, 1);
        List<Song> after = Song.numbered(4, 4);
        List<Song> all = new ArrayList<>(before);
        all.addAll(after);
        List<Executable> checks = new ArrayList<>();
        try (JarStage stage = new JarStage(dir)) {
            DaemonProcess first = stage.start();
            stage.saveAll(before);

            long attempt = System.nanoTime();
            try (DaemonProcess second = stage.launch()) {
                OptionalInt running = second.awaitRunning();
                Duration took = Duration.ofNanos(System.nanoTime() - attempt);
                String printed = second.output();
                if (running.isPresent()) {
                    second.stop();
                    checks.add(() -> fail("a second daemon started on the folder of pid " + first.pid()
                            + " (OSC port " + running.getAsInt() + ") instead of refusing; it printed:\n" + printed));
                } else {
                    int exit = second.exitCode();
                    Pattern holder = Pattern.compile("(?<![\\d.:-])" + first.pid() + "(?![\\d.:])");
                    checks.add(() -> assertEquals(1, exit, "the second start's exit code; it printed:\n" + printed));
                    checks.add(() -> assertTrue(holder.matcher(printed).find(),
                            "the refusal names the holder, pid " + first.pid() + ":\n" + printed));
                    checks.add(() -> assertTrue(took.compareTo(REFUSAL_WITHIN) < 0, "refused after " + took));
                }
            }

            boolean firstAlive = first.isAlive();
            checks.add(() -> assertTrue(firstAlive, "the first daemon keeps running"));
            if (firstAlive) {
                stage.talkTo(first);
                stage.saveAll(after);
                first.stop();
                try (DaemonProcess again = stage.start()) {
                    List<String> listed = stage.listed();
                    var found = stage.found(all);
                    again.stop();
                    checks.add(() -> assertEquals(JarStage.names(all), listed, "the sessions listed after a restart"));
                    checks.add(() -> assertEquals(JarStage.saved(all), found, "the values each session opens with"));
                }
            }
            assertAll("two daemons on one data folder; everything printed:\n" + stage.printed(), checks);
        }
    }
}
