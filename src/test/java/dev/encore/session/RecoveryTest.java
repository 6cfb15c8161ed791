package dev.encore.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.Status;
import dev.encore.store.SessionStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
    @TempDir
    Path dir;

    private void storedSession(String name, double gain) {
        try (Stage s = new Stage(dir)) {
            s.session(name, gain);
        }
    }

    private Process child(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingHost.class.getName(),
                mode, dir.toString()).redirectError(new File(dir.toFile(), mode + "-child.log")).start();
    }

    @Test
    void aDraftSurvivesTheHostBeingKilled() throws Exception {
        storedSession("Opener", 0.5);
        Process host = child("draft");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("READY", out.readLine(), "the child host journaled its draft");
        }
        host.destroyForcibly();
        assertTrue(host.waitFor(10, TimeUnit.SECONDS));

        try (Stage s = new Stage(dir)) {
            Snapshot live = s.live().snapshot();
            assertEquals(Map.of("/gain", DoubleNode.valueOf(0.9), "/label", TextNode.valueOf("chorus")), live.params());
            assertEquals("demo-2", live.fixture());
            assertEquals("Opener", s.activeName());
            assertEquals(Status.UNSAVED, s.engine.status());
        }
    }

    @Test
    void aCleanStopKeepsUnsavedChangesForTheNextStart() {
        try (Stage s = new Stage(dir)) {
            s.session("Opener", 0.5);
            s.live().param("/gain").set(0.8);
        }
        try (Stage s = new Stage(dir)) {
            assertEquals(0.8, s.gain());
            assertEquals(Status.UNSAVED, s.engine.status());
            assertEquals(List.of(new FeedbackEvent.SessionChanged("Opener", 1, 1)), s.sink.of(FeedbackEvent.SessionChanged.class));
        }
    }

    @Test
    void anUnsavedPerformanceWithoutASessionComesBackToo() {
        try (Stage s = new Stage(dir)) {
            s.live().param("/gain").set(0.3);
        }
        try (Stage s = new Stage(dir)) {
            assertEquals(0.3, s.gain());
            assertEquals(Status.UNSAVED, s.engine.status());
        }
    }

    @Test
    void aSessionTheHostDiedOpeningTwiceIsNotOpenedAThirdTime() throws Exception {
        storedSession("Opener", 0.5);
        for (int attempt = 0; attempt < 2; attempt++) {
            Process host = child("halt");
            assertTrue(host.waitFor(30, TimeUnit.SECONDS));
            assertEquals(3, host.exitValue(), "the host died inside the restore callback");
        }

        try (Stage s = new Stage(dir)) {
            assertEquals(Status.ERROR, s.engine.status());
            assertEquals(null, s.activeName());
            FeedbackEvent.StatusChanged error = s.sink.last(FeedbackEvent.StatusChanged.class);
            assertTrue(error.message().contains("'Opener'"), error.message());
            assertTrue(s.ok(new Action.Open(SessionRef.name("Opener"))).message().contains("Opener"));
            assertEquals(Status.SAVED, s.engine.status());
        }
        try (SessionStore store = SessionStore.open(dir)) {
            assertTrue(store.bookkeeping().meta(Recovery.OPENING_KEY).isEmpty());
        }
    }

    @Test
    void oneEarlierCrashStillReopensTheSession() {
        storedSession("Opener", 0.5);
        try (SessionStore store = SessionStore.open(dir)) {
            var id = store.bookkeeping().active().orElseThrow();
            store.bookkeeping().putMeta(Recovery.OPENING_KEY, id + " 1 " + System.currentTimeMillis());
        }
        try (Stage s = new Stage(dir)) {
            assertEquals("Opener", s.activeName());
            assertEquals(0.5, s.gain());
            assertEquals(Status.SAVED, s.engine.status());
        }
    }
}
