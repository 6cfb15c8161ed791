package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.POJONode;
import dev.encore.feedback.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceTest {
    @TempDir
    Path dir;
    Stage stage;

    @AfterEach
    void stop() {
        stage.close();
    }

    @Test
    void changingAValueAndChangingItBackReturnsToSaved() {
        stage = new Stage(dir);
        stage.session("Opener", 0.5);
        ParamHandle gain = stage.live().param("/gain");

        gain.set(0.9);
        stage.pass(50);
        assertEquals(Status.UNSAVED, stage.engine.status());
        gain.set(0.5);
        stage.pass(50);
        assertEquals(Status.SAVED, stage.engine.status());
    }

    @Test
    void parameterChangesThatKeepTheStatusPushNoStatusEvent() {
        stage = new Stage(dir);
        stage.session("Opener", 0.5);
        ParamHandle gain = stage.live().param("/gain");
        gain.set(0.9);
        stage.pass(50);
        stage.sink.clear();

        for (int i = 0; i < 200; i++) {
            gain.set(0.6 + i / 1000.0);
            stage.pass(10);
        }

        assertEquals(List.of(), stage.sink.statuses());
        assertEquals(Status.UNSAVED, stage.engine.status());
    }

    @Test
    void aChangeUndoneWithinTheDebounceWindowPushesNothing() {
        stage = new Stage(dir);
        stage.session("Opener", 0.5);
        ParamHandle gain = stage.live().param("/gain");
        gain.set(0.9);
        stage.pass(50);
        stage.sink.clear();

        gain.set(0.5);
        gain.set(0.9);
        stage.pass(50);

        assertEquals(List.of(), stage.sink.statuses());
        assertEquals(Status.UNSAVED, stage.engine.status());
    }

    @Test
    void statusIsPushedAtMostOncePerDebounceWindow() {
        stage = new Stage(dir);
        stage.session("Opener", 0.5);
        ParamHandle gain = stage.live().param("/gain");
        gain.set(0.7);
        gain.set(0.5);
        stage.pass(50);
        stage.sink.clear();

        gain.set(0.9);
        stage.pass(50);
        gain.set(0.5);
        stage.pass(10);
        gain.set(0.9);
        stage.pass(10);
        gain.set(0.5);
        stage.pass(50);

        assertEquals(List.of(Status.UNSAVED, Status.SAVED), stage.sink.statuses());
    }

    @Test
    void aMillionFaderMovesWhileTheEngineRunsAllocateNothingAndPushOneStatus() {
        stage = new Stage(dir);
        stage.session("Opener", 0.5);
        stage.pass(50);
        stage.sink.clear();
        ParamHandle gain = stage.live().param("/gain");
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 10_000; i++) {
            gain.set(i % 2 == 0 ? 0.4 : 0.6); // warm-up: the first calls link the VarHandle
        }

        long before = mx.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1_000_000; i++) {
            gain.set(i / 1_000_000.0);
        }
        long allocated = mx.getThreadAllocatedBytes(thread) - before;
        stage.pass(50);
        stage.pass(EngineSettings.DRAFT_DEBOUNCE_MS);

        assertTrue(allocated < 1024, allocated + " bytes");
        assertEquals(List.of(Status.UNSAVED), stage.sink.statuses());
        var draft = stage.engine.store().bookkeeping().draft(stage.engine.store().bookkeeping().active().orElseThrow()).orElseThrow();
        assertEquals(0.999999, SnapshotCodec.decode(draft.snapshot(), "draft").params().get("/gain").doubleValue());
    }

    @Test
    void aSignatureMatchWithDifferentContentStaysUnsaved() {
        stage = new Stage(dir);
        stage.live().setParam("/cue", new POJONode(new StringBuilder("A")));
        stage.session("Opener", 0.5);
        long savedSignature = stage.live().signature();
        Snapshot saved = stage.live().snapshot();
        stage.live().param("/gain").set(0.9);
        stage.pass(50);
        assertEquals(Status.UNSAVED, stage.engine.status());

        // A cue the signature cannot tell apart from the saved one (an opaque value hashes alike), and
        // the gain back at its saved value: the signature is the saved one, the content is not.
        stage.live().setParam("/cue", new POJONode(new StringBuilder("B")));
        stage.live().param("/gain").set(0.5);
        stage.pass(50);

        assertEquals(savedSignature, stage.live().signature(), "the signature matches the saved session's");
        assertNotEquals(saved, stage.live().snapshot(), "the content differs: cue B, not A");
        assertEquals(Status.UNSAVED, stage.engine.status(), "same signature as saved, different cue");
    }

    @Test
    void unsavedChangesAreJournaledAsADraftAfterQuiet() {
        stage = new Stage(dir);
        stage.session("Opener", 0.5);
        var id = stage.engine.store().bookkeeping().active().orElseThrow();
        stage.live().param("/gain").set(0.9);
        stage.pass(EngineSettings.DRAFT_DEBOUNCE_MS / 2);
        assertTrue(stage.engine.store().bookkeeping().draft(id).isEmpty(), "no draft while changes keep coming");

        stage.pass(EngineSettings.DRAFT_DEBOUNCE_MS);
        var draft = stage.engine.store().bookkeeping().draft(id).orElseThrow();
        assertEquals(0.9, SnapshotCodec.decode(draft.snapshot(), "draft").params().get("/gain").doubleValue());

        stage.live().param("/gain").set(0.5);
        stage.pass(EngineSettings.DRAFT_DEBOUNCE_MS);
        stage.pass(EngineSettings.DRAFT_DEBOUNCE_MS);
        assertTrue(stage.engine.store().bookkeeping().draft(id).isEmpty(), "changed back: the draft is dropped");
    }
}
