package dev.encore.app;

import static dev.encore.app.DaemonTest.assertError;
import static dev.encore.app.DaemonTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.app.OscClient.Message;
import dev.encore.bundle.BundleCheck;
import dev.encore.bundle.BundleManifest;
import dev.encore.bundle.BundledSession;
import dev.encore.bundle.Exporter;
import dev.encore.store.SessionStore;
import dev.encore.testing.ShowFolders;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /encore/export} and {@code /encore/import} on a running daemon, over real UDP. */
class DaemonBundlesTest {
    private static final int AUDIO_BYTES = 3 << 20;

    @TempDir
    Path dir;

    private Path media() throws IOException {
        return Files.createDirectories(dir.resolve("media"));
    }

    private DaemonStage stage() throws IOException {
        return new DaemonStage(dir, DaemonStage.QUIET_MAP + "media: [media]\n");
    }

    private static boolean isReplyTo(Message m, String address) {
        return (m.address().equals("/encore/reply") || m.address().equals("/encore/error")) && m.arg(0).equals(address);
    }

    /** The progress pushes of one task and item: rising, at most 10 a second, exactly one 1.0, and that one before the reply. */
    private static void assertProgressBeforeReply(List<Message> seen, String task, String item, double seconds) {
        List<Float> fractions = seen.stream().filter(m -> m.address().equals("/encore/progress") && m.arg(0).equals(task))
                .peek(m -> assertEquals(item, m.arg(1), m.toString())).map(m -> (Float) m.arg(2)).toList();
        assertFalse(fractions.isEmpty(), "no progress for " + task + " in " + seen);
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) > fractions.get(i - 1), task + " went back at " + i + ": " + fractions);
        }
        assertEquals(1.0f, fractions.get(fractions.size() - 1), fractions.toString());
        assertEquals(1, fractions.stream().filter(f -> f == 1.0f).count(), fractions.toString());
        assertTrue(fractions.size() <= 2 + 10 * seconds, fractions.size() + " pushes in " + seconds + " s");
    }

    @Test
    void exportWritesAVerifiedBundleOfTheSavedShowWithProgressBeforeItsReply() throws IOException {
        media();
        ShowFolders.save(dir.resolve("data"), "Opening", 0.5, ShowFolders.noise(1, AUDIO_BYTES));
        ShowFolders.save(dir.resolve("data"), "Ballad", 0.7, ShowFolders.noise(2, AUDIO_BYTES));
        try (DaemonStage stage = stage()) {
            long start = System.nanoTime();
            stage.client.send("/encore/export", "backup.encore.zip");
            List<Message> seen = stage.client.until(m -> isReplyTo(m, "/encore/export"));
            double seconds = (System.nanoTime() - start) / 1e9;
            Message reply = seen.get(seen.size() - 1);
            assertOk(reply);
            assertTrue(((String) reply.arg(1)).contains("Exported 2 session(s) and 2 audio file(s)"), reply.toString());
            assertProgressBeforeReply(seen, "export", "backup.encore.zip", seconds);
            assertTrue(stage.client.drain().stream().noneMatch(m -> m.address().equals("/encore/progress")), "no progress after the reply");

            BundleManifest manifest = BundleCheck.verify(dir.resolve("media/backup.encore.zip"));
            assertEquals(List.of("Opening", "Ballad"), manifest.sessions().stream().map(s -> s.current().name()).toList());
            assertEquals(2L * AUDIO_BYTES, manifest.audioBytes());

            stage.client.send("/encore/export", "ballad.encore.zip", "ballad");
            Message one = stage.client.await(m -> isReplyTo(m, "/encore/export"));
            assertOk(one);
            assertEquals(List.of("Ballad"), BundleCheck.verify(dir.resolve("media/ballad.encore.zip")).sessions().stream()
                    .map(BundledSession::current).map(s -> s.name()).toList());
        }
    }

    @Test
    void importAddsTheBundlesSessionsToTheRunningSetlistUnderUniqueNames() throws IOException {
        Path bundle = exportedShow(media().resolve("tour.encore.zip"));
        ShowFolders.save(dir.resolve("data"), "Opening", 0.1);
        try (DaemonStage stage = stage()) {
            long start = System.nanoTime();
            stage.client.send("/encore/import", bundle.toString());
            List<Message> seen = stage.client.until(m -> isReplyTo(m, "/encore/import"));
            double seconds = (System.nanoTime() - start) / 1e9;
            Message reply = seen.get(seen.size() - 1);
            assertOk(reply);
            assertTrue(((String) reply.arg(1)).contains("'Opening' as 'Opening (2)'") && ((String) reply.arg(1)).contains("'Ballad'"),
                    reply.toString());
            assertProgressBeforeReply(seen, "import", "tour.encore.zip", seconds);
            assertTrue(seen.stream().anyMatch(m -> m.address().equals("/encore/session") && m.arg(2).equals(3)),
                    "the setlist of three is announced: " + seen);

            stage.client.send("/encore/list");
            List<Message> list = stage.client.until(m -> isReplyTo(m, "/encore/list"));
            assertEquals(List.of("Opening", "Opening (2)", "Ballad"), list.stream().filter(m -> m.address().equals("/encore/list/item"))
                    .map(m -> (String) m.arg(1)).toList());
            assertOk(stage.client.request("/encore/open", "Opening (2)"));

            stage.client.send("/encore/import", bundle.toString());
            Message again = stage.client.await(m -> isReplyTo(m, "/encore/import"));
            assertOk(again);
            assertTrue(((String) again.arg(1)).contains("stored 0 audio file(s), 2 were here already"), again.toString());
        }
        try (SessionStore store = SessionStore.open(dir.resolve("data"))) {
            assertEquals(3, store.list().size(), "the second import added nothing");
            assertEquals(0.5, store.findByName("Opening (2)").orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
            store.upkeep().check(f -> { }).problems().forEach(p -> { throw new AssertionError(p); });
        }
    }

    @Test
    void aDamagedBundleIsRefusedAndTheFolderKeepsItsSessionsAndAudio() throws IOException {
        Path bundle = exportedShow(media().resolve("tour.encore.zip"));
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[bytes.length / 2] ^= 0x10;
        Path damaged = Files.write(dir.resolve("media/damaged.encore.zip"), bytes);
        ShowFolders.save(dir.resolve("data"), "Here", 0.1, ShowFolders.noise(9, 1000));
        try (DaemonStage stage = stage()) {
            TreeMap<String, Long> blobsBefore = files(stage.data.resolve("blobs"));
            stage.client.send("/encore/import", damaged.toString());
            Message reply = stage.client.await(m -> isReplyTo(m, "/encore/import"));
            assertError(-16, reply, "damaged");
            assertEquals(blobsBefore, files(stage.data.resolve("blobs")), "no audio was stored");
            stage.client.send("/encore/list");
            List<Message> list = stage.client.until(m -> isReplyTo(m, "/encore/list"));
            assertEquals(List.of("Here"), list.stream().filter(m -> m.address().equals("/encore/list/item")).map(m -> (String) m.arg(1)).toList());
        }
    }

    @Test
    void pathsOutsideTheMediaFoldersUnknownSessionsAndMissingBundlesGetClearErrors() throws IOException {
        media();
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Path bundle = exportedShow(outside.resolve("tour.encore.zip"));
        ShowFolders.save(dir.resolve("data"), "Opening", 0.1);
        try (DaemonStage stage = stage()) {
            assertError(-15, stage.client.request("/encore/export", outside.resolve("out.zip").toString()), "outside the media folders");
            assertError(-15, stage.client.request("/encore/import", bundle.toString()), "outside the media folders");
            assertError(-3, stage.client.request("/encore/export", "x.zip", "No Such Song"), "no session named 'No Such Song'");
            assertError(-2, stage.client.request("/encore/import", "missing.encore.zip"), "No audio file at");
            assertError(-2, stage.client.request("/encore/export"), "s:path");
            assertError(-2, stage.client.request("/encore/export", "no-such-folder/x.zip"), "no folder");
        }
        assertFalse(Files.exists(outside.resolve("out.zip")));
        assertFalse(Files.exists(dir.resolve("media/x.zip")));
    }

    /** A bundle of "Opening" (gain 0.5) and "Ballad", each with audio, exported from a folder of their own. */
    private Path exportedShow(Path to) throws IOException {
        Path source = dir.resolve("source");
        try (SessionStore store = SessionStore.open(source)) {
            ShowFolders.save(store, "Opening", 0.5, ShowFolders.noise(1, AUDIO_BYTES));
            ShowFolders.save(store, "Ballad", 0.7, ShowFolders.noise(2, AUDIO_BYTES));
            try (OutputStream out = Files.newOutputStream(to)) {
                new Exporter(store, "test").export(List.of(), false, out);
            }
        }
        return to;
    }

    private static TreeMap<String, Long> files(Path root) {
        TreeMap<String, Long> out = new TreeMap<>();
        try (Stream<Path> tree = Files.walk(root)) {
            tree.filter(Files::isRegularFile).forEach(p -> {
                try {
                    out.put(root.relativize(p).toString(), Files.size(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
