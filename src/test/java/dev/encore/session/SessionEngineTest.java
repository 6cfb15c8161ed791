package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.Reason;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.Status;
import dev.encore.store.SessionStore;
import dev.encore.store.SessionSummary;
import dev.encore.testing.HoldingDisk;
import dev.encore.testing.ManualClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionEngineTest {
    @TempDir
    Path dir;
    Stage stage;

    Stage stage() {
        stage = new Stage(dir);
        return stage;
    }

    Stage stage(EngineSettings settings) {
        stage = new Stage(dir, settings);
        return stage;
    }

    @AfterEach
    void stop() {
        if (stage != null) {
            stage.close();
        }
    }

    private static double storedGain(Stage s, String name) {
        var stored = s.engine.store().findByName(name).orElseThrow();
        return SnapshotCodec.decode(stored.snapshot(), name).params().get("/gain").doubleValue();
    }

    private static List<String> names(Stage s) {
        return s.engine.store().list().stream().map(SessionSummary::name).toList();
    }

    @Test
    void aFreshEngineWithNothingChangedIsNotUnsaved() {
        Stage s = stage();
        s.pass(100);
        assertEquals(Status.SAVED, s.engine.status());
        assertEquals(List.of(Status.SAVED), s.sink.statuses());
    }

    @Test
    void saveWithoutANameCreatesAnAutomaticallyNamedSession() {
        Stage s = stage();
        s.live().param("/gain").set(0.5);
        s.ok(new Action.Save(null));
        assertEquals("Session 1", s.activeName());
        assertEquals(Status.SAVED, s.engine.status());
        assertEquals(new FeedbackEvent.SessionChanged("Session 1", 1, 1), s.sink.last(FeedbackEvent.SessionChanged.class));
    }

    @Test
    void saveReportsSavingThenSavedOnlyAfterTheCommit() throws Exception {
        HoldingDisk disk = new HoldingDisk();
        ManualClock clock = new ManualClock();
        RecordingSink sink = new RecordingSink();
        try (SessionEngine engine = new SessionEngine(SessionStore.open(dir, disk, clock, dev.encore.store.StoreOptions.DEFAULTS), true, clock,
                EngineSettings.DEFAULTS, (snapshot, audio) -> { }, List.of(sink)).start()) {
            engine.live().param("/gain").set(0.5);
            assertTrue(engine.submit(new Action.Save("Opener")).get(10, TimeUnit.SECONDS).ok());
            clock.advance(EngineSettings.SAVE_COALESCE_MS);
            engine.live().param("/gain").set(0.7);
            engine.settle().get(10, TimeUnit.SECONDS);
            sink.clear();

            disk.hold("encore-engine"); // the journal's fsync, not a background index checkpoint
            CompletableFuture<Result> save = engine.submit(new Action.Save(null));
            assertTrue(disk.awaitHeld(10_000), "the save reached the journal's fsync");
            // The engine thread is inside the fsync: the record is written but not durable yet.
            assertEquals(Status.SAVING, engine.status(), "saved is not shown before the fsync returned");
            assertFalse(save.isDone(), "the save is not answered before the fsync returned");
            disk.release();

            assertTrue(save.get(10, TimeUnit.SECONDS).ok());
            engine.settle().get(10, TimeUnit.SECONDS);
            assertEquals(List.of(Status.SAVING, Status.SAVED), sink.statuses());
            assertEquals(0.7, SnapshotCodec.decode(engine.store().findByName("Opener").orElseThrow().snapshot(), "Opener")
                    .params().get("/gain").doubleValue());
        }
    }

    @Test
    void saveWithNothingChangedCommitsNothing() {
        Stage s = stage();
        s.session("Opener", 0.5);
        long commits = s.engine.commits();
        Result.Ok r = s.ok(new Action.Save(null));
        assertEquals(commits, s.engine.commits());
        assertTrue(r.message().contains("already saved"));
    }

    @Test
    void saveCopyCreatesANewActiveSessionAndLeavesTheOriginal() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.live().param("/gain").set(0.8);
        s.ok(new Action.SaveCopy(null));
        assertEquals("Opener copy", s.activeName());
        assertEquals(0.5, storedGain(s, "Opener"));
        assertEquals(0.8, storedGain(s, "Opener copy"));
        assertEquals(Status.SAVED, s.engine.status());
    }

    @Test
    void saveCopyToATakenNameIsRefused() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.fails(new Action.SaveCopy(" opener "), Reason.NAME_TAKEN);
        assertEquals(List.of("Opener"), names(s));
    }

    @Test
    void saveOfAnUntitledPerformanceToATakenNameIsRefused() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.session("Ballad", 0.3);
        s.ok(new Action.Delete(null, true));
        s.fails(new Action.Save("OPENER"), Reason.NAME_TAKEN);
        assertNull(s.activeName());
    }

    @Test
    void openFindsASessionByNamePositionOrId() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.session("Ballad", 0.3);
        s.ok(new Action.Open(SessionRef.name("opener")));
        assertEquals(0.5, s.gain());
        s.ok(new Action.Open(SessionRef.position(2)));
        assertEquals(0.3, s.gain());
        var id = s.engine.store().findByName("Opener").orElseThrow().id();
        s.ok(new Action.Open(new SessionRef.ById(id)));
        assertEquals("Opener", s.activeName());
        assertEquals(new FeedbackEvent.SessionChanged("Opener", 1, 2), s.sink.last(FeedbackEvent.SessionChanged.class));
    }

    @Test
    void openOfAnUnknownSessionIsRefusedAndChangesNothing() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.fails(new Action.Open(SessionRef.name("Encore")), Reason.NO_SUCH_SESSION);
        s.fails(new Action.Open(SessionRef.position(2)), Reason.NO_SUCH_SESSION);
        s.fails(new Action.Open(SessionRef.position(0)), Reason.NO_SUCH_SESSION);
        assertEquals("Opener", s.activeName());
        assertEquals(Status.SAVED, s.engine.status());
    }

    @Test
    void nextAndPrevStepThroughTheSetlist() {
        Stage s = stage();
        s.session("One", 0.1);
        s.session("Two", 0.2);
        s.session("Three", 0.3);
        s.ok(new Action.Open(SessionRef.position(1)));
        s.ok(new Action.Next());
        assertEquals("Two", s.activeName());
        assertEquals(0.2, s.gain());
        s.ok(new Action.Prev());
        assertEquals("One", s.activeName());
    }

    @Test
    void nextAtTheEndWithWrapOffIsRefused() {
        Stage s = stage(Settings.wrap(false));
        s.session("One", 0.1);
        s.session("Two", 0.2);
        s.fails(new Action.Next(), Reason.NO_SUCH_SESSION);
        assertEquals("Two", s.activeName());
        s.ok(new Action.Open(SessionRef.position(1)));
        s.fails(new Action.Prev(), Reason.NO_SUCH_SESSION);
        assertEquals("One", s.activeName());
    }

    @Test
    void nextAtTheEndWithWrapOnGoesToTheFirst() {
        Stage s = stage(Settings.wrap(true));
        s.session("One", 0.1);
        s.session("Two", 0.2);
        s.ok(new Action.Next());
        assertEquals("One", s.activeName());
        s.ok(new Action.Prev());
        assertEquals("Two", s.activeName());
    }

    @Test
    void nextWithAnEmptySetlistIsRefused() {
        Stage s = stage();
        s.fails(new Action.Next(), Reason.NO_SUCH_SESSION);
    }

    @Test
    void renameRenamesTheActiveOrTheNamedSession() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.session("Ballad", 0.3);
        s.ok(new Action.Rename("Slow one", null));
        s.ok(new Action.Rename("First", SessionRef.name("Opener")));
        assertEquals(List.of("First", "Slow one"), names(s));
        assertEquals(new FeedbackEvent.SessionChanged("Slow one", 2, 2), s.sink.last(FeedbackEvent.SessionChanged.class));
    }

    @Test
    void renameToAnExistingNameIsRefused() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.session("Ballad", 0.3);
        s.fails(new Action.Rename("OPENER", null), Reason.NAME_TAKEN);
        assertEquals(List.of("Opener", "Ballad"), names(s));
    }

    @Test
    void renameWithoutASessionOrNameIsRefused() {
        Stage s = stage();
        s.fails(new Action.Rename("Anything", null), Reason.NO_ACTIVE_SESSION);
        s.session("Opener", 0.5);
        s.fails(new Action.Rename("  ", null), Reason.BAD_ARGUMENTS);
        s.fails(new Action.Rename("New", SessionRef.name("Missing")), Reason.NO_SUCH_SESSION);
    }

    @Test
    void deleteArmsAndASecondPressWithinTheWindowDeletes() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.session("Ballad", 0.3);
        s.fails(new Action.Delete(SessionRef.name("Opener"), false), Reason.CONFIRMATION_REQUIRED);
        s.clock.advance(EngineSettings.ARMING_WINDOW_MS - 1);
        s.ok(new Action.Delete(SessionRef.name("Opener"), false));
        s.settle();
        assertEquals(List.of("Ballad"), names(s));
        assertEquals(List.of(new FeedbackEvent.Armed("delete", true), new FeedbackEvent.Armed("delete", false)),
                s.sink.of(FeedbackEvent.Armed.class));
    }

    @Test
    void deleteArmingExpiresAfterTheWindow() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.fails(new Action.Delete(null, false), Reason.CONFIRMATION_REQUIRED);
        s.pass(EngineSettings.ARMING_WINDOW_MS);
        assertEquals(new FeedbackEvent.Armed("delete", false), s.sink.last(FeedbackEvent.Armed.class));
        s.fails(new Action.Delete(null, false), Reason.CONFIRMATION_REQUIRED);
        assertEquals(List.of("Opener"), names(s));
    }

    @Test
    void anErrorThrownWhileOpeningIsAnsweredShownAsErrorAndTheEngineGoesOn() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.ok(new Action.SaveCopy("Closer"));
        s.duringRestore = () -> {
            throw new OutOfMemoryError("Java heap space");
        };
        Result r = s.run(new Action.Open(SessionRef.name("Opener")));
        Result.Error error = assertInstanceOf(Result.Error.class, r);
        assertTrue(error.message().contains("OutOfMemoryError"), error.message());
        assertEquals(Status.ERROR, s.engine.status());
        s.duringRestore = () -> { };
        s.ok(new Action.Open(SessionRef.name("Opener")));
        s.ok(new Action.Save(null));
        assertNull(s.engine.failure(), "the engine thread is alive");
    }

    @Test
    void everyKindOfErrorWhileOpeningIsAnsweredAndTheEngineKeepsServing() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.ok(new Action.SaveCopy("Closer"));
        List<Error> errors = List.of(new StackOverflowError(), new InternalError("a fault occurred in an unsafe memory access"),
                new java.io.IOError(new java.io.IOException("Input/output error")),
                new java.util.ServiceConfigurationError("no audio provider"));
        for (Error thrown : errors) {
            s.duringRestore = () -> {
                throw thrown;
            };
            Result.Error error = assertInstanceOf(Result.Error.class, s.run(new Action.Open(SessionRef.name("Opener"))), thrown.toString());
            assertTrue(error.message().contains(thrown.getClass().getSimpleName()), error.message());
            assertEquals(Status.ERROR, s.engine.status());
            assertNull(s.engine.failure(), "the engine thread is alive after " + thrown);
        }
        s.duringRestore = () -> { };
        s.ok(new Action.Open(SessionRef.name("Opener")));
        s.ok(new Action.Next());
        s.ok(new Action.Save(null));
    }

    @Test
    void readOnlyActionsLeaveDeleteArmed() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.fails(new Action.Delete(null, false), Reason.CONFIRMATION_REQUIRED);
        s.ok(new Action.ListSessions());
        s.ok(new Action.Sync());
        s.ok(new Action.History(null));
        s.ok(new Action.ListFixtures());
        s.ok(new Action.Check());
        assertEquals(List.of(new FeedbackEvent.Armed("delete", true)), s.sink.of(FeedbackEvent.Armed.class),
                "still armed, never disarmed");
        s.ok(new Action.Delete(null, false));
        assertEquals(List.of(), names(s));
    }

    @Test
    void anActionThatChangesSomethingDisarmsDelete() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.fails(new Action.Delete(null, false), Reason.CONFIRMATION_REQUIRED);
        s.ok(new Action.Move(1, 1));
        assertEquals(new FeedbackEvent.Armed("delete", false), s.sink.last(FeedbackEvent.Armed.class), "disarmed and told");
        s.fails(new Action.Delete(null, false), Reason.CONFIRMATION_REQUIRED);
        assertEquals(List.of("Opener"), names(s));
    }

    @Test
    void deleteOfTheActiveSessionKeepsTheLiveStateAsAnUnsavedPerformance() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.ok(new Action.Delete(null, true));
        s.pass(50);
        assertNull(s.activeName());
        assertEquals(0.5, s.gain());
        assertEquals(Status.UNSAVED, s.engine.status());
        assertEquals(new FeedbackEvent.SessionChanged("", 0, 0), s.sink.last(FeedbackEvent.SessionChanged.class));
        s.ok(new Action.Save("Opener again"));
        assertEquals(0.5, storedGain(s, "Opener again"));
    }

    @Test
    void deleteOfAnUnknownSessionIsRefused() {
        Stage s = stage();
        s.fails(new Action.Delete(null, true), Reason.NO_ACTIVE_SESSION);
        s.fails(new Action.Delete(SessionRef.name("Ghost"), true), Reason.NO_SUCH_SESSION);
    }

    @Test
    void revertWithNoSessionIsRefused() {
        Stage s = stage();
        s.live().param("/gain").set(0.9);
        s.fails(new Action.Revert(true), Reason.NO_ACTIVE_SESSION);
        assertEquals(0.9, s.gain());
    }

    @Test
    void revertIsArmedThenDropsUnsavedChanges() {
        Stage s = stage();
        s.session("Opener", 0.5);
        s.live().param("/gain").set(0.9);
        s.pass(50);
        s.fails(new Action.Revert(false), Reason.CONFIRMATION_REQUIRED);
        assertEquals(0.9, s.gain());
        s.ok(new Action.Revert(false));
        s.settle();
        assertEquals(0.5, s.gain());
        assertEquals(Status.SAVED, s.engine.status());
        assertTrue(s.sink.of(FeedbackEvent.ParamRestored.class).stream()
                .anyMatch(p -> p.path().equals("/gain") && p.value().doubleValue() == 0.5));
    }

    @Test
    void moveReordersTheSetlist() {
        Stage s = stage();
        s.session("One", 0.1);
        s.session("Two", 0.2);
        s.session("Three", 0.3);
        s.ok(new Action.Move(3, 1));
        assertEquals(List.of("Three", "One", "Two"), names(s));
        assertEquals(new FeedbackEvent.SessionChanged("Three", 1, 3), s.sink.last(FeedbackEvent.SessionChanged.class));
        s.fails(new Action.Move(0, 1), Reason.BAD_ARGUMENTS);
        s.fails(new Action.Move(1, 4), Reason.BAD_ARGUMENTS);
    }

    @Test
    void listGivesTheSetlistInOrder() {
        Stage s = stage();
        s.session("One", 0.1);
        s.session("Two", 0.2);
        List<SetlistEntry> list = s.answer(new Action.ListSessions(), Result.Listed.class).sessions();
        assertEquals(List.of("One", "Two"), list.stream().map(SetlistEntry::name).toList());
        assertEquals(List.of(1, 2), list.stream().map(SetlistEntry::position).toList());
    }

    @Test
    void syncReportsTheSetlistAndEverythingInTheLiveState() {
        Stage s = stage();
        s.session("One", 0.1);
        s.live().param("/gain").set(0.6);
        Track stems = s.track("with-stems", 4_800);
        Track plain = new Track("plain", null, s.track("x", 9_600).pcm(), Map.of(), null, "plain.wav", 48_000, 1, 9_600, false);
        s.live().addTrack(stems);
        s.live().addTrack(plain);
        s.live().selectFixture("stage-left");
        s.live().setStems(new StemOverlay(SourceMode.VOCALS, Map.of("vocals", 0.8, "instruments", 0.25)));

        SyncReport r = s.answer(new Action.Sync(), Result.Synced.class).state();

        assertEquals("One", r.session());
        assertEquals(1, r.position());
        assertTrue(r.dirty());
        assertEquals(Status.UNSAVED, r.status());
        assertEquals(List.of("One"), r.setlist().stream().map(SetlistEntry::name).toList());
        assertEquals(0.6, r.params().get("/gain").doubleValue());
        assertEquals(List.of(new SyncReport.TrackState("with-stems", "with-stems.wav", 0, 0.001, 0.1, true),
                new SyncReport.TrackState("plain", "plain.wav", 0, 0.2, 0.2, false)), r.tracks());
        assertEquals("stage-left", r.fixture());
        assertEquals(SourceMode.VOCALS, r.stems().mode());
        assertEquals(Map.of("vocals", 0.8, "instruments", 0.25), r.stems().levels());
    }

    @Test
    void checkReportsProgressAndAHealthyStore() {
        Stage s = stage();
        s.session("One", 0.1);
        s.ok(new Action.Check());
        s.settle();
        assertFalse(s.sink.of(FeedbackEvent.Progress.class).isEmpty());
        assertEquals(1.0, s.sink.last(FeedbackEvent.Progress.class).fraction());
    }

    @Test
    void checkNamesMissingAudio() throws Exception {
        Stage s = stage();
        Track track = s.track("t1", 480);
        s.live().addTrack(track);
        s.session("One", 0.1);
        try (var files = java.nio.file.Files.walk(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().equals(track.pcm().hex())).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
        Result r = s.run(new Action.Check());
        assertEquals(Reason.ASSET_CORRUPT.code(), ((Result.Error) r).reason().code());
        assertTrue(((Result.Error) r).message().contains(track.pcm().hex()), r.toString());
    }

    @Test
    void actionsAfterCloseAreAnsweredNotLost() {
        Stage s = stage();
        s.close();
        s.fails(new Action.ListSessions(), Reason.BUSY);
        stage = null;
    }
}
