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
import dev.encore.testing.ShowFolders;
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
    private Laptop third;

    @AfterEach
    void stop() {
        if (third != null) {
            third.close();
        }
        if (right != null) {
            right.close();
        }
        if (left != null) {
            left.close();
        }
    }

    /** A pair whose primary saved "Opener" with gain {@code gain}, held by the backup. */
    private void pairWithOpenerMirrored(double gain) throws Exception {
        pair();
        left.savesOpenerMirroredTo(right, gain);
    }

    /** Left primary and right backup, each reaching the other through a relay that can cut the link; "Opener" mirrored. */
    private void relayedPairWithOpenerMirrored(TcpRelay toLeft, TcpRelay toRight) {
        left.startReachedAt(MirrorConfig.Role.PRIMARY, toLeft.address(), toRight.address());
        right.startReachedAt(MirrorConfig.Role.BACKUP, toRight.address(), toLeft.address());
        Laptop.until("the primary sees its backup", () -> !left.mirror.backups().isEmpty());
        left.engine.live().param("/gain").set(0.4);
        left.ok(new Action.Save("Opener"));
        left.mirroredTo(right);
    }

    private void pair() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        Laptop.startPair(left, right, false);
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
            assertEquals(left.store().revisions().history(s.id()).size(), right.store().revisions().history(s.id()).size(), s.name());
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
            CheckReport check = alone.upkeep().check(f -> { });
            assertTrue(check.problems().isEmpty(), check.problems().toString());
            assertEquals(audio.size(), check.checked());
        }
    }

    @Test
    void audioTheBackupLostAfterSayingItHeldItIsSentAgainWithTheNextSave() throws Exception {
        pair();
        left.ok(new Action.ImportTrack(left.wav("song.wav", 1.0, 440), null, null));
        left.engine.live().param("/gain").set(0.5);
        left.ok(new Action.Save("Opener"));
        left.mirroredTo(right);
        Set<AssetId> audio = left.store().findByName("Opener").orElseThrow().assets();
        assertFalse(audio.isEmpty());
        AssetId lost = audio.iterator().next();
        right.store().blobs().verify(lost);
        try (var files = java.nio.file.Files.walk(right.data.resolve("blobs"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().equals(lost.hex())).toList()) {
                java.nio.file.Files.delete(f); // a careless hand in the backup's folder
            }
        }
        assertFalse(right.store().blobs().exists(lost));

        left.engine.live().param("/gain").set(0.6);
        left.ok(new Action.Save(null));
        left.mirroredTo(right);
        right.store().blobs().verify(lost);
        assertEquals(0.6, right.store().findByName("Opener").orElseThrow().snapshot().path("params").path("/gain").asDouble(), 1e-9);
        Laptop.until("the primary says mirrored", () -> MirrorEvents.MIRRORED.equals(left.lastState()));
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
        right.store().find(left.store().bookkeeping().active().orElseThrow()).orElseThrow().assets().forEach(id -> right.store().blobs().verify(id));
        Laptop.until("the primary said mirrored", () -> MirrorEvents.MIRRORED.equals(left.lastState()));
        assertTrue(left.states.contains(MirrorEvents.BEHIND) || right.states.contains(MirrorEvents.BEHIND),
                "the catch-up was reported as behind: " + left.states + " / " + right.states);
        assertEquals(1.0, left.progress.get(left.progress.size() - 1));
    }

    @Test
    void requestsThatAreNotRecordsOfThisPrimaryAreAnsweredWithWhyAndChangeNothing() throws Exception {
        pairWithOpenerMirrored(0.5);
        long held = right.store().mirrored().lastSeq();
        JGroupsLink.Peer backup = left.mirror.link().peers().get(0);
        JGroupsLink.Peer primary = right.mirror.link().peers().get(0);

        assertFailed(left.mirror.link().ask(backup, new byte[] {99}), "unknown request 99; both laptops need the same version");
        assertFailed(left.mirror.link().ask(backup, new byte[] {Wire.RECORD, 0, 0}), "unreadable request");
        assertFailed(left.mirror.link().ask(backup, new byte[0]), "unreadable request");
        assertFailed(left.mirror.link().ask(backup, shipped(held, 42, new byte[] {'{', '}'})), "type 42");
        assertFailed(left.mirror.link().ask(backup, shipped(held, SESSION_RECORD, new byte[] {(byte) 0xBF, 1, 2})),
                "cannot be read");
        byte[] gap = left.mirror.link().ask(backup, Wire.record(new Wire.Shipped(
                new dev.encore.store.MirroredRecord(held + 5, held + 6, SESSION_RECORD, new byte[] {'{', '}'}, Set.of()),
                held + 6)));
        java.io.DataInputStream gapAnswer = Wire.reader(gap);
        assertEquals(Wire.GAP, gapAnswer.readByte());
        assertEquals(held, gapAnswer.readLong(), "a gap is answered with what the backup holds");
        assertFailed(right.mirror.link().ask(primary, shipped(left.store().mirrored().lastSeq(), SESSION_RECORD,
                new byte[] {'{', '}'})), "is a primary");

        assertEquals(held, right.store().mirrored().lastSeq(), "nothing was journaled on the backup");
        assertEquals(summaries(left.store()), summaries(right.store()));
        left.engine.live().param("/gain").set(0.25);
        left.ok(new Action.Save(null));
        left.mirroredTo(right);
        assertEquals(0.25, right.store().findByName("Opener").orElseThrow().snapshot().path("params").path("/gain").asDouble(), 1e-9,
                "the backup still takes the primary's records after all that");
    }

    /** The journal's type code of a session record. */
    private static final int SESSION_RECORD = 1;

    private static byte[] shipped(long prevSeq, int type, byte[] payload) {
        return Wire.record(new Wire.Shipped(new dev.encore.store.MirroredRecord(prevSeq, prevSeq + 1, type, payload, Set.of()), prevSeq + 1));
    }

    private static void assertFailed(byte[] answer, String says) throws java.io.IOException {
        java.io.DataInputStream in = Wire.reader(answer);
        assertEquals(Wire.FAILED, in.readByte(), "answered as a failure");
        String why = in.readUTF();
        assertTrue(why.contains(says), why);
    }

    @Test
    void theBackupRefusesWritesNamingThePrimaryAndStillReadsAndPreviews() throws Exception {
        pairWithOpenerMirrored(0.5);
        int before = right.store().list().size();
        long seq = right.store().mirrored().lastSeq();

        for (Action write : List.of(new Action.Save("Mine"), new Action.SaveCopy("Copy"),
                new Action.Rename("Other", new SessionRef.ByName("Opener")), new Action.Delete(new SessionRef.ByName("Opener"), true),
                new Action.Move(1, 1), new Action.Undelete(), new Action.ImportBundle(java.nio.file.Path.of("show.encore.zip")))) {
            Result r = right.run(write);
            Result.Error e = (Result.Error) r;
            assertEquals(Reason.BACKUP_READ_ONLY, e.reason(), write.toString());
            assertTrue(e.message().contains("left"), "names the primary: " + e.message());
        }
        assertEquals(before, right.store().list().size());
        assertEquals(seq, right.store().mirrored().lastSeq(), "the backup journaled nothing of its own");

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
        Laptop.until("the draft of Second is mirrored", () -> right.store().bookkeeping().draft(left.store().bookkeeping().active().orElseThrow()).isPresent());
        left.mirroredTo(right);
        Result early = right.run(new Action.Save("too soon"));
        assertEquals(Reason.BACKUP_READ_ONLY, ((Result.Error) early).reason());

        left.close();
        left = null;
        Laptop.until("the backup says primary lost", () -> MirrorEvents.PRIMARY_LOST.equals(right.lastState()));
        right.engine.live().param("/gain").set(0.9); // a trigger sent to both laptops, on the backup's own untitled state
        String said = right.mirror.takeover();
        assertTrue(said.contains("Opened 'Second'"), said);
        assertTrue(right.mirror.isPrimary());
        assertEquals(0.66, right.engine.live().param("/gain").get(), 1e-9, "the answer comes once the primary's draft is on stage");
        assertEquals(List.of("Opener", "Second"), right.store().list().stream().map(SessionSummary::name).toList(),
                "the backup's own unsaved state is not saved as a session of its own");
        right.engine.live().param("/gain").set(0.7);
        right.ok(new Action.Save(null));
        assertEquals(0.7, right.store().find(right.store().bookkeeping().active().orElseThrow()).orElseThrow().snapshot()
                .path("params").path("/gain").asDouble(), 1e-9, "a change after the answer lands in the session taken over");
        right.ok(new Action.SaveCopy("After takeover"));
        assertEquals(List.of("Opener", "Second", "After takeover"),
                right.store().list().stream().map(SessionSummary::name).toList());
    }

    @Test
    void whileATakenOverSessionComesOnStageTheMirrorsThreadAnswersASecondPressAtOnce() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        java.util.concurrent.CountDownLatch restoring = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch restored = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean slowHost = new java.util.concurrent.atomic.AtomicBoolean();
        right.host = (snapshot, audio) -> {
            if (slowHost.get()) { // the host loads the song taken over into its players: it takes a while
                restoring.countDown();
                try {
                    restored.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Laptop.startPair(left, right, false);
        left.savesOpenerMirroredTo(right, 0.4);
        left.close();
        left = null;
        Laptop.until("the backup says primary lost", () -> MirrorEvents.PRIMARY_LOST.equals(right.lastState()));

        slowHost.set(true);
        java.util.concurrent.CompletableFuture<String> first = right.mirror.takeoverLater();
        try {
            assertTrue(restoring.await(10, java.util.concurrent.TimeUnit.SECONDS), "the session taken over is coming on stage");
            String second;
            try {
                second = right.mirror.takeoverLater().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("a second press waited for the first one's session to come on stage");
            }
            assertEquals("This laptop is the primary already.", second);
            assertTrue(right.mirror.isPrimary());
            assertFalse(first.isDone(), "the first press still brings its session on stage");
        } finally {
            restored.countDown();
        }
        String said = first.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(said.startsWith("This laptop is now the primary.") && said.contains("Opened 'Opener'"), said);
    }

    /** Waits until the restarted left follows right; a failure says what each laptop's transport is connected to. */
    private void oldPrimaryStepsDown() {
        try {
            Laptop.until("the old primary steps down", () -> !left.mirror.isPrimary());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; left sees " + left.mirror.link().peers() + ", connections "
                    + left.mirror.link().connections() + "; right sees " + right.mirror.link().peers() + ", connections "
                    + right.mirror.link().connections(), e);
        }
    }

    /** Left saves "Opener" and has it mirrored, then stops; right sees it lost and takes over. Returns the stopped left. */
    private Laptop primarySavesStopsAndTheBackupTakesOver() throws Exception {
        pairWithOpenerMirrored(0.4);
        Laptop stopped = left;
        left.close();
        left = null;
        Laptop.until("the backup says primary lost", () -> MirrorEvents.PRIMARY_LOST.equals(right.lastState()));
        right.mirror.takeover();
        return stopped;
    }

    @Test
    void aTakeoverAskedOfAMirrorThatIsStoppingIsRefusedAndTakesNothingOver() throws Exception {
        pairWithOpenerMirrored(0.3);
        Mirror backup = right.mirror;
        left.close();
        left = null;
        Laptop.until("the backup sees its primary gone", () -> backup.link().peers().isEmpty());
        long records = right.store().mirrored().lastSeq();
        backup.close();
        right.mirror = null;
        dev.encore.EncoreException refused = org.junit.jupiter.api.Assertions.assertThrows(dev.encore.EncoreException.class, backup::takeover);
        assertEquals(Reason.BUSY, refused.reason());
        assertTrue(refused.getMessage().contains("mirror is stopping"), refused.getMessage());
        assertFalse(backup.isPrimary());
        assertEquals(records, right.store().mirrored().lastSeq(), "no takeover epoch was journaled");
    }

    @Test
    void theOldPrimaryRejoinsAsBackupAndItsUnmirroredSaveIsKeptAsACopy() throws Exception {
        Laptop stopped = primarySavesStopsAndTheBackupTakesOver();
        right.engine.live().param("/gain").set(0.8);
        right.ok(new Action.SaveCopy("New primary's song"));

        // The old primary's folder gets a save the new primary never saw (made while the two were apart).
        try (SessionStore apart = SessionStore.open(stopped.data)) {
            ShowFolders.save(apart, "Written apart", 0.1, ShowFolders.noise(7, 4096));
            StoredSession written = apart.findByName("Written apart").orElseThrow();
            com.fasterxml.jackson.databind.node.ObjectNode typed = written.snapshot().deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) typed.path("params")).put("/blob", new byte[] {1, 2, 3}).put("/nan", Double.NaN);
            apart.update(written.id(), typed, written.assets());
        }
        left = stopped.again();
        left.start(MirrorConfig.Role.PRIMARY, right, false);
        oldPrimaryStepsDown();
        assertTrue(right.mirror.isPrimary());
        Laptop.until("the copy is on the new primary", () -> right.store().findByName("Written apart (left)").isPresent());
        StoredSession copy = right.store().findByName("Written apart (left)").orElseThrow();
        copy.assets().forEach(id -> right.store().blobs().verify(id));
        assertTrue(copy.snapshot().path("params").path("/blob").isBinary(), "bytes arrive as bytes: " + copy.snapshot().path("params"));
        assertTrue(Double.isNaN(copy.snapshot().path("params").path("/nan").doubleValue())
                && copy.snapshot().path("params").path("/nan").isNumber(), "NaN arrives as a number");
        Result r = left.run(new Action.Save("refused"));
        assertEquals(Reason.BACKUP_READ_ONLY, ((Result.Error) r).reason());

        // Its own journal is kept aside, and it mirrors the new primary from the first record.
        Laptop.until("the old primary holds what the new one holds", () -> summaries(left.store()).equals(summaries(right.store())));
        right.engine.live().param("/gain").set(0.6);
        right.ok(new Action.SaveCopy("After the rejoin"));
        right.mirroredTo(left);
        assertEquals(summaries(right.store()), summaries(left.store()));
        assertEquals(List.of("Opener", "New primary's song", "Written apart (left)", "After the rejoin"),
                left.store().list().stream().map(SessionSummary::name).toList());
        StoredSession copyOnLeft = left.store().findByName("Written apart (left)").orElseThrow();
        copyOnLeft.assets().forEach(id -> left.store().blobs().verify(id));
        // A hand-over repeated (the old primary crashed before it started over) keeps no second copy.
        byte[] again = left.mirror.link().ask(left.mirror.link().peers().get(0), Wire.copy(new Wire.Copy("Written apart (left)",
                dev.encore.store.Imports.encodeSnapshot(copy.snapshot()), copy.assets())));
        assertEquals(Wire.OK, again[0]);
        assertEquals(summaries(right.store()), summaries(left.store()));
        assertTrue(right.store().findByName("Written apart (left) (2)").isEmpty(), "no second copy");
        List<Path> aside;
        try (var files = java.nio.file.Files.list(left.data)) {
            aside = files.filter(f -> f.getFileName().toString().startsWith("diverged-")).toList();
        }
        assertEquals(1, aside.size(), "the old journal is kept in one diverged- folder");
        left.close();
        left = null;
        try (SessionStore own = SessionStore.open(aside.get(0))) {
            assertTrue(own.findByName("Written apart").isPresent(), "the kept folder opens with the laptop's own save in it");
        }
    }

    @Test
    void theOldPrimaryWithNothingNewRejoinsAsBackupAndReceivesTheNewPrimarysSaves() throws Exception {
        Laptop stopped = primarySavesStopsAndTheBackupTakesOver();
        right.ok(new Action.SaveCopy("New primary's song"));

        left = stopped.again();
        left.start(MirrorConfig.Role.PRIMARY, right, false);
        oldPrimaryStepsDown();
        assertTrue(right.mirror.link().connections().contains(":" + left.port), "the connections name the other laptop's port: "
                + right.mirror.link().connections());
        right.ok(new Action.SaveCopy("Later still"));
        right.mirroredTo(left);
        assertEquals(summaries(right.store()), summaries(left.store()));
    }

    @Test
    void threeLaptopsBothBackupsHoldEverySaveAndAfterATakeoverTheOtherBackupFollowsTheNewPrimary() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        third = Laptop.create("third", root);
        left.start(MirrorConfig.Role.PRIMARY, List.of(right, third), false);
        right.start(MirrorConfig.Role.BACKUP, List.of(left, third), false);
        third.start(MirrorConfig.Role.BACKUP, List.of(left, right), false);
        Laptop.until("the primary sees both backups", () -> left.mirror.backups().size() == 2);
        left.ok(new Action.ImportTrack(left.wav("three.wav", 1.0, 330), null, null));
        left.ok(new Action.Save("Opener"));
        left.mirroredTo(right);
        left.mirroredTo(third);
        assertEquals(summaries(left.store()), summaries(right.store()));
        assertEquals(summaries(left.store()), summaries(third.store()));
        third.store().find(left.store().bookkeeping().active().orElseThrow()).orElseThrow().assets().forEach(id -> third.store().blobs().verify(id));

        left.close();
        left = null;
        Laptop.until("both backups say primary lost", () -> MirrorEvents.PRIMARY_LOST.equals(right.lastState())
                && MirrorEvents.PRIMARY_LOST.equals(third.lastState()));
        right.mirror.takeover();
        right.ok(new Action.SaveCopy("After takeover"));
        right.mirroredTo(third);
        assertEquals(summaries(right.store()), summaries(third.store()));
        assertFalse(third.mirror.isPrimary());
        Result refused = third.run(new Action.Save("mine"));
        assertTrue(((Result.Error) refused).message().contains("right"), "names the new primary: " + refused);

        // The group changes again (everyone is asked anew): the backup that now holds records past the
        // takeover point, all of them the new primary's, is still one it mirrors to.
        right.mirror.members().refresh(right.mirror.link().peers());
        right.engine.live().param("/gain").set(0.3);
        right.ok(new Action.SaveCopy("After the group changed"));
        right.mirroredTo(third);
        assertEquals(summaries(right.store()), summaries(third.store()));
    }

    @Test
    void aNetworkCutShowsNoBackupWithinTheDetectionTimeAndHealsWhenTheConnectionReturns() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        try (TcpRelay toLeft = new TcpRelay(left.port); TcpRelay toRight = new TcpRelay(right.port)) {
            relayedPairWithOpenerMirrored(toLeft, toRight);
            Laptop.until("the primary said mirrored", () -> MirrorEvents.MIRRORED.equals(left.lastState()));

            toLeft.cut();
            toRight.cut();
            long cut = System.nanoTime();
            Laptop.until("the primary says no backup", () -> MirrorEvents.NO_BACKUP.equals(left.lastState()));
            long tookMs = (System.nanoTime() - cut) / 1_000_000;
            System.out.println("no backup shown " + tookMs + " ms after the cut (detection " + Laptop.DETECTION_MS + " ms)");
            assertTrue(tookMs <= Laptop.DETECTION_MS + 1000, "no backup only " + tookMs + " ms after the cut");
            left.engine.live().param("/gain").set(0.6);
            left.ok(new Action.SaveCopy("While apart"));
            assertEquals(1, right.store().list().size(), "nothing crossed the cut");
            assertFalse(right.mirror.isPrimary(), "a backup with takeover: manual waits for the button");

            toLeft.restore();
            toRight.restore();
            left.mirroredTo(right);
            Laptop.until("the primary says mirrored again", () -> MirrorEvents.MIRRORED.equals(left.lastState()));
            assertEquals(summaries(left.store()), summaries(right.store()));
            left.ok(new Action.SaveCopy("After the cut"));
            left.mirroredTo(right);
            assertEquals(3, right.store().list().size());
        }
    }

    @Test
    void aPrimaryThatComesBackBeforeAnyNewSaveIsNoLongerLostForItsBackup() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        try (TcpRelay toLeft = new TcpRelay(left.port); TcpRelay toRight = new TcpRelay(right.port)) {
            relayedPairWithOpenerMirrored(toLeft, toRight);

            toLeft.cut();
            toRight.cut();
            Laptop.until("the backup says primary lost", () -> MirrorEvents.PRIMARY_LOST.equals(right.lastState()));
            toLeft.restore();
            toRight.restore();
            Laptop.until("the primary has its backup again", () -> !left.mirror.backups().isEmpty());
            Laptop.until("the backup no longer says primary lost", () -> !MirrorEvents.PRIMARY_LOST.equals(right.lastState()));
            assertEquals(MirrorEvents.MIRRORED, right.lastState(), "it holds everything the primary holds: " + right.states);
            dev.encore.EncoreException refused = org.junit.jupiter.api.Assertions.assertThrows(dev.encore.EncoreException.class,
                    () -> right.mirror.takeover(), "a takeover while the primary runs is refused");
            assertEquals(Reason.BUSY, refused.reason());
            assertTrue(left.mirror.isPrimary() && !right.mirror.isPrimary());
        }
    }

    @Test
    void withTakeoverAutoTheBackupTakesOverByItselfAfterTheDelayAndAcceptsSaves() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        Laptop.startPair(left, right, true);
        left.savesOpenerMirroredTo(right, 0.4);
        assertFalse(right.mirror.isPrimary(), "a backup whose primary runs does not take over");

        left.close();
        left = null;
        Laptop.until("the backup says primary lost", () -> right.states.contains(MirrorEvents.PRIMARY_LOST));
        int lost = right.states.indexOf(MirrorEvents.PRIMARY_LOST);
        Laptop.until("the backup takes over by itself", () -> right.mirror.isPrimary());
        // As the new primary it says no backup at once: the moment it took over.
        Laptop.until("the new primary says no backup", () -> right.states.subList(lost, right.states.size()).contains(MirrorEvents.NO_BACKUP));
        int led = right.states.subList(lost, right.states.size()).indexOf(MirrorEvents.NO_BACKUP) + lost;
        long tookMs = (right.statesAtNs.get(led) - right.statesAtNs.get(lost)) / 1_000_000;
        assertTrue(tookMs >= Laptop.TAKEOVER_DELAY_MS, "took over " + tookMs + " ms after primary lost, before the delay");
        assertTrue(tookMs <= Laptop.TAKEOVER_DELAY_MS + 2000, "took over only " + tookMs + " ms after primary lost");
        right.engine.live().param("/gain").set(0.9);
        right.ok(new Action.SaveCopy("After the automatic takeover"));
        assertEquals(List.of("Opener", "After the automatic takeover"), right.store().list().stream().map(SessionSummary::name).toList());
    }

    /**
     * Both laptops restarted after a takeover, the old primary first: it leads alone until the one
     * that took over (the newer epoch) starts, still answering "starting" when the old one first asks.
     * The newest epoch leads: the old primary steps down without waiting for the group to change.
     */
    @Test
    void bothRestartedTheOldPrimaryFirstStepsDownToTheNewerOneThatWasStillStartingWhenItFirstAsked() throws Exception {
        Laptop oldPrimary = primarySavesStopsAndTheBackupTakesOver();
        right.engine.live().param("/gain").set(0.5);
        right.ok(new Action.SaveCopy("After the takeover"));
        Laptop newPrimary = right;
        right.close();
        right = null;

        left = oldPrimary.again();
        left.start(MirrorConfig.Role.PRIMARY, newPrimary, false);
        assertTrue(left.mirror.isPrimary(), "alone, the old primary leads");
        right = newPrimary.again();
        right.start(MirrorConfig.Role.PRIMARY, left, false);
        assertTrue(right.mirror.isPrimary(), "the newer epoch leads");
        oldPrimaryStepsDown();
        Laptop.until("the newer primary sees its backup", () -> !right.mirror.backups().isEmpty());
        right.engine.live().param("/gain").set(0.3);
        right.ok(new Action.SaveCopy("After both restarts"));
        right.mirroredTo(left);
        assertEquals(summaries(right.store()), summaries(left.store()));
        assertEquals(List.of("Opener", "After the takeover", "After both restarts"),
                left.store().list().stream().map(SessionSummary::name).toList());
    }

    @Test
    void aLaptopWithFewerRecordsOfItsOwnStartedAsBackupHandsThemOverAndThenMirrorsThePrimaryWhole() throws Exception {
        aLaptopWithSessionsOfItsOwnStartedAsBackup(1, 4);
    }

    @Test
    void aLaptopWithMoreRecordsOfItsOwnStartedAsBackupHandsThemOverAndThenMirrorsThePrimaryWhole() throws Exception {
        aLaptopWithSessionsOfItsOwnStartedAsBackup(6, 1);
    }

    /**
     * A laptop that was used on its own (last tour's show, standalone) is started as the backup of a
     * primary with a journal of its own: its records are not the primary's, whatever their numbers.
     */
    private void aLaptopWithSessionsOfItsOwnStartedAsBackup(int backupSaves, int primarySaves) throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        try (SessionStore own = SessionStore.open(right.data)) {
            ShowFolders.save(own, "Old tour", 0.2, ShowFolders.noise(3, 4096));
            for (int i = 1; i < backupSaves; i++) {
                StoredSession old = own.findByName("Old tour").orElseThrow();
                own.update(old.id(), StoreFixturesForMirror.gain(old.snapshot(), 0.2 + i / 100.0), old.assets());
            }
        }
        double lastGain = 0;
        left.start(MirrorConfig.Role.PRIMARY, right, false);
        for (int i = 0; i < primarySaves; i++) {
            lastGain = 0.5 + i / 100.0;
            left.engine.live().param("/gain").set(lastGain);
            left.ok(i == 0 ? new Action.Save("Opener") : new Action.Save(null));
        }
        right.start(MirrorConfig.Role.BACKUP, left, false);

        Laptop.until("the backup's own session is kept on the primary", () -> left.store().findByName("Old tour (right)").isPresent());
        StoredSession kept = left.store().findByName("Old tour (right)").orElseThrow();
        assertEquals(0.2 + (backupSaves - 1) / 100.0, kept.snapshot().path("params").path("mixer/gain").asDouble(), 1e-9);
        kept.assets().forEach(id -> left.store().blobs().verify(id));
        Laptop.until("the backup holds what the primary holds", () -> summaries(left.store()).equals(summaries(right.store())));
        left.mirroredTo(right);
        for (SessionSummary s : left.store().list()) {
            assertEquals(left.store().find(s.id()).orElseThrow().snapshot().toString(), right.store().find(s.id()).orElseThrow().snapshot().toString(),
                    s.name());
        }
        assertEquals(lastGain, right.store().findByName("Opener").orElseThrow().snapshot().path("params").path("/gain").asDouble(), 1e-9);
        try (var aside = java.nio.file.Files.list(right.data)) {
            assertTrue(aside.anyMatch(f -> f.getFileName().toString().startsWith("diverged-")), "the backup's own journal is kept aside");
        }
        Laptop.until("the primary says mirrored", () -> MirrorEvents.MIRRORED.equals(left.lastState()));
    }

    @Test
    void aBackupPreparedWithAHandCopyOfTheShowFolderGetsNoCopiesOfSessionsThePrimaryHeldAlike() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        try (SessionStore alone = SessionStore.open(left.data)) {
            ShowFolders.save(alone, "Opener", 0.5, ShowFolders.noise(9, 4096));
            ShowFolders.save(alone, "Ballad", 0.25);
        }
        ShowFolders.copyFolder(left.data, right.data); // the stagehand's copy, before the two were set up as a mirror
        try (SessionStore alone = SessionStore.open(left.data)) {
            StoredSession opener = alone.findByName("Opener").orElseThrow();
            alone.update(opener.id(), StoreFixturesForMirror.gain(opener.snapshot(), 0.75), opener.assets());
        }
        left.start(MirrorConfig.Role.PRIMARY, right, false);
        right.start(MirrorConfig.Role.BACKUP, left, false);

        Laptop.until("the backup holds what the primary holds", () -> summaries(left.store()).equals(summaries(right.store())));
        left.mirroredTo(right);
        assertEquals(List.of("Opener", "Ballad"), left.store().list().stream().map(SessionSummary::name).toList(),
                "the hand copy's Opener is an older revision of the primary's, and its Ballad the primary's own: no copies");
        assertEquals(0.75, right.store().findByName("Opener").orElseThrow().snapshot().path("params").path("mixer/gain").asDouble(), 1e-9);
        try (var aside = java.nio.file.Files.list(right.data)) {
            assertTrue(aside.anyMatch(f -> f.getFileName().toString().startsWith("diverged-")), "the hand copy's journal is kept aside");
        }
    }

    @Test
    void twoLaptopsBothSetUpAsPrimaryThatStartedApartEndWithOneLeaderAndEverySessionOfBothWhenTheyMeet() throws Exception {
        left = Laptop.create("left", root);
        right = Laptop.create("right", root);
        try (TcpRelay toLeft = new TcpRelay(left.port); TcpRelay toRight = new TcpRelay(right.port)) {
            toLeft.cut();
            toRight.cut();
            left.startReachedAt(MirrorConfig.Role.PRIMARY, toLeft.address(), toRight.address());
            right.startReachedAt(MirrorConfig.Role.PRIMARY, toRight.address(), toLeft.address());
            assertTrue(left.mirror.isPrimary() && right.mirror.isPrimary(), "apart, each leads (the same epoch, histories of their own)");
            left.engine.live().param("/gain").set(0.3);
            left.ok(new Action.Save("Left's song"));
            right.ok(new Action.ImportTrack(right.wav("tone.wav", 1.0, 330), null, null));
            right.engine.live().param("/gain").set(0.6);
            right.ok(new Action.Save("Right's song"));

            toLeft.restore();
            toRight.restore();
            Laptop.until("exactly one laptop leads", () -> left.mirror.isPrimary() != right.mirror.isPrimary());
            Laptop leader = left.mirror.isPrimary() ? left : right;
            Laptop follower = leader == left ? right : left;
            String followersSong = follower == left ? "Left's song" : "Right's song";
            String leadersSong = leader == left ? "Left's song" : "Right's song";
            String copy = followersSong + " (" + follower.name + ")";
            Laptop.until("the follower's song is kept on the leader", () -> leader.store().findByName(copy).isPresent());
            Laptop.until("the follower holds what the leader holds", () -> summaries(leader.store()).equals(summaries(follower.store())));
            assertTrue(follower.store().findByName(leadersSong).isPresent());
            leader.store().findByName(copy).orElseThrow().assets().forEach(id -> follower.store().blobs().verify(id));
            leader.engine.live().param("/gain").set(0.45);
            leader.ok(new Action.SaveCopy("After they met"));
            leader.mirroredTo(follower);
            assertTrue(follower.store().findByName("After they met").isPresent());
            Thread.sleep(Laptop.DETECTION_MS);
            assertTrue(leader.mirror.isPrimary() && !follower.mirror.isPrimary(), "and it stays so");
            assertEquals(Reason.BACKUP_READ_ONLY, ((Result.Error) follower.run(new Action.Save("Mine"))).reason());
        }
    }

    /** Snapshot edits for sessions made outside an engine. */
    private static final class StoreFixturesForMirror {
        static com.fasterxml.jackson.databind.node.ObjectNode gain(com.fasterxml.jackson.databind.node.ObjectNode snapshot, double gain) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = snapshot.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy.path("params")).put("mixer/gain", gain);
            return copy;
        }
    }

    private static List<String> summaries(SessionStore store) {
        return store.list().stream().map(s -> s.position() + " " + s.name() + " " + s.id() + " " + s.hasDraft()).toList();
    }
}
