package dev.encore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.app.OscClient;
import dev.encore.bundle.BundleCheck;
import dev.encore.it.EncoreJar.Finished;
import dev.encore.store.AssetId;
import dev.encore.store.SessionStore;
import dev.encore.store.SessionSummary;
import dev.encore.store.StoredSession;
import dev.encore.testing.ShowFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving a show with the packaged jar, as a person types it: {@code export} on one folder,
 * {@code import} on another, each a child JVM. Damage, a second import, a name clash, a daemon on
 * the folder and SIGKILL at random moments. Trials: {@code -Dencore.its.trials} (3 by default).
 */
class BundleIT {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int TRIALS = Integer.getInteger("encore.its.trials", 3);
    /** Audio per song: enough that an import takes a while past the JVM's start, for the kills to land in it. */
    private static final int AUDIO_BYTES = 6 << 20;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path source;
    private static Path bundle;
    private int runs;

    @BeforeAll
    static void aShowWithAudioExportedThroughTheJar() throws Exception {
        source = shared.resolve("source");
        try (SessionStore store = SessionStore.open(source)) {
            for (int i = 1; i <= 4; i++) {
                ShowFolders.save(store, "Song " + i, 0.1 * i, ShowFolders.noise(i, AUDIO_BYTES));
                ShowFolders.save(store, "Song " + i, 0.1 * i + 0.05, ShowFolders.noise(i, AUDIO_BYTES), ShowFolders.noise(10 + i, 1000));
            }
            ShowFolders.save(store, "Ballad", 0.5, ShowFolders.noise(1, AUDIO_BYTES));
        }
        bundle = shared.resolve("show.encore.zip");
        Finished export = EncoreJar.run(shared, shared.resolve("export.txt"), TIMEOUT,
                List.of("export", "--data", source.toString(), "--out", bundle.toString(), "--history"));
        assertEquals(0, export.exitCode(), export.toString());
        assertTrue(export.output().contains("Exported 5 session(s) (9 revision(s)) and 8 audio file(s)"), export.toString());
    }

    private Finished encore(String... args) throws IOException, InterruptedException {
        runs++;
        return EncoreJar.run(dir, dir.resolve(String.format("%03d.txt", runs)), TIMEOUT, List.of(args));
    }

    private Finished importInto(Path data, Path file) throws IOException, InterruptedException {
        return encore("import", file.toString(), "--data", data.toString());
    }

    @Test
    void aShowExportedAndImportedIntoAFreshFolderHasEveryValueAndAssetAndChecksClean() throws Exception {
        Path target = dir.resolve("laptop");
        Finished imported = importInto(target, bundle);
        assertEquals(0, imported.exitCode(), imported.toString());
        assertEquals(sessions(source), sessions(target));
        Finished check = encore("check", "--data", target.toString());
        assertEquals(0, check.exitCode(), check.toString());
        assertTrue(check.output().contains("All 8 audio asset(s)"), check.toString());
    }

    @Test
    void aFlippedBitAnywhereInTheBundleIsRefusedWithExitOneAndTheFolderIsUnchanged() throws Exception {
        Path target = dir.resolve("laptop");
        ShowFolders.save(target, "Already here", 0.3, ShowFolders.noise(99, 2000));
        Map<String, String> before = contents(target);
        long size = Files.size(bundle);
        List<Long> offsets = new ArrayList<>(List.of(10L, size / 3, size - 3000, size - 60, size - 5));
        Random random = new Random(TRIALS);
        for (int i = 0; i < TRIALS; i++) {
            offsets.add((long) (random.nextDouble() * size));
        }
        Path damaged = dir.resolve("damaged.zip");
        for (long offset : offsets) {
            Files.copy(bundle, damaged, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            DataFolders.flipBit(damaged, offset, (int) (offset % 8));
            Finished refused = importInto(target, damaged);
            assertEquals(1, refused.exitCode(), "byte " + offset + ": " + refused);
            assertTrue(refused.output().contains("is refused") && refused.output().contains("the data folder is as it was"), refused.toString());
            assertEquals(before, contents(target), "byte " + offset + " changed the folder");
        }
    }

    @Test
    void importingTheSameBundleTwiceStoresNoAudioTheSecondTime() throws Exception {
        Path target = dir.resolve("laptop");
        assertEquals(0, importInto(target, bundle).exitCode());
        long blobBytes = bytesUnder(target.resolve("blobs"));
        Finished again = importInto(target, bundle);
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.output().contains("Stored 0 audio file(s)"), again.toString());
        assertEquals(blobBytes, bytesUnder(target.resolve("blobs")));
        assertEquals(sessions(source), sessions(target));
    }

    @Test
    void aSessionWhoseNameIsTakenComesInUnderAUniqueVariant() throws Exception {
        Path target = dir.resolve("laptop");
        ShowFolders.save(target, "BALLAD", 0.9);
        Finished imported = importInto(target, bundle);
        assertEquals(0, imported.exitCode(), imported.toString());
        assertTrue(imported.output().contains("Added 'Ballad' as 'Ballad (2)'"), imported.toString());
        try (SessionStore store = SessionStore.open(target)) {
            assertEquals(0.9, store.findByName("BALLAD").orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
            assertEquals(0.5, store.findByName("Ballad (2)").orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
        }
    }

    @Test
    void whileADaemonRunsListAndExportReadTheFolderImportGoesThroughTheDaemonAndGcAndRebuildRefuseNamingIt() throws Exception {
        try (JarStage stage = new JarStage(dir.resolve("stage"))) {
            Files.writeString(stage.map, JarStage.MAP + "media: [" + shared + "]\n");
            DaemonProcess daemon = stage.start();
            OscClient.Message saved = stage.osc.request("/encore/save", "Live song");
            assertEquals("/encore/reply", saved.address(), saved.toString());
            String data = stage.data.toString();

            Finished list = encore("list", "--data", data);
            assertEquals(0, list.exitCode(), list.toString());
            assertTrue(list.output().contains("Live song"), list.toString());
            Path held = dir.resolve("held.zip");
            Finished export = encore("export", "--out", held.toString(), "--data", data);
            assertEquals(0, export.exitCode(), export.toString());
            assertEquals(List.of("Live song"), BundleCheck.verify(held).sessions().stream().map(s -> s.current().name()).toList());

            Finished imported = encore("import", bundle.toString(), "--data", data);
            assertEquals(0, imported.exitCode(), imported.toString());
            assertTrue(imported.output().contains("pid " + daemon.pid()) && imported.output().contains("it does the import")
                    && imported.output().contains("importing through the daemon:")
                    && imported.output().contains("Imported 5 session(s) from show.encore.zip"), imported.toString());
            OscClient.Message song = stage.osc.request("/encore/open", "Song 3");
            assertEquals("/encore/reply", song.address(), "the running daemon has the imported sessions: " + song);

            for (String command : List.of("gc", "rebuild")) {
                Finished refused = encore(command, "--data", data);
                assertEquals(1, refused.exitCode(), refused.toString());
                assertTrue(refused.output().contains("encore " + command + " did not run") && refused.output().contains("pid " + daemon.pid())
                        && refused.output().contains("OSC port " + daemon.port()) && refused.output().contains("kill " + daemon.pid()),
                        refused.toString());
            }
            daemon.stop();
        }
    }

    @Test
    void withoutATerminalImportCheckExportAndGcPrintOneLinePerStepAndQuietPrintsNone() throws Exception {
        Path target = dir.resolve("laptop");
        Finished imported = importInto(target, bundle);
        assertEquals(0, imported.exitCode(), imported.toString());
        assertTrue(imported.output().matches("(?s).*checking the bundle: 24\\.0 MiB in \\d+\\.\\d s \\(.*/s\\)\\R.*")
                && imported.output().matches("(?s).*storing audio: 24\\.0 MiB in .*"), imported.toString());
        Finished check = encore("check", "--data", target.toString());
        assertTrue(check.output().contains("checking audio: 24.0 MiB in "), check.toString());
        Finished export = encore("export", "--out", dir.resolve("again.zip").toString(), "--data", target.toString());
        assertTrue(export.output().contains("checking audio: 24.0 MiB in ") && export.output().contains("writing the bundle: 24.0 MiB in "),
                export.toString());
        Finished gc = encore("gc", "--data", target.toString());
        assertTrue(gc.output().contains("deleting unused audio: 0 files in "), gc.toString());

        for (List<String> command : List.of(List.of("import", bundle.toString()), List.of("check"),
                List.of("export", "--out", dir.resolve("quiet.zip").toString()), List.of("gc"))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--quiet", "--data", target.toString()));
            Finished quiet = encore(args.toArray(String[]::new));
            assertEquals(0, quiet.exitCode(), quiet.toString());
            assertFalse(quiet.output().matches("(?s).*(checking|storing|writing|deleting) [a-z ]+: .*"), quiet.toString());
            assertTrue(quiet.output().contains("Stored 0 audio file(s)") || quiet.output().contains("All 8 audio asset(s)")
                    || quiet.output().contains("Exported 5 session(s)") || quiet.output().contains("Deleted 0 audio file(s)"),
                    "the result is still printed: " + quiet);
        }
    }

    /**
     * SIGKILL at a random moment between the JVM's start-up and the end of an uninterrupted import
     * (both measured first): the folder holds what it held, or part of the show, and a rerun of the
     * same import always ends with the whole show, once, and no audio twice.
     */
    @Test
    void anImportKilledAtARandomMomentIsCompletedByARerun() throws Exception {
        long t0 = System.nanoTime();
        Finished empty = encore("list", "--data", dir.resolve("none").toString());
        long startupMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, empty.exitCode());
        t0 = System.nanoTime();
        assertEquals(0, importInto(dir.resolve("timed"), bundle).exitCode());
        long importMs = (System.nanoTime() - t0) / 1_000_000;
        long expectedBlobBytes = bytesUnder(dir.resolve("timed").resolve("blobs"));
        Random random = new Random(42);
        int cutOff = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            Path target = dir.resolve("killed-" + trial);
            ShowFolders.save(target, "Already here", 0.3);
            long at = startupMs / 2 + (long) (random.nextDouble() * Math.max(1, importMs - startupMs / 2));
            Process p = EncoreJar.launch(dir, dir.resolve("killed-" + trial + ".txt"),
                    List.of("import", bundle.toString(), "--data", target.toString()));
            if (!p.waitFor(at, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                cutOff++;
            }
            Map<String, Map<String, Object>> afterKill = sessions(target);
            assertTrue(afterKill.containsKey("Already here") && sessions(source).keySet().containsAll(
                    afterKill.keySet().stream().filter(n -> !n.equals("Already here")).toList()),
                    "killed after " + at + " ms: only sessions of the bundle were added: " + afterKill.keySet());
            Finished rerun = importInto(target, bundle);
            assertEquals(0, rerun.exitCode(), "rerun after a kill at " + at + " ms: " + rerun);
            Map<String, Map<String, Object>> expected = new TreeMap<>(sessions(source));
            Map<String, Map<String, Object>> found = sessions(target);
            found.remove("Already here");
            assertEquals(expected, found, "after a kill at " + at + " ms and a rerun");
            assertEquals(expectedBlobBytes, bytesUnder(target.resolve("blobs")), "no audio stored twice, no piece of it left over");
            System.out.printf("import SIGKILL trial %d: %d ms in, %d session(s) of 5 were in, the rerun finished it%n", trial, at,
                    afterKill.size() - 1);
        }
        assertTrue(cutOff > 0, "at least one kill cut an import off (start-up " + startupMs + " ms, whole import " + importMs + " ms)");
    }

    /** Every session by name: its values, its audio (verified, by hash) and its revision count. */
    private static Map<String, Map<String, Object>> sessions(Path data) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        try (SessionStore store = SessionStore.open(data)) {
            for (SessionSummary s : store.list()) {
                StoredSession session = store.find(s.id()).orElseThrow();
                for (AssetId id : session.assets()) {
                    store.blobs().verify(id);
                }
                out.put(s.name(), Map.of("snapshot", session.snapshot().toString(), "assets", new java.util.TreeSet<>(session.assets()),
                        "revisions", store.revisions().history(s.id()).size(), "updated", session.updated()));
            }
        }
        return out;
    }

    /** Each file under {@code root} with the SHA-256 of its bytes. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.sorted().toList()) {
                String key = root.relativize(p).toString();
                out.put(key, Files.isDirectory(p) ? "folder" : sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long bytesUnder(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            return tree.filter(Files::isRegularFile).mapToLong(DataFolders::size).sum();
        }
    }
}
