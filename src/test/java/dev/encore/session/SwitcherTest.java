package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.Reason;
import dev.encore.feedback.Status;
import dev.encore.store.AssetId;
import dev.encore.store.MappedAsset;
import dev.encore.store.SessionSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwitcherTest {
    @TempDir
    Path dir;
    Stage stage;

    @AfterEach
    void stop() {
        stage.close();
    }

    /** Two sessions, One (gain 0.1) and Two (gain 0.2), with One open. */
    private Stage twoSessions(SwitchPolicy policy) {
        stage = new Stage(dir, Settings.policy(policy));
        stage.session("One", 0.1);
        stage.session("Two", 0.2);
        stage.ok(new Action.Open(SessionRef.position(1)));
        return stage;
    }

    private void change(double gain) {
        stage.live().param("/gain").set(gain);
        stage.pass(50);
        assertEquals(Status.UNSAVED, stage.engine.status());
    }

    private double stored(String name) {
        var s = stage.engine.store().findByName(name).orElseThrow();
        return SnapshotCodec.decode(s.snapshot(), name).params().get("/gain").doubleValue();
    }

    private boolean hasDraft(String name) {
        return stage.engine.store().list().stream().filter(s -> s.name().equals(name)).anyMatch(SessionSummary::hasDraft);
    }

    @Test
    void keepDraftKeepsUnsavedChangesWithTheirSessionAndRestoresThemOnReturn() {
        twoSessions(SwitchPolicy.KEEP_DRAFT);
        change(0.9);
        stage.ok(new Action.Next());
        assertEquals(0.2, stage.gain());
        assertEquals(Status.SAVED, stage.engine.status());
        assertEquals(0.1, stored("One"));
        assertTrue(hasDraft("One"));

        stage.ok(new Action.Prev());
        stage.pass(50);
        assertEquals(0.9, stage.gain());
        assertEquals(Status.UNSAVED, stage.engine.status());
    }

    @Test
    void keepDraftWithoutChangesLeavesNoDraft() {
        twoSessions(SwitchPolicy.KEEP_DRAFT);
        stage.ok(new Action.Next());
        stage.ok(new Action.Prev());
        assertFalse(hasDraft("One"));
        assertEquals(Status.SAVED, stage.engine.status());
    }

    @Test
    void savePolicyCommitsUnsavedChangesBeforeSwitching() {
        twoSessions(SwitchPolicy.SAVE);
        change(0.9);
        stage.ok(new Action.Next());
        assertEquals(0.9, stored("One"));
        stage.ok(new Action.Prev());
        assertEquals(0.9, stage.gain());
        assertEquals(Status.SAVED, stage.engine.status());
    }

    @Test
    void savePolicyWithoutChangesCommitsNothing() {
        twoSessions(SwitchPolicy.SAVE);
        long commits = stage.engine.commits();
        stage.ok(new Action.Next());
        assertEquals(commits, stage.engine.commits());
    }

    @Test
    void discardPolicyDropsUnsavedChanges() {
        twoSessions(SwitchPolicy.DISCARD);
        change(0.9);
        stage.ok(new Action.Next());
        stage.ok(new Action.Prev());
        assertEquals(0.1, stage.gain());
        assertFalse(hasDraft("One"));
        assertEquals(Status.SAVED, stage.engine.status());
    }

    @Test
    void discardPolicyWithoutChangesSwitches() {
        twoSessions(SwitchPolicy.DISCARD);
        stage.ok(new Action.Next());
        assertEquals("Two", stage.activeName());
    }

    @Test
    void refusePolicyRefusesToSwitchAwayFromUnsavedChanges() {
        twoSessions(SwitchPolicy.REFUSE);
        change(0.9);
        stage.fails(new Action.Next(), Reason.UNSAVED_CHANGES);
        assertEquals("One", stage.activeName());
        assertEquals(0.9, stage.gain());
        assertEquals(Status.UNSAVED, stage.engine.status());
    }

    @Test
    void refusePolicyWithoutChangesSwitches() {
        twoSessions(SwitchPolicy.REFUSE);
        stage.ok(new Action.Next());
        assertEquals("Two", stage.activeName());
    }

    @Test
    void anUntitledPerformanceIsSavedUnderAnAutomaticNameRatherThanLost() {
        stage = new Stage(dir);
        stage.session("One", 0.1);
        stage.session("Two", 0.2);
        stage.ok(new Action.Delete(null, true));
        change(0.7);
        stage.ok(new Action.Open(SessionRef.position(1)));
        assertEquals(List.of("One", "Session 2"), stage.engine.store().list().stream().map(SessionSummary::name).toList());
        assertEquals(0.7, stored("Session 2"));
        assertEquals(0.1, stage.gain());
    }

    @Test
    void switchesQueuedDuringAnOpenResolveToTheLatest() throws Exception {
        twoSessions(SwitchPolicy.KEEP_DRAFT);
        stage.session("Three", 0.3);
        stage.session("Four", 0.4);
        stage.ok(new Action.Open(SessionRef.position(1)));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        stage.duringRestore = () -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        int restoresBefore = stage.restored.size();
        CompletableFuture<Result> first = stage.engine.submit(new Action.Next());
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        stage.duringRestore = () -> { };
        List<CompletableFuture<Result>> burst = new ArrayList<>();
        burst.add(stage.engine.submit(new Action.Next()));
        burst.add(stage.engine.submit(new Action.Next()));
        burst.add(stage.engine.submit(new Action.Open(SessionRef.name("Nowhere"))));
        release.countDown();
        assertTrue(first.get(10, TimeUnit.SECONDS).ok());
        stage.settle();

        assertEquals("Four", stage.activeName());
        assertEquals(restoresBefore + 2, stage.restored.size(), "only the first and the latest were opened");
        Result latest = burst.get(1).join();
        assertSame(latest, burst.get(0).join());
        assertEquals(Reason.NO_SUCH_SESSION, ((Result.Error) burst.get(2).join()).reason());
    }

    @Test
    void theHostReceivesTheAudioMappedAndPagedInBeforeTheSwitchIsDone() {
        stage = new Stage(dir);
        Track track = stage.track("t1", 4_800);
        stage.live().addTrack(track);
        stage.session("One", 0.1);
        stage.live().removeTrack(0);
        stage.session("Two", 0.2);
        stage.ok(new Action.Open(SessionRef.name("One")));

        Map<AssetId, MappedAsset> audio = stage.restoredAudio.get(stage.restoredAudio.size() - 1);
        assertEquals(track.assets(), audio.keySet());
        MappedAsset pcm = audio.get(track.pcm());
        assertTrue(pcm.isMemoryMapped());
        assertEquals(4_800 * 4, pcm.length());
        assertEquals((float) Math.sin("t1".hashCode()), pcm.floats().get(0));
        assertEquals(track.asRestored(), stage.live().scene().tracks().get(0), "the same track, flagged restored");
    }

    @Test
    void theNextSetlistEntrysAudioIsPreloadedAfterAnOpen() {
        stage = new Stage(dir);
        stage.session("One", 0.1);
        Track track = stage.track("t2", 2_400);
        stage.live().addTrack(track);
        stage.session("Two", 0.2);
        stage.ok(new Action.Open(SessionRef.name("One")));
        assertEquals(track.assets(), stage.engine.preloaded().keySet());

        stage.ok(new Action.Next());
        assertEquals(track.assets(), stage.restoredAudio.get(stage.restoredAudio.size() - 1).keySet());
    }

    @Test
    void anOpenWithMissingAudioFailsAndKeepsTheCurrentSession() throws IOException {
        stage = new Stage(dir);
        Track track = stage.track("t3", 480);
        stage.live().addTrack(track);
        stage.session("Broken", 0.1);
        stage.live().removeTrack(0);
        stage.session("Fine", 0.2);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().equals(track.pcm().hex())).toList()) {
                Files.delete(p);
            }
        }
        stage.live().param("/gain").set(0.25);

        stage.fails(new Action.Open(SessionRef.name("Broken")), Reason.ASSET_MISSING);
        assertEquals("Fine", stage.activeName());
        assertEquals(0.25, stage.gain());
        assertEquals(Status.ERROR, stage.engine.status());
    }

    @Test
    void aHostThatRefusesTheRestoreCancelsTheSwitch() {
        twoSessions(SwitchPolicy.KEEP_DRAFT);
        stage.duringRestore = () -> {
            throw new IllegalStateException("host not ready");
        };
        stage.fails(new Action.Next(), Reason.GENERAL);
        assertEquals("One", stage.activeName());
        assertEquals(0.1, stage.gain());
    }
}
