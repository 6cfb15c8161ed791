package dev.encore.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.session.Action;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import dev.encore.testing.HoldingDisk;
import dev.encore.testing.ShowFolders;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A laptop with a show of its own joins a primary as its backup and hands its sessions over: its
 * start does not wait for the show's audio to cross the network, and a stop midway loses nothing.
 */
class MirrorHandOverTest {
    /** Sessions of the backup's own show: each one, held up on the primary, costs the hand-over at least the detection time. */
    private static final int OWN_SESSIONS = 8;

    @TempDir
    Path root;

    private Laptop left;
    private Laptop right;
    private final HoldingDisk leftDisk = new HoldingDisk();

    @AfterEach
    void stop() {
        leftDisk.release(); // a test that failed while the primary's disk was held must not hold its close
        if (right != null) {
            right.close();
        }
        if (left != null) {
            left.close();
        }
    }

    @Test
    void aBackupWhosePrimaryIsLostWhileItHandsOverTakesOverWithItsOwnShowAndSaysItLeads() throws Exception {
        aBackupWithAShowOfItsOwnHandingOverToAPrimaryThatTakesNoAudio();
        left.mirror.link().close(); // the primary is gone mid-hand-over (its disk still holds the first copy)
        Laptop.until("the backup sees its primary gone", () -> right.mirror.link().peers().isEmpty());
        String answer = right.mirror.takeover();
        assertTrue(answer.startsWith("This laptop is now the primary."), answer);
        Laptop.until("the hand-over gives up", () -> !right.mirror.handingOver());
        Thread.sleep(Laptop.DETECTION_MS); // what the hand-over's end decides comes after the takeover
        assertTrue(right.mirror.isPrimary());
        assertEquals(MirrorConfig.Role.PRIMARY, right.mirror.status().role(), "it tells the other laptops it leads");
        assertEquals(OWN_SESSIONS, right.store().list().size(), "its own show is all there");
        right.engine.live().param("/gain").set(0.7);
        right.ok(new Action.SaveCopy("After the takeover"));
        assertTrue(right.store().findByName("After the takeover").isPresent());
    }

    /** Right holds a show of its own and starts as the backup of left, whose disk then takes no audio: the hand-over is under way. */
    private void aBackupWithAShowOfItsOwnHandingOverToAPrimaryThatTakesNoAudio() throws Exception {
        aShowOfItsOwnBesideAPrimaryThatTakesNoAudio();
        right.start(MirrorConfig.Role.BACKUP, left, false);
        assertTrue(leftDisk.awaitHeld(10_000), "the hand-over reached the primary's disk");
        assertTrue(right.mirror.handingOver());
    }

    /**
     * Right holds a show of its own, not yet started; left leads with "Opener" saved, and its disk
     * takes no audio from now on: every session handed to it waits until the ask gives up, so a
     * whole hand-over takes at least OWN_SESSIONS detection times.
     */
    private void aShowOfItsOwnBesideAPrimaryThatTakesNoAudio() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        try (SessionStore own = SessionStore.open(right.data)) {
            for (int i = 1; i <= OWN_SESSIONS; i++) {
                ShowFolders.save(own, "Tour song " + i, i / 100.0, ShowFolders.noise(100 + i, 256 << 10));
            }
        }
        left.disk = leftDisk;
        left.start(MirrorConfig.Role.PRIMARY, right, false);
        left.engine.live().param("/gain").set(0.5);
        left.ok(new Action.Save("Opener"));
        leftDisk.hold("encore-mirror-intake");
    }

    @Test
    void aBackupHandingOverItsOwnShowStartsAtOnceStopsMidwayWhenAskedAndTheNextStartHandsOverTheRest() throws Exception {
        aShowOfItsOwnBesideAPrimaryThatTakesNoAudio();

        long handOverAtLeastMs = (long) OWN_SESSIONS * Laptop.DETECTION_MS;
        CompletableFuture<Laptop> started = CompletableFuture.supplyAsync(() -> right.start(MirrorConfig.Role.BACKUP, left, false));
        try {
            started.get(handOverAtLeastMs / 2, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the start waited for the hand-over, which takes at least " + handOverAtLeastMs + " ms here");
        }
        assertTrue(leftDisk.awaitHeld(10_000), "the hand-over reached the primary's disk");
        assertTrue(right.mirror.handingOver(), "the backup is handing its show over");

        Laptop first = right;
        long c0 = System.nanoTime();
        right.close();
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - c0);
        right = null;
        assertTrue(closeMs < handOverAtLeastMs / 2, "the stop waited for the whole hand-over: " + closeMs + " ms");
        leftDisk.release();
        try (SessionStore kept = SessionStore.open(root.resolve("right"))) {
            assertEquals(OWN_SESSIONS, kept.list().size(), "the stopped backup's folder keeps its own show");
        }

        right = first.again();
        Laptop restarted = right;
        restarted.start(MirrorConfig.Role.BACKUP, left, false);
        for (int i = 1; i <= OWN_SESSIONS; i++) {
            String name = "Tour song " + i + " (right)";
            Laptop.until("the primary keeps " + name, () -> left.store().findByName(name).isPresent());
        }
        Laptop.until("the backup starts over and holds what the primary holds", () -> !restarted.mirror.handingOver()
                && restarted.store().mirrored().lastSeq() == left.store().mirrored().lastSeq());
        for (int i = 1; i <= OWN_SESSIONS; i++) {
            StoredSession copy = left.store().findByName("Tour song " + i + " (right)").orElseThrow();
            assertEquals(i / 100.0, copy.snapshot().path("params").path("mixer/gain").asDouble(), 1e-9);
            copy.assets().forEach(id -> left.store().blobs().verify(id));
        }
        assertEquals(OWN_SESSIONS + 1, left.store().list().size(), "each session of the backup's show is kept once: "
                + left.store().list().stream().map(s -> s.name()).toList());
    }
}
