package dev.encore.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.app.OscClient.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as a controller sees it over real UDP: commands, their one reply each, and the pushes that follow. */
class DaemonTest {
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

    static Predicate<Message> push(String address, Object... args) {
        return m -> m.address().equals(address) && m.args().equals(List.of(args));
    }

    static void assertOk(Message reply) {
        assertEquals("/encore/reply", reply.address(), reply.toString());
    }

    static void assertError(int code, Message reply, String text) {
        assertEquals("/encore/error", reply.address(), reply.toString());
        assertEquals(code, reply.arg(1), reply.toString());
        assertTrue(((String) reply.arg(2)).contains(text), reply.toString());
    }

    private void saveSong(String name, float gain) throws IOException {
        assertOk(osc.request("/encore/param/mix/gain", gain));
        assertOk(osc.request("/encore/save", name));
        osc.await(push("/encore/session", name, 1, 1).or(m -> m.address().equals("/encore/session") && m.arg(0).equals(name)));
        osc.drain();
    }

    @Test
    void aParameterChangeShowsUnsavedAndDirty() throws IOException {
        start(DaemonStage.QUIET_MAP);
        Message reply = osc.request("/encore/param/mix/gain", 0.8f);
        assertOk(reply);
        osc.await(push("/encore/status", "unsaved"));
        osc.await(push("/encore/dirty", 1));
    }

    @Test
    void saveShowsSavingThenSavedAndNamesTheSession() throws IOException {
        start(DaemonStage.QUIET_MAP);
        assertOk(osc.request("/encore/param/mix/gain", 0.8f));
        osc.await(push("/encore/status", "unsaved"));
        Message reply = osc.request("/encore/save", "Opening");
        assertOk(reply);
        assertTrue(reply.arg(1).toString().contains("Opening"), reply.toString());
        List<Message> pushes = osc.until(push("/encore/status", "saved"));
        assertTrue(pushes.stream().anyMatch(push("/encore/status", "saving")), "saving comes before saved: " + pushes);
        osc.await(push("/encore/dirty", 0));
        osc.await(push("/encore/session", "Opening", 1, 1));
    }

    @Test
    void saveCopyAndListShowEverySessionThenTheCount() throws IOException {
        start(DaemonStage.QUIET_MAP);
        saveSong("Opening", 0.5f);
        assertOk(osc.request("/encore/save_copy", "Encore"));
        osc.await(push("/encore/session", "Encore", 2, 2));
        osc.send("/encore/list");
        List<Message> answer = osc.until(m -> m.address().equals("/encore/reply") && m.arg(0).equals("/encore/list"));
        List<Message> items = answer.stream().filter(m -> m.address().equals("/encore/list/item")).toList();
        assertEquals(2, items.size(), answer.toString());
        assertEquals(List.of(1, "Opening"), items.get(0).args().subList(0, 2));
        assertEquals(List.of(2, "Encore"), items.get(1).args().subList(0, 2));
        assertEquals(16, ((String) items.get(1).arg(2)).length(), "the stable id");
        assertEquals(0, items.get(1).arg(3), "no draft");
        Message end = answer.stream().filter(m -> m.address().equals("/encore/list/end")).findFirst().orElseThrow();
        assertEquals(List.of(2), end.args());
        assertTrue(answer.indexOf(end) > answer.indexOf(items.get(1)), "the end follows the items");
    }

    @Test
    void nextAndPrevStopAtTheEndsWhenWrapIsOff() throws IOException {
        start(DaemonStage.QUIET_MAP);
        saveSong("One", 0.1f);
        assertOk(osc.request("/encore/save_copy", "Two"));
        assertError(-3, osc.request("/encore/next"), "");
        assertOk(osc.request("/encore/prev"));
        osc.await(push("/encore/session", "One", 1, 2));
        assertError(-3, osc.request("/encore/prev"), "");
    }

    @Test
    void nextWrapsToTheFirstSongWhenWrapIsOn() throws IOException {
        start(DaemonStage.QUIET_MAP + "session:\n  wrap: true\n");
        saveSong("One", 0.1f);
        assertOk(osc.request("/encore/save_copy", "Two"));
        osc.await(push("/encore/session", "Two", 2, 2));
        assertOk(osc.request("/encore/next"));
        osc.await(push("/encore/session", "One", 1, 2));
        assertOk(osc.request("/encore/prev"));
        osc.await(push("/encore/session", "Two", 2, 2));
    }

    @Test
    void renameRenamesTheActiveSession() throws IOException {
        start(DaemonStage.QUIET_MAP);
        saveSong("Untitled", 0.3f);
        assertOk(osc.request("/encore/rename", "Finale"));
        osc.await(push("/encore/session", "Finale", 1, 1));
        assertError(-3, osc.request("/encore/open", "Untitled"), "");
    }

    @Test
    void deleteArmsFirstAndASecondDeleteConfirms() throws IOException {
        start(DaemonStage.QUIET_MAP);
        saveSong("Keep", 0.1f);
        assertOk(osc.request("/encore/save_copy", "Drop"));
        assertError(-7, osc.request("/encore/delete"), "");
        osc.await(push("/encore/armed", "delete", 1));
        assertOk(osc.request("/encore/delete"));
        assertError(-3, osc.request("/encore/open", "Drop"), "");
        assertOk(osc.request("/encore/delete", "Keep", "confirm"));
        osc.send("/encore/list");
        osc.await(push("/encore/list/end", 0));
    }

    @Test
    void revertArmsThenBringsTheSavedValuesBack() throws IOException {
        start(DaemonStage.QUIET_MAP);
        saveSong("Song", 0.5f);
        assertOk(osc.request("/encore/param/mix/gain", 0.9f));
        osc.await(push("/encore/status", "unsaved"));
        assertError(-7, osc.request("/encore/revert"), "");
        osc.await(push("/encore/armed", "revert", 1));
        assertOk(osc.request("/encore/revert"));
        osc.await(push("/encore/param/mix/gain", 0.5f));
        osc.await(push("/encore/status", "saved"));
        Message value = osc.request("/encore/param/mix/gain");
        assertOk(value);
        osc.await(push("/encore/param/mix/gain", 0.5f));
    }

    @Test
    void afterARestartOpeningASessionPushesItsParametersBack() throws IOException {
        start(DaemonStage.QUIET_MAP);
        saveSong("Quiet", 0.25f);
        assertOk(osc.request("/encore/param/mix/gain", 0.75f));
        assertOk(osc.request("/encore/param/scene/title", "storm"));
        assertOk(osc.request("/encore/save_copy", "Loud"));
        stage.restart();
        assertOk(osc.request("/encore/open", "Quiet"));
        osc.await(push("/encore/param/mix/gain", 0.25f));
        osc.await(push("/encore/session", "Quiet", 1, 2));
        assertOk(osc.request("/encore/open", 2));
        osc.await(push("/encore/param/mix/gain", 0.75f));
        osc.await(push("/encore/param/scene/title", "storm"));
    }

    @Test
    void syncSendsTheWholeStateBeforeItsReply() throws IOException {
        start(DaemonStage.QUIET_MAP);
        saveSong("Song", 0.5f);
        osc.send("/encore/sync");
        List<Message> dump = osc.until(m -> m.address().equals("/encore/reply") && m.arg(0).equals("/encore/sync"));
        assertTrue(dump.stream().anyMatch(push("/encore/status", "saved")), dump.toString());
        assertTrue(dump.stream().anyMatch(push("/encore/dirty", 0)), dump.toString());
        assertTrue(dump.stream().anyMatch(push("/encore/session", "Song", 1, 1)), dump.toString());
        assertTrue(dump.stream().anyMatch(m -> m.address().equals("/encore/list/item") && m.arg(1).equals("Song")), dump.toString());
        assertTrue(dump.stream().anyMatch(push("/encore/list/end", 1)), dump.toString());
        assertTrue(dump.stream().anyMatch(push("/encore/param/mix/gain", 0.5f)), dump.toString());
    }

    @Test
    void wrongArgumentsAndUnknownAddressesGetErrorsWithTheirCodes() throws IOException {
        start(DaemonStage.QUIET_MAP);
        assertError(-2, osc.request("/encore/move", "x"), "i:from i:to");
        assertError(-2, osc.request("/encore/open"), "s:name | i:position");
        assertError(-2, osc.request("/encore/rename", 3), "s:new_name");
        assertError(-2, osc.request("/encore/stems/mode", "loud"), "full, vocals or instruments");
        assertError(-2, osc.request("/encore/track/trim", 1), "i:track f:start_s f:end_s");
        assertError(-2, osc.request("/encore/next", 1.0f), "no arguments");
        assertError(-2, osc.request("/encore/sav"), "did you mean 'save'");
        assertError(-2, osc.request("/somewhere/else"), "Unknown address");
        assertError(-3, osc.request("/encore/open", "No such song"), "No such song");
        assertError(-5, osc.request("/encore/rename", "Name"), "");
        osc.send("/encore/ping");
        osc.await(push("/encore/pong", 1));
        assertOk(osc.answerTo("/encore/ping"));
    }

    @Test
    void theHeartbeatReportsTheLastStatusAndPosition() throws IOException {
        start("osc:\n  host: 127.0.0.1\n  heartbeat_s: 1\n");
        saveSong("Song", 0.5f);
        Message beat = osc.await(m -> m.address().equals("/encore/heartbeat") && m.args().subList(1, 4).equals(List.of("saved", 1, 0)));
        assertTrue(beat.arg(0) instanceof Integer, "a sequence number comes first: " + beat);
    }

    @Test
    void renamedButtonsRunTheirCommandAndFeedbackLinesFollowThePushes() throws IOException {
        start(DaemonStage.QUIET_MAP + """
                addresses:
                  save: /1/save
                  open: /1/open
                feedback:
                  - {event: status, when: saved, address: /1/led_saved, args: [1.0]}
                  - {event: session, address: /1/label, args: ["{position} / {count}"]}
                """);
        assertOk(osc.request("/encore/param/mix/gain", 0.4f));
        assertOk(osc.request("/1/save", 0.0f));
        osc.await(push("/encore/status", "unsaved"));
        assertOk(osc.request("/1/save", 1.0f));
        osc.await(push("/encore/status", "saved"));
        osc.await(push("/1/led_saved", 1.0f));
        osc.await(push("/1/label", "1 / 1"));
        assertOk(osc.request("/1/open", 1.0f));
    }
}
