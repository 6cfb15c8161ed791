package dev.encore.store;

import static dev.encore.store.StoreFixtures.params;
import static dev.encore.store.StoreFixtures.randomBytes;
import static dev.encore.store.StoreFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.testing.ShowFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup whose journal differs from its primary's keeps its journal and index images aside and
 * starts over empty. A crash at any write, force, rename or delete of that leaves either the folder
 * as it was, or an empty folder beside a complete copy that opens with every session it had.
 */
class StartOverTest {
    private static final StoreOptions MIRRORED = StoreOptions.DEFAULTS.asMirrored();

    @TempDir
    Path root;

    private Path made() {
        Path data = root.resolve("made");
        try (SessionStore store = SessionStore.open(data)) {
            AssetId audio = store.blobs().put(randomBytes(3, 30_000));
            StoredSession a = store.create("Opener", snapshot(0.1, "f", audio, audio, null, null), Set.of(audio));
            store.create("Ballad", params(0.3), Set.of());
            store.update(a.id(), params(0.2), Set.of(audio));
        }
        return data;
    }

    private static List<String> names(SessionStore store) {
        return store.list().stream().map(SessionSummary::name).toList();
    }

    @Test
    void startingOverKeepsTheJournalAsideAndTakesRecordsFromTheFirst() throws Exception {
        Path data = ShowFolders.copyFolder(made(), root.resolve("whole"));
        List<String> audio = blobFiles(data);
        assertEquals(1, audio.size(), "the opener's audio: " + audio);
        Path aside;
        try (SessionStore backup = SessionStore.open(data, Disk.local(), Clock.systemUTC(), MIRRORED)) {
            backup.mirrored().follow("the primary");
            aside = backup.mirrored().startOver();
            assertEquals(List.of(), names(backup));
            assertEquals(0, backup.mirrored().lastSeq(), "the primary's records come in from the first");
        }
        try (SessionStore again = SessionStore.open(data, Disk.local(), Clock.systemUTC(), MIRRORED)) {
            assertEquals(List.of(), names(again), "no index image brings the old state back");
        }
        assertEquals(audio, blobFiles(data), "the audio stays where it is, and nothing collects it");
        try (SessionStore own = SessionStore.open(aside)) {
            assertEquals(List.of("Opener", "Ballad"), names(own));
            assertEquals(0.2, own.findByName("Opener").orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
        }
    }

    @Test
    void aFolderWhoseIndexWasNeverWrittenStartsOverToo() throws Exception {
        Path data = root.resolve("young");
        Path aside;
        try (SessionStore backup = SessionStore.open(data, Disk.local(), Clock.systemUTC(), MIRRORED)) {
            backup.mirrored().lead();
            backup.create("Soundcheck", params(0.4), Set.of());
            backup.mirrored().follow("the primary");
            assertTrue(IndexImage.images(data, Disk.local()).isEmpty(), "no index image was written yet");
            aside = backup.mirrored().startOver();
            assertEquals(List.of(), names(backup));
            assertEquals(0, backup.mirrored().lastSeq());
        }
        try (SessionStore own = SessionStore.open(aside)) {
            assertEquals(List.of("Soundcheck"), names(own));
        }
    }

    @Test
    void aCrashAtEveryStepLeavesTheFolderAsItWasOrEmptyBesideACompleteCopy() throws Exception {
        Path template = made();
        int[] empty = {0};
        int trials = CrashSteps.run(MIRRORED, step -> new CrashSteps.Trial() {
            @Override
            public Path folder() throws IOException {
                return ShowFolders.copyFolder(template, root.resolve("crash-" + step));
            }

            @Override
            public void work(SessionStore store) {
                store.mirrored().follow("the primary");
                store.mirrored().startOver();
            }

            @Override
            public void afterCrash(int at, Path data) throws IOException {
                try (SessionStore reopened = SessionStore.open(data)) {
                    List<String> now = names(reopened);
                    if (!now.isEmpty()) {
                        assertEquals(List.of("Opener", "Ballad"), now, "crash at step " + at + ": the folder is as it was");
                        return;
                    }
                }
                empty[0]++;
                try (SessionStore own = SessionStore.open(onlyAside(data))) {
                    assertEquals(List.of("Opener", "Ballad"), names(own), "crash at step " + at + ": the copy is whole");
                }
            }
        });
        System.out.printf("start over: a crash at each of %d steps, %d of them after the switch to the empty journal%n", trials, empty[0]);
        assertTrue(trials > 10, "starting over has many steps to crash at: " + trials);
        assertTrue(empty[0] > 0, "some crashes come after the switch to the empty journal: " + empty[0] + " of " + trials);
    }

    /**
     * A full disk at any write of the start-over: it fails with a storage error and the laptop goes
     * on as it was (in memory and on disk), or it completed; a reopened folder agrees either way.
     */
    @Test
    void aFullDiskAtEveryStepLeavesTheStoreAsItWasOrStartedOverAndNeverBetween() throws Exception {
        Path template = made();
        int failed = 0;
        for (int step = 1; ; step++) {
            Path data = ShowFolders.copyFolder(template, root.resolve("full-" + step));
            dev.encore.testing.StepDisk disk = new dev.encore.testing.StepDisk(step, dev.encore.testing.StepDisk.Mode.FULL);
            List<String> inMemory;
            try (SessionStore store = SessionStore.open(data, disk, Clock.systemUTC(), MIRRORED)) {
                store.mirrored().follow("the primary");
                try {
                    store.mirrored().startOver();
                } catch (dev.encore.EncoreException e) {
                    assertEquals(dev.encore.Reason.STORAGE_FULL, e.reason(), e.getMessage());
                }
                inMemory = names(store);
            } catch (dev.encore.EncoreException opening) {
                continue; // the disk filled while the store opened: nothing started over
            }
            if (!disk.failed()) {
                assertEquals(List.of(), inMemory, "with room on the disk it starts over");
                break;
            }
            failed++;
            assertTrue(inMemory.equals(List.of("Opener", "Ballad")) || inMemory.isEmpty(), "full at step " + step + ": " + inMemory);
            try (SessionStore reopened = SessionStore.open(data)) {
                assertEquals(inMemory, names(reopened), "full at step " + step + ": the folder holds what the laptop went on with");
            }
        }
        assertTrue(failed > 10, "starting over has many writes to fail: " + failed);
    }

    private static List<String> blobFiles(Path data) throws IOException {
        try (Stream<Path> walk = Files.walk(data.resolve("blobs"))) {
            return walk.filter(Files::isRegularFile).map(p -> data.relativize(p).toString()).filter(n -> !n.contains("tmp")).sorted().toList();
        }
    }

    private static Path onlyAside(Path data) throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            List<Path> aside = files.filter(f -> f.getFileName().toString().startsWith(StartOver.PREFIX)).toList();
            assertEquals(1, aside.size(), "one diverged- folder: " + aside);
            return aside.get(0);
        }
    }
}
