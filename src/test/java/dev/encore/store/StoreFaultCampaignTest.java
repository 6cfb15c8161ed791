package dev.encore.store;

import static dev.encore.store.StoreFixtures.params;
import static dev.encore.store.StoreFixtures.randomBytes;
import static dev.encore.store.StoreFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.testing.StepDisk;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One scripted workload (saves with audio, a copy, a rename, a draft, a move, a delete, an
 * undelete, an undo, a redo) run again and again with a fault at a different step each time: a
 * crash at every write, force, rename and delete; a full disk at each of them; one flipped bit in
 * a file outside {@code blobs/}. After each, the store reopens from the files as they are, and
 * what it holds must be what was acknowledged (or, for the step that failed, the state just
 * before or just after it).
 */
class StoreFaultCampaignTest {
    @TempDir
    Path root;

    private static final StoreOptions SMALL = new StoreOptions(64 * 1024, 60_000, 50, 30);

    /** The workload; {@code acked} receives the store's fingerprint after each acknowledged step. */
    private static void workload(SessionStore store, List<String> acked) {
        AssetId audio = store.blobs().put(randomBytes(1, 40_000));
        StoredSession a = store.create("Opener", snapshot(0.1, "f", audio, audio, null, null), Set.of(audio));
        acked.add(fingerprint(store));
        store.update(a.id(), params(0.2), Set.of());
        acked.add(fingerprint(store));
        StoredSession b = store.create("Ballad", params(0.3), Set.of());
        acked.add(fingerprint(store));
        store.rename(b.id(), "Ballad (slow)");
        acked.add(fingerprint(store));
        store.bookkeeping().putDraft(b.id(), params(0.35), Set.of());
        acked.add(fingerprint(store));
        store.move(1, 0);
        acked.add(fingerprint(store));
        for (int i = 0; i < 30; i++) {
            store.update(b.id(), params(0.4 + i / 100.0), Set.of()); // enough records to fill a segment
            acked.add(fingerprint(store));
        }
        store.delete(a.id());
        acked.add(fingerprint(store));
        store.undelete();
        acked.add(fingerprint(store));
        store.revisions().undo(b.id());
        acked.add(fingerprint(store));
        store.revisions().redo(b.id());
        acked.add(fingerprint(store));
    }

    /** What a performer would notice: the setlist, each session's name, gain and revision, drafts. */
    static String fingerprint(SessionStore store) {
        StringBuilder b = new StringBuilder();
        for (SessionSummary s : store.list()) {
            StoredSession full = store.find(s.id()).orElseThrow();
            b.append(s.name()).append('=').append(full.snapshot().path("params").path("mixer/gain").asDouble())
                    .append(" rev ").append(store.revisions().head(s.id())).append(s.hasDraft() ? " +draft" : "").append("; ");
        }
        return b.toString();
    }

    private List<String> cleanRun(Path data) {
        List<String> acked = new ArrayList<>();
        acked.add("");
        try (SessionStore store = SessionStore.open(data, dev.encore.store.Disk.local(), Clock.systemUTC(), SMALL)) {
            workload(store, acked);
        }
        return acked;
    }

    @Test
    void aCrashAtEveryWriteForceAndRenameLosesNothingAcknowledged() throws Exception {
        List<String> expected = cleanRun(root.resolve("clean"));
        int trials = CrashSteps.run(SMALL, step -> new CrashSteps.Trial() {
            private final List<String> acked = new ArrayList<>(List.of(""));

            @Override
            public Path folder() {
                return root.resolve("crash-" + step);
            }

            @Override
            public void work(SessionStore store) {
                workload(store, acked);
            }

            @Override
            public void afterCrash(int at, Path data) {
                try (SessionStore reopened = SessionStore.open(data, Disk.local(), Clock.systemUTC(), SMALL)) {
                    String now = fingerprint(reopened);
                    int n = acked.size();
                    assertTrue(now.equals(expected.get(n - 1)) || (n < expected.size() && now.equals(expected.get(n))),
                            "crash at step " + at + ": after " + (n - 1) + " acknowledged steps the store holds\n  " + now
                                    + "\nexpected\n  " + expected.get(n - 1));
                }
            }
        });
        assertTrue(trials > 40, "the workload has many steps to crash at: " + trials);
    }

    @Test
    void aFullDiskAtEveryWriteFailsThatCommitAloneAndTheNextOneWorks() throws Exception {
        List<String> expected = cleanRun(root.resolve("clean"));
        int trials = 0;
        for (int step = 1; ; step++) {
            Path data = root.resolve("full-" + step);
            StepDisk disk = new StepDisk(step, StepDisk.Mode.FULL);
            List<String> acked = new ArrayList<>();
            acked.add("");
            String failedAt = null;
            try (SessionStore store = SessionStore.open(data, disk, Clock.systemUTC(), SMALL)) {
                try {
                    workload(store, acked);
                } catch (EncoreException e) {
                    assertEquals(Reason.STORAGE_FULL, e.reason(), e.getMessage());
                    failedAt = fingerprint(store);
                    assertEquals(acked.get(acked.size() - 1), failedAt, "a failed commit changes nothing in memory");
                    store.bookkeeping().putMeta("after", "space came back");
                }
            } catch (EncoreException e) {
                assertEquals(Reason.STORAGE_FULL, e.reason(), e.getMessage());
            }
            if (!disk.failed()) {
                break;
            }
            trials++;
            try (SessionStore reopened = SessionStore.open(data, dev.encore.store.Disk.local(), Clock.systemUTC(), SMALL)) {
                assertEquals(acked.get(acked.size() - 1), fingerprint(reopened), "disk full at step " + step);
                if (failedAt != null) {
                    assertEquals("space came back", reopened.bookkeeping().meta("after").orElse(null), "the commit after the failure is kept");
                }
            }
        }
        assertTrue(trials > 40, "the workload has many writes to fail: " + trials);
        assertTrue(expected.size() > 10);
    }

    @Test
    void oneFlippedBitInAnyFileOutsideBlobsCostsAtMostOneRevision() throws Exception {
        int trials = Integer.getInteger("encore.flip.trials", 60);
        Random random = new Random(20261201L);
        Path clean = root.resolve("template");
        List<String> expected = cleanRun(clean);
        String last = expected.get(expected.size() - 1);
        java.util.Map<String, Integer> hits = new java.util.TreeMap<>();
        int older = 0;
        for (int trial = 0; trial < trials; trial++) {
            Path data = root.resolve("flip-" + trial);
            copyTree(clean, data);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(data)) {
                files = walk.filter(Files::isRegularFile).filter(p -> !data.relativize(p).startsWith("blobs"))
                        .filter(p -> sizeOf(p) > 0).sorted().toList();
            }
            Path victim = files.get(random.nextInt(files.size()));
            long offset = flipBitAtWrittenByte(victim, random);
            hits.merge(data.relativize(victim).getName(0).toString(), 1, Integer::sum);
            try (SessionStore store = SessionStore.open(data, dev.encore.store.Disk.local(), Clock.systemUTC(), SMALL)) {
                List<SessionSummary> list = store.list();
                assertEquals(List.of("Ballad (slow)", "Opener"), list.stream().map(SessionSummary::name).toList(),
                        "trial " + trial + ": bit flipped in " + data.relativize(victim) + " at " + offset);
                String now = fingerprint(store);
                assertTrue(now.equals(last) || sameNamesAtMostOneRevisionOlder(now, last),
                        "trial " + trial + " (" + data.relativize(victim) + " at " + offset + "): " + now);
                older += now.equals(last) ? 0 : 1;
            }
        }
        System.out.printf("bit flips: %d trials, files hit %s, %d came back one revision older, none lost a session%n",
                trials, hits, older);
    }

    private static boolean sameNamesAtMostOneRevisionOlder(String now, String last) {
        String[] a = now.split("; ");
        String[] b = last.split("; ");
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            int ra = Integer.parseInt(a[i].replaceAll(".* rev (\\d+).*", "$1"));
            int rb = Integer.parseInt(b[i].replaceAll(".* rev (\\d+).*", "$1"));
            if (!a[i].split("=")[0].equals(b[i].split("=")[0]) || rb - ra > 1 || ra > rb) {
                return false;
            }
        }
        return true;
    }

    /** Flips one bit of a byte that was written (journal segments are mostly preallocated zeros). */
    private static long flipBitAtWrittenByte(Path file, Random random) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<Integer> written = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                written.add(i);
            }
        }
        int at = written.isEmpty() ? random.nextInt(bytes.length) : written.get(random.nextInt(written.size()));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            f.write(bytes[at] ^ (1 << random.nextInt(8)));
        }
        return at;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
