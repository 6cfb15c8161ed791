package dev.encore.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.Reason;
import dev.encore.session.Action;
import dev.encore.session.Result;
import dev.encore.session.SessionRef;
import dev.encore.store.AssetId;
import dev.encore.store.CheckReport;
import dev.encore.store.SessionStore;
import dev.encore.store.SessionSummary;
import dev.encore.store.StoredSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two engines on loopback, each with its own data folder, mirrored over real JGroups channels. */
class MirrorTest {
    @TempDir
    Path root;

    private Laptop left;
    private Laptop right;

    @AfterEach
    void stop() {
        if (right != null) {
            right.close();
        }
        if (left != null) {
            left.close();
        }
    }

    private void pair() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        left.start(MirrorConfig.Role.PRIMARY, right, false);
        right.start(MirrorConfig.Role.BACKUP, left, false);
        Laptop.until("the primary sees its backup", () -> !left.mirror.backups().isEmpty());
    }

    @Test
    void everyKindOfCommitOnThePrimaryIsOnTheBackupEqualWithItsAudio() throws Exception {
        pair();
        Path song = left.wav("song.wav", 2.0, 440);
        left.ok(new Action.ImportTrack(song, null, null));
        left.engine.live().param("/gain").set(0.7);
        left.ok(new Action.Save("Opener"));
        left.engine.live().param("/gain").set(0.3);
        left.ok(new Action.SaveCopy("Ballad"));
        left.ok(new Action.Rename("Slow Ballad", new SessionRef.ByName("Ballad")));
        left.ok(new Action.SaveCopy("Encore"));
        left.ok(new Action.Move(3, 1));
        left.ok(new Action.Delete(new SessionRef.ByName("Slow Ballad"), true));
        left.ok(new Action.Undelete());
        left.engine.live().param("/gain").set(0.9);
        left.ok(new Action.Save(null));
        left.ok(new Action.Undo());
        left.mirroredTo(right);

        assertEquals(summaries(left.store()), summaries(right.store()));
        for (SessionSummary s : left.store().list()) {
            StoredSession mine = left.store().find(s.id()).orElseThrow();
            StoredSession theirs = right.store().find(s.id()).orElseThrow();
            assertEquals(mine.snapshot().toString(), theirs.snapshot().toString(), s.name());
            assertEquals(mine.assets(), theirs.assets(), s.name());
            assertEquals(left.store().history(s.id()).size(), right.store().history(s.id()).size(), s.name());
        }
        Set<AssetId> audio = left.store().list().stream().flatMap(s -> left.store().find(s.id()).orElseThrow().assets().stream())
                .collect(Collectors.toSet());
        assertFalse(audio.isEmpty(), "the imported track's audio is in the sessions");
        audio.forEach(id -> right.store().blobs().verify(id));
        Laptop.until("the primary said mirrored", () -> MirrorEvents.MIRRORED.equals(left.lastState()));

        // The backup's folder is a normal Encore data folder on its own.
        Path backupData = right.data;
        right.close();
        right = null;
        try (SessionStore alone = SessionStore.open(backupData)) {
            assertEquals(summaries(left.store()), summaries(alone));
            CheckReport check = alone.check(f -> { });
            assertTrue(check.problems().isEmpty(), check.problems().toString());
            assertEquals(audio.size(), check.checked());
        }
    }

    @Test
    void aBackupThatStartsLateCatchesUpWhileThePrimaryKeepsSaving() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        left.start(MirrorConfig.Role.PRIMARY, right, false);
        for (int i = 1; i <= 20; i++) {
            left.engine.live().param("/gain").set(i / 20.0);
            left.ok(i == 1 ? new Action.Save("Song 1") : new Action.SaveCopy("Song " + i));
        }
        left.ok(new Action.ImportTrack(left.wav("late.wav", 1.0, 220), null, null));
        left.ok(new Action.Save(null));
        Laptop.until("the primary says no backup", () -> MirrorEvents.NO_BACKUP.equals(left.lastState()));

        right.start(MirrorConfig.Role.BACKUP, left, false);
        left.ok(new Action.SaveCopy("Written during the catch-up"));
        left.mirroredTo(right);
        assertEquals(summaries(left.store()), summaries(right.store()));
        assertEquals(21, right.store().list().size());
        right.store().find(left.store().active().orElseThrow()).orElseThrow().assets().forEach(id -> right.store().blobs().verify(id));
        Laptop.until("the primary said mirrored", () -> MirrorEvents.MIRRORED.equals(left.lastState()));
        assertTrue(left.states.contains(MirrorEvents.BEHIND) || right.states.contains(MirrorEvents.BEHIND),
                "the catch-up was reported as behind: " + left.states + " / " + right.states);
        assertEquals(1.0, left.progress.get(left.progress.size() - 1));
    }

    @Test
    void theBackupRefusesWritesNamingThePrimaryAndStillReadsAndPreviews() throws Exception {
        pair();
        left.engine.live().param("/gain").set(0.5);
        left.ok(new Action.Save("Opener"));
        left.mirroredTo(right);
        int before = right.store().list().size();
        long seq = right.store().lastSeq();

        for (Action write : List.of(new Action.Save("Mine"), new Action.SaveCopy("Copy"),
                new Action.Rename("Other", new SessionRef.ByName("Opener")), new Action.Delete(new SessionRef.ByName("Opener"), true),
                new Action.Move(1, 1), new Action.Undelete(), new Action.ImportBundle(java.nio.file.Path.of("show.encore.zip")))) {
            Result r = right.run(write);
            Result.Error e = (Result.Error) r;
            assertEquals(Reason.BACKUP_READ_ONLY, e.reason(), write.toString());
            assertTrue(e.message().contains("left"), "names the primary: " + e.message());
        }
        assertEquals(before, right.store().list().size());
        assertEquals(seq, right.store().lastSeq(), "the backup journaled nothing of its own");

        Result.Listed list = assertInstanceOf(Result.Listed.class, right.ok(new Action.ListSessions()));
        assertEquals(1, list.sessions().size());
        right.ok(new Action.Open(new SessionRef.ByName("Opener")));
        assertEquals(0.5, (double) right.engine.live().param("/gain").get(), 1e-9);
        right.ok(new Action.Sync());
    }

    @Test
    void takeoverOpensTheLastActiveSessionWithItsDraftAndAcceptsEverything() throws Exception {
        pair();
        left.engine.live().param("/gain").set(0.4);
        left.ok(new Action.Save("Opener"));
        left.engine.live().param("/gain").set(0.6);
        left.ok(new Action.SaveCopy("Second"));
        left.engine.live().param("/gain").set(0.66);
        Laptop.until("the draft of Second is mirrored", () -> right.store().draft(left.store().active().orElseThrow()).isPresent());
        left.mirroredTo(right);
        Result early = right.run(new Action.Save("too soon"));
        assertEquals(Reason.BACKUP_READ_ONLY, ((Result.Error) early).reason());

        left.close();
        left = null;
        Laptop.until("the backup says primary lost", () -> MirrorEvents.PRIMARY_LOST.equals(right.lastState()));
        String said = right.mirror.takeover();
        assertTrue(said.contains("Second"), said);
        assertTrue(right.mirror.isPrimary());
        Laptop.until("the draft is live", () -> Math.abs(right.engine.live().param("/gain").get() - 0.66) < 1e-9);
        right.ok(new Action.Save(null));
        right.ok(new Action.SaveCopy("After takeover"));
        assertEquals(List.of("Opener", "Second", "After takeover"),
                right.store().list().stream().map(SessionSummary::name).toList());
    }

    @Test
    void theOldPrimaryRejoinsAsBackupAndItsUnmirroredSaveIsKeptAsACopy() throws Exception {
        pair();
        left.engine.live().param("/gain").set(0.4);
        left.ok(new Action.Save("Opener"));
        left.mirroredTo(right);
        Laptop stopped = left;
        left.close();
        left = null;
        Laptop.until("the backup says primary lost", () -> MirrorEvents.PRIMARY_LOST.equals(right.lastState()));
        right.mirror.takeover();
        right.engine.live().param("/gain").set(0.8);
        right.ok(new Action.SaveCopy("New primary's song"));

        // The old primary's folder gets a save the new primary never saw (made while the two were apart).
        try (SessionStore apart = SessionStore.open(stopped.data)) {
            dev.encore.testing.ShowFolders.save(apart, "Written apart", 0.1, dev.encore.testing.ShowFolders.noise(7, 4096));
        }
        left = stopped.again();
        left.start(MirrorConfig.Role.PRIMARY, right, false);
        Laptop.until("the old primary steps down", () -> !left.mirror.isPrimary());
        assertTrue(right.mirror.isPrimary());
        Laptop.until("the copy is on the new primary", () -> right.store().findByName("Written apart (left)").isPresent());
        StoredSession copy = right.store().findByName("Written apart (left)").orElseThrow();
        copy.assets().forEach(id -> right.store().blobs().verify(id));
        assertTrue(left.store().findByName("Written apart").isPresent(), "the old primary's folder keeps its own save");
        Result r = left.run(new Action.Save("refused"));
        assertEquals(Reason.BACKUP_READ_ONLY, ((Result.Error) r).reason());
    }

    @Test
    void theOldPrimaryWithNothingNewRejoinsAsBackupAndReceivesTheNewPrimarysSaves() throws Exception {
        pair();
        left.engine.live().param("/gain").set(0.4);
        left.ok(new Action.Save("Opener"));
        left.mirroredTo(right);
        Laptop stopped = left;
        left.close();
        left = null;
        Laptop.until("the backup says primary lost", () -> MirrorEvents.PRIMARY_LOST.equals(right.lastState()));
        right.mirror.takeover();
        right.ok(new Action.SaveCopy("New primary's song"));

        left = stopped.again();
        left.start(MirrorConfig.Role.PRIMARY, right, false);
        Laptop.until("the old primary steps down", () -> !left.mirror.isPrimary());
        right.ok(new Action.SaveCopy("Later still"));
        right.mirroredTo(left);
        assertEquals(summaries(right.store()), summaries(left.store()));
    }

    private static List<String> summaries(SessionStore store) {
        return store.list().stream().map(s -> s.position() + " " + s.name() + " " + s.id() + " " + s.hasDraft()).toList();
    }
}
