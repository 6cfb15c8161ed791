package dev.encore.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.store.SessionStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The takeover epoch as a journal holds it, and the rules two laptops decide by. */
class EpochTest {
    @TempDir
    Path data;

    @Test
    void anEpochJournaledAsSomethingUnreadableCountsAsNoneOfAnyOrigin() {
        try (SessionStore store = SessionStore.open(data)) {
            store.bookkeeping().putMeta(Epoch.KEY, "three 7 abc");
            assertEquals(new Epoch(0, 0, ""), Epoch.journaled(store));
            store.bookkeeping().putMeta(Epoch.KEY, "2 5 0123456789abcdef");
            assertEquals(new Epoch(2, 5, "0123456789abcdef"), Epoch.journaled(store));
            store.bookkeeping().putMeta(Epoch.KEY, "4 9");
            assertEquals(new Epoch(4, 9, ""), Epoch.journaled(store), "an epoch from before origins were named");
        }
    }

    @Test
    void ofTwoLeadersWithTheSameNumberExactlyOneYields() {
        Epoch a = new Epoch(3, 10, "aaaa");
        Epoch b = new Epoch(3, 12, "bbbb");
        Wire.Status aSays = new Wire.Status(MirrorConfig.Role.PRIMARY, 3, 10, "aaaa", 20, "stage-left");
        Wire.Status bSays = new Wire.Status(MirrorConfig.Role.PRIMARY, 3, 12, "bbbb", 5, "stage-right");
        assertTrue(a.yieldsTo(bSays, "stage-left"));
        assertFalse(b.yieldsTo(aSays, "stage-right"));
        Wire.Status sameOriginOther = new Wire.Status(MirrorConfig.Role.PRIMARY, 3, 10, "aaaa", 20, "stage-right");
        assertTrue(a.yieldsTo(sameOriginOther, "stage-left") != new Epoch(3, 10, "aaaa").yieldsTo(
                new Wire.Status(MirrorConfig.Role.PRIMARY, 3, 10, "aaaa", 20, "stage-left"), "stage-right"),
                "of the same origin, the name decides, and only one side yields");
        assertTrue(a.yieldsTo(new Wire.Status(MirrorConfig.Role.PRIMARY, 4, 0, "", 0, "x"), "stage-left"), "a newer epoch always leads");
    }
}
