package dev.encore.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.testing.ShowFolders;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's mirroring hooks, on real folders: what a primary hands out, and what a backup takes and refuses. */
class StoreMirroringTest {
    private static final StoreOptions MIRRORED = StoreOptions.DEFAULTS.asMirrored();

    @TempDir
    Path dir;

    private static ObjectNode snapshot(double gain) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putObject("params").put("gain", gain);
        return n;
    }

    private SessionStore mirrored(String name) {
        return SessionStore.open(dir.resolve(name), Disk.local(), Clock.systemUTC(), MIRRORED);
    }

    @Test
    void theListenerHearsEachRecordAsJournaledWithTheAudioItNames() {
        List<MirroredRecord> heard = new ArrayList<>();
        try (SessionStore store = SessionStore.open(dir.resolve("p"))) {
            store.mirrored().onCommit(heard::add);
            ShowFolders.save(store, "Opener", 0.5, ShowFolders.noise(1, 1000));
            store.rename(store.findByName("Opener").orElseThrow().id(), "First");
            List<MirroredRecord> read = store.mirrored().recordsAfter(0, 100);
            assertEquals(read.size(), heard.size());
            for (int i = 0; i < read.size(); i++) {
                assertEquals(read.get(i).seq(), heard.get(i).seq());
                assertEquals(read.get(i).prevSeq(), heard.get(i).prevSeq());
                assertEquals(read.get(i).typeCode(), heard.get(i).typeCode());
                assertArrayEquals(read.get(i).payload(), heard.get(i).payload());
                assertEquals(read.get(i).assets(), heard.get(i).assets());
            }
            assertEquals(store.findByName("First").orElseThrow().assets(), heard.get(0).assets());
            assertEquals(store.mirrored().lastSeq(), heard.get(heard.size() - 1).seq());
        }
    }

    @Test
    void aFollowingStoreRefusesChangesNamingThePrimaryAndJournalsNoBookkeeping() {
        try (SessionStore backup = mirrored("b")) {
            backup.mirrored().follow("stage-left:7800");
            EncoreException e = assertThrows(EncoreException.class, () -> backup.create("Mine", snapshot(1), Set.of()));
            assertEquals(Reason.BACKUP_READ_ONLY, e.reason());
            assertTrue(e.getMessage().contains("stage-left:7800"), e.getMessage());
            backup.bookkeeping().putMeta("k", "v");
            backup.bookkeeping().putDraft(null, snapshot(2), Set.of());
            assertEquals(0, backup.mirrored().lastSeq(), "nothing journaled");
            assertThrows(EncoreException.class, backup::compact);
            backup.mirrored().lead();
            backup.create("Mine", snapshot(1), Set.of());
            assertEquals(1, backup.list().size());
        }
    }

    @Test
    void aBackupKeepsThePrimarysRecordsVerbatimAndOpensOnItsOwn() {
        List<MirroredRecord> records;
        List<String> names;
        AssetId audio;
        try (SessionStore primary = SessionStore.open(dir.resolve("p"))) {
            ShowFolders.save(primary, "Opener", 0.5, ShowFolders.noise(2, 5000));
            ShowFolders.save(primary, "Ballad", 0.2);
            primary.move(1, 0);
            records = primary.mirrored().recordsAfter(0, 100);
            names = primary.list().stream().map(SessionSummary::name).toList();
            audio = primary.findByName("Opener").orElseThrow().assets().iterator().next();
            try (SessionStore backup = mirrored("b")) {
                backup.blobs().put(ShowFolders.noise(2, 5000));
                for (MirroredRecord r : records) {
                    assertTrue(backup.mirrored().appendMirrored(r));
                }
                assertTrue(backup.mirrored().appendMirrored(records.get(0)), "a record already held is taken again without a write");
                assertEquals(primary.mirrored().lastSeq(), backup.mirrored().lastSeq());
                List<MirroredRecord> kept = backup.mirrored().recordsAfter(0, 100);
                for (int i = 0; i < records.size(); i++) {
                    assertEquals(records.get(i).seq(), kept.get(i).seq());
                    assertArrayEquals(records.get(i).payload(), kept.get(i).payload());
                }
            }
        }
        try (SessionStore alone = SessionStore.open(dir.resolve("b"))) {
            assertEquals(names, alone.list().stream().map(SessionSummary::name).toList());
            alone.blobs().verify(audio);
        }
    }

    @Test
    void aBackupRefusesARecordAfterAGapOrBeforeItsAudioAndChangesNothing() {
        List<MirroredRecord> records;
        try (SessionStore primary = SessionStore.open(dir.resolve("p"))) {
            ShowFolders.save(primary, "Opener", 0.5, ShowFolders.noise(3, 5000));
            ShowFolders.save(primary, "Ballad", 0.2);
            records = primary.mirrored().recordsAfter(0, 100);
        }
        try (SessionStore backup = mirrored("b")) {
            MirroredRecord withAudio = records.stream().filter(r -> !r.assets().isEmpty()).findFirst().orElseThrow();
            assertEquals(0, withAudio.prevSeq());
            EncoreException e = assertThrows(EncoreException.class, () -> backup.mirrored().appendMirrored(withAudio));
            assertEquals(Reason.ASSET_MISSING, e.reason());
            assertEquals(0, backup.mirrored().lastSeq());
            assertFalse(backup.mirrored().appendMirrored(records.get(records.size() - 1)), "a record after a gap is refused");
            assertEquals(0, backup.mirrored().lastSeq());
            assertTrue(backup.list().isEmpty());
        }
    }

    @Test
    void aLeadingStoreTakesNoMirroredRecord() {
        try (SessionStore store = SessionStore.open(dir.resolve("p"))) {
            ShowFolders.save(store, "Opener", 0.5);
            MirroredRecord r = store.mirrored().recordsAfter(0, 1).get(0);
            EncoreException e = assertThrows(EncoreException.class, () -> store.mirrored().appendMirrored(r));
            assertEquals(Reason.BAD_ARGUMENTS, e.reason());
        }
    }
}
