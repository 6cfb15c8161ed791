package dev.encore.store;

import static dev.encore.store.StoreFixtures.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read of the store started ahead of its open: the open finishes it, or it lets go of the folder. */
class StoreReadAheadTest {
    @TempDir
    Path data;

    /** Three sessions, one saved twice, the second active, then a clean close; plus one save after the last image. */
    private List<SessionId> stage() {
        try (SessionStore store = SessionStore.open(data)) {
            StoredSession a = store.create("Opener", params(0.1), Set.of());
            StoredSession b = store.create("Ballad", params(0.2), Set.of());
            store.create("Encore", params(0.3), Set.of());
            store.update(b.id(), params(0.25), Set.of());
            store.bookkeeping().setActive(b.id());
            return List.of(a.id(), b.id());
        }
    }

    @Test
    void theOpenAfterAReadAheadHasEverySessionAndKeepsWorking() {
        List<SessionId> ids = stage();
        StoreReadAhead ahead = StoreReadAhead.start(data);
        try (SessionStore store = SessionStore.open(data, Disk.local(), Clock.systemUTC(), StoreOptions.DEFAULTS)) {
            assertEquals(3, store.setlist().size());
            assertEquals(ids.get(1), store.bookkeeping().active().orElseThrow());
            assertEquals(0.25, store.find(ids.get(1)).orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
            store.update(ids.get(0), params(0.15), Set.of());
            ahead.close(); // taken by the open: nothing to let go of, and the store stays open
            store.update(ids.get(0), params(0.16), Set.of());
        }
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(0.16, store.find(ids.get(0)).orElseThrow().snapshot().path("params").path("mixer/gain").asDouble());
            assertEquals(2, store.revisions().history(ids.get(0)).size() - 1, "the two saves after the read-ahead are revisions");
        }
    }

    @Test
    void aReadAheadNoOpenTakesLetsGoOfTheFolderWhenClosed() {
        stage();
        StoreReadAhead ahead = StoreReadAhead.start(data);
        ahead.close();
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(3, store.setlist().size());
        }
    }

    @Test
    void aFolderAnotherStoreHoldsFailsTheOpenWithBusyAsWithoutTheReadAhead() {
        stage();
        try (SessionStore holder = SessionStore.open(data)) {
            StoreReadAhead.start(data);
            EncoreException refused = assertThrows(EncoreException.class, () -> SessionStore.open(data));
            assertEquals(Reason.BUSY, refused.reason());
            assertEquals(3, holder.setlist().size());
        }
        try (SessionStore store = SessionStore.open(data)) {
            assertEquals(3, store.setlist().size(), "the failed read-ahead was taken by the failed open and holds nothing");
        }
    }

    @Test
    void aFolderWithoutAStoreIsNotReadAheadAndNothingIsCreated() {
        Path empty = data.resolve("new show");
        assertNull(StoreReadAhead.start(empty));
        assertTrue(Files.notExists(empty));
    }
}
