package dev.encore.app;

import static dev.encore.app.DaemonTest.assertError;
import static dev.encore.app.DaemonTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.app.OscClient.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History, undo, redo, undelete and opening an older revision, as a controller sends them over UDP. */
class DaemonHistoryTest {
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

    private void saveWithGain(float gain) throws IOException {
        assertOk(osc.request("/encore/param/mix/gain", gain));
        assertOk(osc.request("/encore/save", "Song"));
        osc.drain();
    }

    private float gain() throws IOException {
        osc.drain();
        osc.send("/encore/param/mix/gain");
        Message m = osc.await(x -> x.address().equals("/encore/param/mix/gain") && !x.args().isEmpty());
        osc.drain();
        return ((Number) m.arg(0)).floatValue();
    }

    @Test
    void historyListsEverySaveNewestFirstAndUndoAndRedoMoveTheLiveStateWithIt() throws IOException {
        stage = new DaemonStage(dir, DaemonStage.QUIET_MAP);
        osc = stage.client;
        saveWithGain(0.1f);
        saveWithGain(0.2f);
        saveWithGain(0.3f);

        osc.send("/encore/history");
        List<Message> rows = osc.until(m -> m.address().equals("/encore/history/end"));
        List<Message> items = rows.stream().filter(m -> m.address().equals("/encore/history/item")).toList();
        assertEquals(List.of(3, 2, 1), items.stream().map(m -> m.arg(0)).toList());
        assertTrue(((String) items.get(0).arg(1)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), items.toString());
        assertEquals(3, rows.get(rows.size() - 1).arg(0));
        assertOk(osc.await(m -> m.address().startsWith("/encore/reply") || m.address().startsWith("/encore/error")));

        Message undone = osc.request("/encore/undo");
        assertOk(undone);
        assertTrue(((String) undone.arg(1)).contains("revision 2"), undone.toString());
        osc.awaitPush("/encore/param/mix/gain", 0.2f);
        assertEquals(0.2f, gain());
        assertOk(osc.request("/encore/undo"));
        assertEquals(0.1f, gain());
        assertError(-3, osc.request("/encore/undo"), "Nothing to undo");
        assertOk(osc.request("/encore/redo"));
        assertEquals(0.2f, gain());

        stage.daemon().close();
        stage.start();
        osc = stage.client;
        assertEquals(0.2f, gain(), "undo and redo are durable");

        assertOk(osc.request("/encore/param/mix/gain", 0.9f));
        assertError(-6, osc.request("/encore/undo"), "unsaved changes");
        assertEquals(0.9f, gain(), "a refused undo keeps the unsaved work");
    }

    @Test
    void undeleteBringsBackTheDeletedSessionAndAnOlderRevisionOpensUnsaved() throws IOException {
        stage = new DaemonStage(dir, DaemonStage.QUIET_MAP);
        osc = stage.client;
        saveWithGain(0.1f);
        saveWithGain(0.4f);
        assertOk(osc.request("/encore/delete", "Song", "confirm"));
        assertOk(osc.request("/encore/undelete"));
        osc.drain();
        osc.send("/encore/list");
        osc.await(m -> m.address().equals("/encore/list/item") && m.arg(1).equals("Song"));
        osc.drain();

        Message opened = osc.request("/encore/open", "Song", 1);
        assertOk(opened);
        osc.awaitPush("/encore/status", "unsaved");
        assertEquals(0.1f, gain());
        assertError(-3, osc.request("/encore/open", "Song", 9), "no retained revision 9");
        assertError(-3, osc.request("/encore/undelete"), "No deleted session");
    }
}
