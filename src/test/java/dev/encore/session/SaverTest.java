package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.Reason;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.Status;
import dev.encore.store.SessionStore;
import dev.encore.testing.FaultyDisk;
import dev.encore.testing.ManualClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaverTest {
    @TempDir
    Path dir;
    Stage stage;

    @AfterEach
    void stop() {
        if (stage != null) {
            stage.close();
        }
    }

    @Test
    void aHundredSavesWithinAHundredMillisecondsGiveAtMostTwoCommits() throws Exception {
        stage = new Stage(dir);
        stage.session("Opener", 0.0);
        stage.pass(1_000);
        long before = stage.engine.commits();
        ParamHandle gain = stage.live().param("/gain");

        List<CompletableFuture<Result>> presses = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            gain.set(i);
            presses.add(stage.engine.submit(new Action.Save(null)));
            stage.clock.advance(1);
        }
        stage.pass(EngineSettings.SAVE_COALESCE_MS);
        stage.pass(EngineSettings.SAVE_COALESCE_MS);

        for (CompletableFuture<Result> p : presses) {
            assertTrue(p.get(10, TimeUnit.SECONDS).ok());
        }
        long commits = stage.engine.commits() - before;
        assertTrue(commits >= 1 && commits <= 2, commits + " commits");
        var stored = stage.engine.store().findByName("Opener").orElseThrow();
        assertEquals(100.0, SnapshotCodec.decode(stored.snapshot(), "Opener").params().get("/gain").doubleValue());
        assertEquals(Status.SAVED, stage.engine.status());
    }

    @Test
    void aSaveOnAFullDiskShowsErrorAndLosesNothing() throws Exception {
        FaultyDisk disk = new FaultyDisk();
        ManualClock clock = new ManualClock();
        RecordingSink sink = new RecordingSink();
        SessionEngine engine = new SessionEngine(SessionStore.open(dir, disk, clock, dev.encore.store.StoreOptions.DEFAULTS), true, clock, EngineSettings.DEFAULTS,
                (snapshot, audio) -> { }, List.of(sink)).start();
        try {
            ParamHandle gain = engine.live().param("/gain");
            gain.set(0.5);
            assertTrue(engine.submit(new Action.Save("Opener")).get(10, TimeUnit.SECONDS).ok());
            clock.advance(EngineSettings.SAVE_COALESCE_MS);
            gain.set(0.9);
            disk.failAfter(0, FaultyDisk::diskFull);

            Result failed = engine.submit(new Action.Save(null)).get(10, TimeUnit.SECONDS);
            engine.settle().get(10, TimeUnit.SECONDS);
            assertEquals(Reason.STORAGE_FULL, ((Result.Error) failed).reason());
            assertEquals(Status.ERROR, engine.status());
            assertTrue(sink.last(FeedbackEvent.StatusChanged.class).message().contains("full"));
            assertEquals(0.9, gain.get());
            var stored = engine.store().findByName("Opener").orElseThrow();
            assertEquals(0.5, SnapshotCodec.decode(stored.snapshot(), "Opener").params().get("/gain").doubleValue());

            disk.heal();
            assertTrue(engine.submit(new Action.Save(null)).get(10, TimeUnit.SECONDS).ok());
            engine.settle().get(10, TimeUnit.SECONDS);
            assertEquals(Status.SAVED, engine.status());
        } finally {
            engine.close();
        }
    }

    @Test
    void theFirstSaveOfANewPerformanceUsesTheGivenName() {
        stage = new Stage(dir);
        stage.live().param("/gain").set(0.3);
        stage.ok(new Action.Save("  Opener "));
        assertEquals("Opener", stage.activeName());
    }

    @Test
    void aSavePressedDuringTheCoalescingWindowShowsSavingUntilItIsDurable() {
        stage = new Stage(dir);
        stage.session("Opener", 0.0);
        stage.live().param("/gain").set(0.1);
        stage.ok(new Action.Save(null));
        stage.live().param("/gain").set(0.2);
        CompletableFuture<Result> second = stage.engine.submit(new Action.Save(null));
        stage.settle();
        assertEquals(Status.SAVING, stage.engine.status());
        assertTrue(!second.isDone());

        stage.pass(EngineSettings.SAVE_COALESCE_MS);
        assertTrue(second.join().ok());
        assertEquals(Status.SAVED, stage.engine.status());
    }
}
