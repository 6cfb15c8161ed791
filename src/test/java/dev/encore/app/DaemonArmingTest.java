package dev.encore.app;

import static dev.encore.app.DaemonTest.assertError;
import static dev.encore.app.DaemonTest.assertOk;
import static dev.encore.app.DaemonTest.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.encore.app.OscClient.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delete and revert over real UDP: one press of delete never deletes, whatever the session is
 * called; only commands that change something end an armed delete; stepping on after the active
 * session was deleted works.
 */
class DaemonArmingTest {
    @TempDir
    Path dir;

    private DaemonStage stage;
    private OscClient osc;

    @AfterEach
    void stop() throws IOException {
        if (stage != null) {
            stage.close();
        }
    }

    private void start(String map) throws IOException {
        stage = new DaemonStage(dir, map);
        osc = stage.client;
    }

    private void save(String name, float gain, boolean copy) throws IOException {
        assertOk(osc.request("/encore/param/mix/gain", gain));
        assertOk(osc.request(copy ? "/encore/save_copy" : "/encore/save", name));
        osc.await(m -> m.address().equals("/encore/session") && m.arg(0).equals(name));
    }

    private List<Object> names() throws IOException {
        osc.send("/encore/list");
        List<Message> answer = osc.until(m -> m.address().equals("/encore/reply") && m.arg(0).equals("/encore/list"));
        return answer.stream().filter(m -> m.address().equals("/encore/list/item")).map(m -> m.arg(1)).toList();
    }

    @Test
    void aSessionNamedConfirmIsArmedLikeAnyOtherSoOnePressDeletesNothing() throws IOException {
        start(DaemonStage.QUIET_MAP);
        save("confirm", 0.2f, false);
        save("istanbul", 0.4f, true);
        assertError(-7, osc.request("/encore/delete", "confirm"), "'confirm'");
        osc.await(push("/encore/armed", "delete", 1));
        assertEquals(List.of("confirm", "istanbul"), names());
    }

    @Test
    void theWordConfirmAloneNoLongerDeletesTheOpenSessionAndSaysWhatToSend() throws IOException {
        start(DaemonStage.QUIET_MAP);
        save("istanbul", 0.4f, false);
        assertError(-3, osc.request("/encore/delete", "confirm"), "/encore/delete/confirm");
        assertEquals(List.of("istanbul"), names());
    }

    @Test
    void deleteConfirmDeletesTheOpenOrTheNamedSessionAtOnce() throws IOException {
        start(DaemonStage.QUIET_MAP);
        save("One", 0.1f, false);
        save("Two", 0.2f, true);
        save("Three", 0.3f, true);
        assertOk(osc.request("/encore/delete/confirm", "One"));
        assertOk(osc.request("/encore/delete/confirm"));
        assertEquals(List.of("Two"), names());
        assertOk(osc.request("/encore/delete", "Two", "confirm"));
        assertEquals(List.of(), names());
    }

    @Test
    void revertConfirmDropsUnsavedChangesAtOnce() throws IOException {
        start(DaemonStage.QUIET_MAP);
        save("Song", 0.5f, false);
        assertOk(osc.request("/encore/param/mix/gain", 0.9f));
        assertOk(osc.request("/encore/revert/confirm"));
        osc.await(push("/encore/param/mix/gain", 0.5f));
    }

    @Test
    void listSyncPingCheckHistoryAndParameterReadsLeaveAnArmedDeleteArmed() throws IOException {
        start(DaemonStage.QUIET_MAP);
        save("Keep", 0.1f, false);
        save("Drop", 0.2f, true);
        assertError(-7, osc.request("/encore/delete"), "'Drop'");
        osc.await(push("/encore/armed", "delete", 1));
        assertOk(osc.request("/encore/list"));
        assertOk(osc.request("/encore/sync"));
        assertOk(osc.request("/encore/ping"));
        assertOk(osc.request("/encore/check"));
        assertOk(osc.request("/encore/history"));
        assertOk(osc.request("/encore/param/mix/gain"));
        List<Message> between = osc.drain();
        assertFalse(between.stream().anyMatch(push("/encore/armed", "delete", 0)), between.toString());
        assertOk(osc.request("/encore/delete"));
        assertEquals(List.of("Keep"), names());
    }

    @Test
    void aCommandThatChangesSomethingStillDisarms() throws IOException {
        start(DaemonStage.QUIET_MAP);
        save("Keep", 0.1f, false);
        assertError(-7, osc.request("/encore/delete"), "'Keep'");
        assertOk(osc.request("/encore/save"));
        osc.await(push("/encore/armed", "delete", 0));
        assertError(-7, osc.request("/encore/delete"), "'Keep'");
    }

    @Test
    void nextAfterDeletingTheActiveSessionOpensTheFirstSong() throws IOException {
        start(DaemonStage.QUIET_MAP + "addresses:\n  next: /1/next\n");
        save("One", 0.1f, false);
        save("Two", 0.2f, true);
        save("Three", 0.3f, true);
        assertOk(osc.request("/encore/delete", "Three", "confirm"));
        assertOk(osc.request("/1/next", 1.0f));
        osc.await(m -> m.address().equals("/encore/session") && m.arg(0).equals("One") && m.arg(1).equals(1));
    }

    @Test
    void prevAfterDeletingTheActiveSessionOpensTheLastSong() throws IOException {
        start(DaemonStage.QUIET_MAP);
        save("One", 0.1f, false);
        save("Two", 0.2f, true);
        save("Three", 0.3f, true);
        assertOk(osc.request("/encore/delete", "Three", "confirm"));
        assertOk(osc.request("/encore/prev"));
        osc.await(m -> m.address().equals("/encore/session") && m.arg(0).equals("Two") && m.arg(1).equals(2));
    }
}
