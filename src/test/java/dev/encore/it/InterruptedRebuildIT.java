package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.encore.it.EncoreJar.Finished;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --rebuild} cut off at any moment (SIGKILL, Ctrl-C) loses nothing, and the next plain start
 * finishes or restarts it by itself. The kill moments are spread over the time between the JVM's
 * start-up and the end of an uninterrupted rebuild of the same folder, both measured first.
 * Trials: {@code -Dencore.its.trials} (3 by default).
 */
class InterruptedRebuildIT {
    static final int SESSIONS = 100;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static final List<Song> SONGS = Song.numbered(SESSIONS, 1);
    /** The sessions whose values are read back after each trial (every session is checked in the list). */
    private static final List<Song> SAMPLE = SONGS.stream().filter(s -> SONGS.indexOf(s) % 5 == 4).toList();
    private static Path template;
    /** Wall time of {@code --rebuild} on an empty folder (JVM start-up) and on the template, in ms. */
    private static long startupMs;
    private static long rebuildMs;

    @BeforeAll
    static void saveTheSessionsAndTimeARebuild() throws Exception {
        try (JarStage stage = new JarStage(shared.resolve("template"))) {
            DaemonProcess daemon = stage.start();
            stage.saveAll(SONGS);
            assertEquals(JarStage.saved(SAMPLE), stage.found(SAMPLE), "the values as saved, before any rebuild");
            daemon.stop();
            template = stage.data;
        }
        // Each timed twice, the faster counting: the first JVM of a run reads its jar cold and would
        // put the moments to interrupt at after the rebuild has ended.
        startupMs = Long.MAX_VALUE;
        rebuildMs = Long.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            try (JarStage empty = new JarStage(shared.resolve("empty-" + round))) {
                Files.createDirectories(empty.data);
                long t0 = System.nanoTime();
                empty.rebuild();
                startupMs = Math.min(startupMs, (System.nanoTime() - t0) / 1_000_000);
            }
            try (JarStage copy = new JarStage(shared.resolve("whole-" + round))) {
                DataFolders.copy(template, copy.data);
                long t0 = System.nanoTime();
                Finished whole = copy.rebuild();
                rebuildMs = Math.min(rebuildMs, (System.nanoTime() - t0) / 1_000_000);
                assertEquals(0, whole.exitCode(), "an uninterrupted rebuild works: " + whole);
            }
        }
        System.out.printf("--rebuild of an empty folder: %d ms, of %d sessions: %d ms%n", startupMs, SESSIONS, rebuildMs);
    }

    @Test
    void everySessionIsBackAtTheNextStartAfterRebuildIsKilledAtRandomMoments() throws Exception {
        int trials = Integer.getInteger("encore.its.trials", 3);
        Random random = new Random(20261201L);
        List<Executable> checks = new ArrayList<>();
        int cutOff = 0;
        for (int trial = 0; trial < trials; trial++) {
            long killAfterMs = killMoment(random);
            try (JarStage stage = new JarStage(dir.resolve("trial-" + trial))) {
                DataFolders.copy(template, stage.data);
                DaemonProcess rebuild = stage.launchRebuild();
                Thread.sleep(killAfterMs);
                boolean wasRunning = rebuild.isAlive();
                rebuild.kill();
                cutOff += wasRunning ? 1 : 0;
                checks.addAll(nextStartHasEverySession(stage, "trial " + trial + ": SIGKILL " + killAfterMs
                        + " ms into --rebuild (" + (wasRunning ? "while it ran" : "after it had ended") + ")"));
            }
        }
        int killedWhileRunning = cutOff;
        System.out.printf("--rebuild SIGKILL trials: %d, of them while it ran: %d%n", trials, killedWhileRunning);
        checks.add(() -> assertTrue(killedWhileRunning > 0, "at least one kill cut a rebuild off (startup "
                + startupMs + " ms, whole rebuild " + rebuildMs + " ms)"));
        assertAll("--rebuild killed at random moments", checks);
    }

    @Test
    void everySessionIsBackAtTheNextStartAfterCtrlCStopsARebuild() throws Exception {
        // Half-way through the measured rebuild; a rebuild that ended sooner is tried again, earlier.
        long[] moments = {moment(0.5), moment(0.25), moment(0.1), moment(0.0)};
        for (int attempt = 0; attempt < moments.length; attempt++) {
            long interruptAfterMs = moments[attempt];
            try (JarStage stage = new JarStage(dir.resolve("attempt-" + attempt))) {
                DataFolders.copy(template, stage.data);
                DaemonProcess rebuild = stage.launchRebuild();
                Thread.sleep(interruptAfterMs);
                boolean wasRunning = rebuild.isAlive();
                rebuild.interrupt();
                if (!rebuild.awaitExit(DaemonProcess.STOP_TIMEOUT)) {
                    rebuild.kill();
                    fail("--rebuild did not stop within " + DaemonProcess.STOP_TIMEOUT + " of SIGINT; it printed:\n"
                            + rebuild.output());
                }
                if (wasRunning) {
                    String what = "SIGINT " + interruptAfterMs + " ms into --rebuild (exit " + rebuild.exitCode() + ")";
                    assertAll("--rebuild stopped with Ctrl-C", nextStartHasEverySession(stage, what));
                    return;
                }
            }
        }
        fail("every --rebuild had ended before its SIGINT, the last " + moments[moments.length - 1] + " ms in");
    }

    /** A moment between the JVM's start-up and the end of a whole rebuild, in ms after the launch. */
    private static long killMoment(Random random) {
        return moment(random.nextDouble());
    }

    /** {@code fraction} of the way from late in the JVM's start-up to the end of a whole rebuild, in ms after the launch. */
    private static long moment(double fraction) {
        long from = startupMs * 4 / 5;
        return from + (long) (fraction * Math.max(1, rebuildMs - from));
    }

    /** Starts the daemon plainly on the interrupted folder: it must run, list every session and open them with their values. */
    private static List<Executable> nextStartHasEverySession(JarStage stage, String what) throws Exception {
        try (DaemonProcess daemon = stage.launch()) {
            if (daemon.awaitRunning().isEmpty()) {
                String printed = stage.printed();
                return List.of(() -> fail(what + ": the next start refused; everything printed:\n" + printed));
            }
            stage.talkTo(daemon);
            List<String> listed = stage.listed();
            var found = stage.found(SAMPLE);
            daemon.stop();
            String printed = stage.printed();
            return List.of(
                    () -> assertEquals(JarStage.names(SONGS), listed, what + ": " + listed.size() + " of " + SESSIONS
                            + " sessions listed; everything printed:\n" + printed),
                    () -> assertEquals(JarStage.saved(SAMPLE), found, what + ": the values of every fifth session"));
        }
    }
}
