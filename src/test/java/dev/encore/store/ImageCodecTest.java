package dev.encore.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCodecTest {
    @TempDir
    Path dir;

    /** A store with every kind of thing an image holds: histories with undo and redo, a deleted session, drafts, meta, stems. */
    private SessionStore richStore() {
        SessionStore store = SessionStore.open(dir);
        AssetId song = store.blobs().put(new byte[] {1, 2, 3, 4});
        AssetId vocals = store.blobs().put(new byte[] {5, 6, 7});
        StoredSession a = store.create("Opener ünïcode", snapshot(1), Set.of(song));
        store.update(a.id(), snapshot(2), Set.of(song, vocals));
        store.update(a.id(), snapshot(3), Set.of(song));
        store.revisions().undo(a.id());
        StoredSession b = store.create("Ballad", snapshot(4), Set.of());
        StoredSession c = store.create("Closer", snapshot(5), Set.of(vocals));
        store.rename(b.id(), "Ballad (slow)");
        store.delete(c.id());
        store.move(1, 0);
        store.bookkeeping().setActive(a.id());
        store.bookkeeping().putDraft(b.id(), snapshot(6), Set.of(vocals));
        store.bookkeeping().putMeta("engine.crashes", "1");
        store.bookkeeping().putCachedStems("stemkey", Map.of("vocals", vocals, "instruments", song));
        return store;
    }

    private static ObjectNode snapshot(double v) {
        ObjectNode s = RecordCodec.JSON.createObjectNode();
        s.putObject("params").put("/mix/gain", v).put("/name", "take " + v);
        s.put("fixture", "demo");
        s.putArray("tracks");
        return s;
    }

    @Test
    void anImageReadsBackAsTheStateItWasWrittenFrom() throws Exception {
        try (SessionStore store = richStore()) {
            StoreState before = store.snapshotForIndex();
            Path image = IndexImage.write(dir, Disk.local(), before);
            StoreState after = IndexImage.read(image);

            assertEquals(before.appliedSeq, after.appliedSeq);
            assertEquals(before.setlist, after.setlist);
            assertEquals(before.active, after.active);
            assertEquals(before.names, after.names);
            assertEquals(before.meta, after.meta);
            assertEquals(before.stems, after.stems);
            assertEquals(before.sizes, after.sizes);
            assertEquals(before.everNamed, after.everNamed);
            assertEquals(before.drafts, after.drafts);
            for (Map<SessionId, SessionHistory> m : List.of(before.sessions, before.deleted)) {
                Map<SessionId, SessionHistory> read = m == before.sessions ? after.sessions : after.deleted;
                assertEquals(m.keySet(), read.keySet());
                for (SessionHistory h : m.values()) {
                    SessionHistory r = read.get(h.id());
                    assertEquals(h.current(), r.current(), "current content of " + h.name());
                    assertEquals(h.revisions(), r.revisions());
                    assertEquals(h.head(), r.head());
                    assertEquals(h.redo(), r.redo());
                    assertEquals(h.deleted(), r.deleted());
                    assertEquals(h.audioBytes(), r.audioBytes());
                }
            }
            assertEquals(List.copyOf(before.deleted.keySet()), List.copyOf(after.deleted.keySet()), "deletion order");
            SessionHistory opener = after.sessions.get(before.active);
            assertEquals(List.of(3), opener.redo(), "the undone revision can be redone");
        }
    }

    @Test
    void aBodyCutShortAnywhereIsRefusedNeverReadAsLess() {
        try (SessionStore store = richStore()) {
            ImageCodec.Encoded body = ImageCodec.encode(store.snapshotForIndex());
            for (int cut = 0; cut < body.state().length; cut++) {
                byte[] part = Arrays.copyOf(body.state(), cut);
                assertThrows(IllegalArgumentException.class, () -> ImageCodec.decode(part, body.snapshots()), "cut at " + cut);
            }
            byte[] longer = Arrays.copyOf(body.state(), body.state().length + 1);
            assertThrows(IllegalArgumentException.class, () -> ImageCodec.decode(longer, body.snapshots()));
            byte[] fewerSnapshots = Arrays.copyOf(body.snapshots(), body.snapshots().length - 1);
            assertThrows(IllegalArgumentException.class, () -> ImageCodec.decode(body.state(), fewerSnapshots));
        }
    }

    @Test
    void anEmptyStoreMakesAnImageToo() throws Exception {
        try (SessionStore store = SessionStore.open(dir)) {
            StoreState read = IndexImage.read(IndexImage.write(dir, Disk.local(), store.snapshotForIndex()));
            assertEquals(0, read.sessions.size());
            assertNull(read.active);
        }
    }
}
