package dev.encore.store;

import static dev.encore.store.StoreFixtures.params;
import static dev.encore.store.StoreFixtures.randomBytes;
import static dev.encore.store.StoreFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadOnlyStoreTest {
    @TempDir
    Path data;

    @Test
    void readOnlyOpenWritesNothingInTheFolderEvenWithLeftoversAndATornTail() throws Exception {
        AssetId audio;
        StoredSession opening;
        try (SessionStore store = SessionStore.open(data)) {
            audio = store.blobs().put(randomBytes(1, 20_000));
            opening = store.create("Opening", snapshot(0.5, "f", audio, audio, null, null), Set.of(audio));
            store.update(opening.id(), snapshot(0.6, "f", audio, audio, null, null), Set.of(audio));
            store.create("Encore", params(0.1), Set.of());
            store.bookkeeping().putDraft(opening.id(), params(0.9), Set.of());
        }
        SessionStore writer = SessionStore.open(data);
        writer.create("Later", params(0.3), Set.of()); // after the image: replayed from the journal
        writer.abandon(); // ends as a crash would, without a last image
        // What a writer leaves that a writable open would clean up, quarantine or turn into an image.
        Files.write(data.resolve("blobs/tmp/0000.part"), randomBytes(2, 100));
        Files.write(data.resolve("index/image-0000000000000000099.mapdb.tmp"), randomBytes(3, 100));
        appendTornRecord(lastSegment());
        TreeMap<String, String> before = listing(data);

        try (SessionStore store = SessionStore.openReadOnly(data)) {
            assertTrue(store.readOnly());
            assertNull(store.lock());
            assertEquals(List.of("Opening", "Encore", "Later"), store.list().stream().map(SessionSummary::name).toList());
            assertEquals(0.6, store.findByName("opening").orElseThrow().snapshot().path("params").path("mixer/gain").asDouble(), 1e-9);
            assertEquals(2, store.revisions().history(opening.id()).size());
            assertTrue(store.bookkeeping().draft(opening.id()).isPresent());
            assertTrue(store.upkeep().check(f -> { }).ok());
            assertEquals(20_000, store.map(audio).length());
        }
        assertEquals(before, listing(data), "names, sizes and modification times of every file and folder");
        assertFalse(Files.exists(data.resolve(Quarantine.DIR)));
    }

    @Test
    void aReadOnlyStoreRefusesEveryChangeAndTheFolderStaysAsItWas() throws Exception {
        StoredSession s;
        try (SessionStore store = SessionStore.open(data)) {
            s = store.create("Opening", params(0.5), Set.of());
        }
        TreeMap<String, String> before = listing(data);
        try (SessionStore store = SessionStore.openReadOnly(data)) {
            List<Runnable> changes = List.of(() -> store.create("New", params(0.1), Set.of()),
                    () -> store.update(s.id(), params(0.2), Set.of()), () -> store.rename(s.id(), "Other"),
                    () -> store.delete(s.id()), () -> store.bookkeeping().putDraft(s.id(), params(0.3), Set.of()),
                    () -> store.bookkeeping().setActive(s.id()), () -> store.bookkeeping().putMeta("k", "v"), () -> store.upkeep().collect(Set.of()),
                    () -> store.compact(), store::checkpoint, () -> store.blobs().put(new byte[] {1, 2, 3}),
                    () -> store.imports().importRevision(s));
            for (Runnable change : changes) {
                IllegalStateException e = assertThrows(IllegalStateException.class, change::run);
                assertTrue(e.getMessage().contains("read-only"), e.getMessage());
            }
            assertEquals(1, store.list().size());
        }
        assertEquals(before, listing(data));
    }

    @Test
    void readOnlyOpensBesideARunningWriterSeeEverythingCommittedBeforeThem() throws Exception {
        // Small segments and a short quiet time: the writer rotates segments and replaces index images while readers read.
        StoreOptions options = new StoreOptions(8192, 20, 50, 30);
        int saves = Integer.getInteger("encore.test.readOnlySaves", 150);
        try (SessionStore writer = SessionStore.open(data, Disk.local(), Clock.systemUTC(), options)) {
            StoredSession s = writer.create("Live", params(0), Set.of());
            AtomicInteger committed = new AtomicInteger(0);
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread saving = new Thread(() -> {
                try {
                    for (int i = 1; i <= saves; i++) {
                        writer.update(s.id(), params(i), Set.of());
                        if (i % 10 == 0) {
                            writer.create("Song " + i, params(i), Set.of());
                        }
                        committed.set(i);
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            saving.start();
            List<Integer> seen = new ArrayList<>();
            while (saving.isAlive()) {
                int atLeast = committed.get();
                try (SessionStore reader = SessionStore.openReadOnly(data)) {
                    double gain = reader.find(s.id()).orElseThrow().snapshot().path("params").path("mixer/gain").asDouble();
                    assertTrue(gain >= atLeast, "saw save " + gain + " after save " + atLeast + " was committed");
                    // Song i is created just after save i: a reader that saw save g sees songs up to g - 1, perhaps g.
                    int g = (int) gain;
                    int songs = reader.list().size() - 1;
                    assertTrue(songs >= Math.max(0, g - 1) / 10 && songs <= g / 10, songs + " songs beside save " + g);
                    seen.add(g);
                }
            }
            saving.join();
            assertNull(failed.get());
            assertTrue(seen.size() >= 2, "readers opened while the writer saved: " + seen.size());
            try (SessionStore reader = SessionStore.openReadOnly(data)) {
                assertEquals(saves, reader.find(s.id()).orElseThrow().snapshot().path("params").path("mixer/gain").asInt());
            }
        }
        assertFalse(Files.exists(data.resolve(Quarantine.DIR)));
    }

    private Path lastSegment() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve(Journal.DIR))) {
            return files.filter(p -> p.toString().endsWith(".seg")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    /** Half a record after the last one, as a reader sees an append that is under way. */
    private static void appendTornRecord(Path segment) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        int at = (end + SegmentScan.ALIGN - 1) & -SegmentScan.ALIGN;
        ByteBuffer torn = ByteBuffer.allocate(SegmentScan.HEADER + 40);
        torn.putInt(0, 400).putInt(4, 0x12345678).putLong(8, 1_000_000L);
        torn.put(16, RecordType.SESSION.code);
        for (int i = SegmentScan.HEADER; i < torn.capacity(); i++) {
            torn.put(i, (byte) i);
        }
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(torn, at);
        }
    }

    /** Every file and folder under {@code dir} with its size and modification time. */
    private static TreeMap<String, String> listing(Path dir) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.forEach(p -> {
                try {
                    out.put(dir.relativize(p).toString(), (Files.isDirectory(p) ? "dir " : Files.size(p) + " bytes ")
                            + Files.getLastModifiedTime(p).toMillis());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return out;
    }
}
