package dev.encore.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.AssetId;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import dev.encore.testing.ShowFolders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Show bundles in one JVM: what goes out comes back equal, and any damage refuses the whole bundle before anything is stored. */
class BundleTest {
    @TempDir
    Path dir;

    private Path source;
    private Path bundle;

    @BeforeEach
    void aShowWithAudioAndHistory() throws IOException {
        source = dir.resolve("source");
        try (SessionStore store = SessionStore.open(source)) {
            ShowFolders.save(store, "Opening", 0.1, ShowFolders.noise(1, 5000));
            ShowFolders.save(store, "Opening", 0.2, ShowFolders.noise(1, 5000), ShowFolders.noise(2, 3000));
            ShowFolders.save(store, "Ballad", 0.7, ShowFolders.noise(3, 4000));
        }
        bundle = dir.resolve("show.zip");
        export(List.of(), true, bundle);
    }

    private Exporter.Exported export(List<String> names, boolean history, Path to) throws IOException {
        try (SessionStore store = SessionStore.open(source); OutputStream out = Files.newOutputStream(to)) {
            return new Exporter(store, "test").export(names, history, out);
        }
    }

    private Importer.Imported importInto(Path data, Path file) throws IOException {
        BundleCheck.Checked checked = BundleCheck.check(file, BundleProgress.NONE);
        try (SessionStore store = SessionStore.open(data)) {
            return new Importer(store).importChecked(file, checked, BundleProgress.NONE);
        }
    }

    @Test
    void everySessionRevisionAndPieceOfAudioComesBackEqualInAFreshFolder() throws IOException {
        Path target = dir.resolve("target");
        Importer.Imported done = importInto(target, bundle);
        assertEquals(3, done.blobsStored());
        try (SessionStore from = SessionStore.open(source); SessionStore to = SessionStore.open(target)) {
            assertEquals(from.list().stream().map(s -> s.name()).toList(), to.list().stream().map(s -> s.name()).toList());
            for (var summary : from.list()) {
                StoredSession a = from.find(summary.id()).orElseThrow();
                StoredSession b = to.findByName(a.name()).orElseThrow();
                assertEquals(a.id(), b.id());
                assertEquals(a.created(), b.created());
                assertEquals(a.updated(), b.updated());
                assertEquals(a.snapshot().toString(), b.snapshot().toString());
                assertEquals(from.revisions().history(a.id()).size(), to.revisions().history(b.id()).size(), "every retained revision of " + a.name());
                for (AssetId id : a.assets()) {
                    to.blobs().verify(id);
                    assertEquals(from.map(id).bytes(), to.map(id).bytes());
                }
            }
            assertEquals(0.1, to.revisions().revision(to.findByName("Opening").orElseThrow().id(), 1).snapshot().path("params")
                    .path("mixer/gain").asDouble());
        }
    }

    /**
     * Every byte of the first entry's header and of the zip directory at the end, and every 29th byte
     * between them (audio, headers, manifest): about 1,000 damaged copies, a few seconds.
     */
    @Test
    void aFlippedBitInAnyByteOfTheBundleRefusesIt() throws IOException {
        byte[] good = Files.readAllBytes(bundle);
        Path damaged = dir.resolve("damaged.zip");
        for (int i = 0; i < good.length; i++) {
            if (i >= 100 && i < good.length - 400 && i % 29 != 0) {
                continue;
            }
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            Files.write(damaged, bad);
            int at = i;
            EncoreException e = assertThrows(EncoreException.class, () -> BundleCheck.verify(damaged), () -> "byte " + at + " of " + good.length);
            assertEquals(Reason.BUNDLE_REFUSED, e.reason(), e.getMessage());
        }
    }

    @Test
    void aBundleCutShortOrWithBytesAfterItsEndIsRefused() throws IOException {
        byte[] good = Files.readAllBytes(bundle);
        Path damaged = dir.resolve("damaged.zip");
        Files.write(damaged, java.util.Arrays.copyOf(good, good.length - 1));
        assertEquals(Reason.BUNDLE_REFUSED, assertThrows(EncoreException.class, () -> BundleCheck.verify(damaged)).reason());
        Files.write(damaged, java.util.Arrays.copyOf(good, good.length + 1));
        assertEquals(Reason.BUNDLE_REFUSED, assertThrows(EncoreException.class, () -> BundleCheck.verify(damaged)).reason());
    }

    @Test
    void aBlobTheManifestDoesNotNameRefusesTheBundle() throws IOException {
        Path extra = rewritten("extra.zip", null, "blobs/" + "ab".repeat(16));
        EncoreException e = assertThrows(EncoreException.class, () -> BundleCheck.verify(extra));
        assertTrue(e.getMessage().contains("which its manifest does not name"), e.getMessage());
    }

    @Test
    void aManifestEntryWithoutItsBlobRefusesTheBundle() throws IOException {
        String dropped;
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            dropped = zip.stream().map(ZipEntry::getName).filter(n -> n.startsWith("blobs/")).findFirst().orElseThrow();
        }
        Path missing = rewritten("missing.zip", dropped, null);
        EncoreException e = assertThrows(EncoreException.class, () -> BundleCheck.verify(missing));
        assertTrue(e.getMessage().contains("which the bundle does not hold"), e.getMessage());
    }

    @Test
    void importingTheSameBundleTwiceAddsNothingTheSecondTime() throws IOException {
        Path target = dir.resolve("target");
        importInto(target, bundle);
        Importer.Imported again = importInto(target, bundle);
        assertEquals(0, again.blobsStored());
        assertEquals(3, again.blobsPresent());
        assertTrue(again.sessions().stream().allMatch(o -> o.kind() == Importer.Outcome.Kind.ALREADY_HERE), again.toString());
        try (SessionStore to = SessionStore.open(target)) {
            assertEquals(2, to.list().size());
        }
    }

    @Test
    void importingOverAudioThatIsDamagedHereReplacesItWithTheBundlesVerifiedCopy() throws IOException {
        Path target = dir.resolve("target");
        importInto(target, bundle);
        AssetId id;
        Path blob;
        byte[] good;
        try (SessionStore to = SessionStore.open(target)) {
            id = to.findByName("Ballad").orElseThrow().assets().iterator().next();
            blob = target.resolve("blobs").resolve(id.hex().substring(0, 2)).resolve(id.hex());
            good = Files.readAllBytes(blob);
        }
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x04; // same length: only reading it shows the damage
        Files.write(blob, flipped);

        Importer.Imported again = importInto(target, bundle);
        assertEquals(1, again.blobsStored(), "the damaged one is stored again");
        assertEquals(2, again.blobsPresent(), "the intact ones are not");
        assertArrayEquals(good, Files.readAllBytes(blob));
        try (SessionStore to = SessionStore.open(target)) {
            assertTrue(to.upkeep().check(f -> { }).ok(), "the folder checks clean after the repair");
            assertEquals(2, to.list().size());
        }
    }

    @Test
    void exportCheckAndImportReportEachStepRisingToItsTotalOnce() throws IOException {
        Map<String, List<Long>> steps = new LinkedHashMap<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        BundleProgress record = (step, done, total) -> {
            steps.computeIfAbsent(step, k -> new ArrayList<>()).add(done);
            totals.put(step, total);
        };
        Path file = dir.resolve("reported.zip");
        try (SessionStore store = SessionStore.open(source); OutputStream out = Files.newOutputStream(file)) {
            new Exporter(store, "test").export(List.of(), true, out, record);
        }
        BundleCheck.Checked checked = BundleCheck.check(file, record);
        ShowFolders.save(dir.resolve("target"), "Ballad", 0.7, ShowFolders.noise(3, 4000)); // one of the three blobs is here
        try (SessionStore to = SessionStore.open(dir.resolve("target"))) {
            new Importer(to).importChecked(file, checked, record);
        }
        assertEquals(List.of("checking audio", "writing the bundle", "checking the bundle", "checking audio already here", "storing audio"),
                List.copyOf(steps.keySet()));
        assertEquals(12_000L, totals.get("checking audio"));
        assertEquals(12_000L, totals.get("checking the bundle"));
        assertEquals(4_000L, totals.get("checking audio already here"));
        assertEquals(8_000L, totals.get("storing audio"));
        steps.forEach((step, done) -> {
            for (int i = 1; i < done.size(); i++) {
                assertTrue(done.get(i) >= done.get(i - 1), step + " went back: " + done);
            }
            assertEquals(0L, done.get(0), step + " starts at 0: " + done);
            assertEquals(totals.get(step), done.get(done.size() - 1), step + " ends at its total: " + done);
        });
    }

    @Test
    void aTakenNameGetsAUniqueVariantAndTheSessionHereIsKept() throws IOException {
        Path target = dir.resolve("target");
        ShowFolders.save(target, "ballad", 0.9);
        Importer.Imported done = importInto(target, bundle);
        assertTrue(done.sessions().contains(new Importer.Outcome("Ballad", "Ballad (2)", Importer.Outcome.Kind.RENAMED)), done.toString());
        try (SessionStore to = SessionStore.open(target)) {
            assertEquals(List.of("ballad", "Opening", "Ballad (2)"), to.list().stream().map(s -> s.name()).toList());
            assertEquals(0.9, to.findByName("ballad").orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
        }
    }

    @Test
    void aNamedExportCarriesOnlyThoseSessionsAndTheirAudio() throws IOException {
        Path one = dir.resolve("one.zip");
        Exporter.Exported done = export(List.of("ballad"), false, one);
        assertEquals(List.of("Ballad"), done.sessions());
        assertEquals(1, done.blobs());
        assertEquals(4000, done.audioBytes());
        assertEquals(1, BundleCheck.verify(one).sessions().size());
    }

    @Test
    void theBundleIsOneStoredZipWithTheManifestAndItsChecksumLast() throws IOException {
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            List<? extends ZipEntry> entries = zip.stream().toList();
            assertEquals("manifest.sha256", entries.get(entries.size() - 1).getName());
            assertEquals("manifest.json", entries.get(entries.size() - 2).getName());
            assertTrue(entries.stream().allMatch(e -> e.getMethod() == ZipEntry.STORED));
            BundleManifest m = BundleCheck.verify(bundle);
            assertEquals(BundleManifest.FORMAT_VERSION, m.formatVersion());
            assertTrue(m.blobs().stream().allMatch(b -> b.role().equals("pcm")), m.blobs().toString());
        }
    }

    /** The bundle's entries again, one left out and/or one more added, with the manifest unchanged. */
    private Path rewritten(String name, String without, String extra) throws IOException {
        Path to = dir.resolve(name);
        try (ZipFile zip = new ZipFile(bundle.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            if (extra != null) {
                out.putNextEntry(new ZipEntry(extra));
                out.write(new byte[] {1, 2, 3});
                out.closeEntry();
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().equals(without)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream in = zip.getInputStream(e)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return to;
    }

}
