package dev.encore.app;

import static dev.encore.app.DaemonTest.assertError;
import static dev.encore.app.DaemonTest.assertOk;
import static dev.encore.app.DaemonTest.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.app.OscClient.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller reads the whole state back over real UDP: {@code /encore/sync} sends every live track
 * with its trim, length and stems, the fixture, the stem mode and the parameters before its reply;
 * {@code /encore/fixtures} lists what osc-map.yaml declares, and an undeclared fixture is refused.
 */
class DaemonReadBackTest {
    private static final String FIXTURES = "session:\n  fixtures: [stage-left, center]\n";
    private static final String MAP = DaemonStage.QUIET_MAP + "media: [media]\n" + FIXTURES;

    @TempDir
    Path dir;

    @Test
    void syncSendsEachTrackTheFixtureTheStemModeAndTheParametersBeforeItsReply() throws IOException {
        Path media = Files.createDirectories(dir.resolve("media"));
        DaemonTracksTest.writeTone(media.resolve("tone.wav"), 1.0);
        try (DaemonStage stage = new DaemonStage(dir, MAP)) {
            OscClient osc = stage.client;
            assertOk(osc.request("/encore/track/import", "tone.wav"));
            osc.await(push("/encore/progress", "import", "tone.wav", 1.0f));
            assertOk(osc.request("/encore/track/trim", 1, 0.25f, 0.75f));
            assertOk(osc.request("/encore/fixture", "center"));
            assertOk(osc.request("/encore/param/mix/gain", 0.5f));
            assertOk(osc.request("/encore/save", "Opener"));
            osc.await(push("/encore/session", "Opener", 1, 1)); // the save's pushes are in before the sync
            osc.await(push("/encore/status", "saved"));
            osc.drain();

            osc.send("/encore/sync");
            List<Message> dump = osc.until(m -> m.address().equals("/encore/reply") && m.arg(0).equals("/encore/sync"));

            List<String> order = dump.stream().map(Message::address).toList();
            assertEquals(List.of("/encore/status", "/encore/dirty", "/encore/session", "/encore/list/item", "/encore/list/end",
                    "/encore/track/item", "/encore/track/end", "/encore/fixture", "/encore/stems/mode", "/encore/param/mix/gain",
                    "/encore/reply"), order);
            assertEquals(List.of("saved"), at(dump, "/encore/status").args());
            assertEquals(List.of("Opener", 1, 1), at(dump, "/encore/session").args());
            Message track = at(dump, "/encore/track/item");
            assertEquals(7, track.args().size(), track.toString());
            assertEquals(1, track.arg(0));
            assertTrue(track.arg(1) instanceof String id && id.length() == 36, "the track's stable id: " + track);
            assertEquals(List.of("tone.wav", 0.25f, 0.75f, 1.0f, 0), track.args().subList(2, 7));
            assertEquals(List.of(1), at(dump, "/encore/track/end").args());
            assertEquals(List.of("center"), at(dump, "/encore/fixture").args());
            assertEquals(List.of("full"), at(dump, "/encore/stems/mode").args());
            assertEquals(List.of(0.5f), at(dump, "/encore/param/mix/gain").args());
        }
    }

    @Test
    void fixturesListsTheDeclaredOnesAndAnUndeclaredIdIsRefusedChangingNothing() throws IOException {
        try (DaemonStage stage = new DaemonStage(dir, DaemonStage.QUIET_MAP + FIXTURES)) {
            OscClient osc = stage.client;
            assertOk(osc.request("/encore/fixture", "stage-left"));
            osc.drain();

            osc.send("/encore/fixtures");
            List<Message> listed = osc.until(m -> m.address().equals("/encore/reply") && m.arg(0).equals("/encore/fixtures"));
            assertEquals(List.of(new Message("/encore/fixtures/item", List.of("stage-left", 1)),
                    new Message("/encore/fixtures/item", List.of("center", 0)),
                    new Message("/encore/fixtures/end", List.of(2))),
                    listed.stream().filter(m -> m.address().startsWith("/encore/fixtures/")).toList());
            assertEquals("/encore/fixtures/end", listed.get(listed.size() - 2).address(), "the rows come before the reply");

            assertError(-18, osc.request("/encore/fixture", "nonsense"), "'nonsense'");
            osc.send("/encore/sync");
            List<Message> dump = osc.until(m -> m.address().equals("/encore/reply") && m.arg(0).equals("/encore/sync"));
            assertEquals(List.of("stage-left"), at(dump, "/encore/fixture").args(), "the selected fixture stays");
            assertError(-2, osc.request("/encore/fixtures", "extra"), "no arguments");
        }
    }

    private static Message at(List<Message> messages, String address) {
        Predicate<Message> wanted = m -> m.address().equals(address);
        return messages.stream().filter(wanted).findFirst().orElseThrow(() -> new AssertionError("no " + address + " in " + messages));
    }
}
