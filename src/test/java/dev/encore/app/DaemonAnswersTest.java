package dev.encore.app;

import static dev.encore.app.DaemonTest.assertError;
import static dev.encore.app.DaemonTest.assertOk;
import static dev.encore.app.DaemonTest.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.encore.app.OscClient.Message;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command gets one clear answer over real UDP, also when it is malformed in a way a library
 * lets through, and one datagram cannot run or answer more than a bounded number of commands.
 */
class DaemonAnswersTest {
    @TempDir
    Path dir;

    private DaemonStage stage;
    private OscClient osc;

    @BeforeEach
    void start() throws IOException {
        stage = new DaemonStage(dir, DaemonStage.QUIET_MAP);
        osc = stage.client;
    }

    @AfterEach
    void stop() throws IOException {
        stage.close();
    }

    private static byte[] floatArg(float value) {
        return ByteBuffer.allocate(4).putFloat(value).array();
    }

    @Test
    void anAddressWithASpaceIsAnsweredWithAnErrorSayingSo() throws IOException {
        osc.sendRaw(RawOsc.message("/encore/param/a b", "f", floatArg(0.5f)));
        assertError(-2, osc.answerTo("/encore/param/a b"), "contains a space");
    }

    @Test
    void anAddressWithAnEmptyPartIsAnsweredWithAnErrorSayingSo() throws IOException {
        osc.sendRaw(RawOsc.message("/encore/param/x//y", "f", floatArg(0.5f)));
        assertError(-2, osc.answerTo("/encore/param/x//y"), "empty part");
    }

    @Test
    void textThatIsNotUtf8IsAnsweredNamingTheArgument() throws IOException {
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        RawOsc.padded(text, new byte[] {'a', (byte) 0xC3, '(', 'z'});
        osc.sendRaw(RawOsc.message("/encore/rename", "s", text.toByteArray()));
        assertError(-2, osc.answerTo("/encore/rename"), "argument 1 is text that is not valid UTF-8");
    }

    @Test
    void argumentTypesEncoreDoesNotTakeAreNamedAsOscNamesThem() throws IOException {
        List<String> expected = List.of("MIDI message (type m)", "colour (type r)", "time tag (type t)", "impulse (type I)");
        List<byte[]> packets = List.of(
                RawOsc.message("/encore/rename", "m", new byte[] {0, (byte) 0x90, 60, 100}),
                RawOsc.message("/encore/rename", "r", new byte[] {(byte) 255, 0, 0, (byte) 255}),
                RawOsc.message("/encore/rename", "t", new byte[] {0, 0, 0, 0, 0, 0, 0, 1}),
                RawOsc.message("/encore/rename", "I", new byte[0]));
        for (int i = 0; i < packets.size(); i++) {
            osc.sendRaw(packets.get(i));
            Message error = osc.answerTo("/encore/rename");
            assertError(-2, error, "argument 1 is an OSC " + expected.get(i));
            assertFalse(((String) error.arg(2)).contains("OSCMidi") || ((String) error.arg(2)).contains("OSCColor")
                    || ((String) error.arg(2)).contains("OSCTime") || ((String) error.arg(2)).contains("OSCImpulse"),
                    error.toString());
        }
    }

    @Test
    void anInt64ParameterComesBackAsTheSameInt64() throws IOException {
        assertOk(osc.request("/encore/param/big", 4_294_967_301L));
        assertOk(osc.request("/encore/param/big"));
        osc.await(push("/encore/param/big", 4_294_967_301L));
    }

    @Test
    void aDatagramOfFifteenHundredSaveCopiesIsRefusedWithOneErrorAndMakesNoSession() throws IOException {
        byte[] saveCopy = OscClient.encode("/encore/save_copy");
        osc.sendRaw(RawOsc.bundle(Collections.nCopies(1500, saveCopy)));
        assertError(-2, osc.answerTo("#bundle"), "at most 32 commands; this one held 1500");
        osc.send("/encore/list");
        osc.await(push("/encore/list/end", 0));
        assertOk(osc.answerTo("/encore/list"));
        List<Message> rest = osc.drain();
        assertFalse(rest.stream().anyMatch(m -> m.args().contains("/encore/save_copy")), rest.toString());
    }

    @Test
    void aDatagramOfTwoThousandSyncsGetsOneAnswerInsteadOfFiftyThousand() throws IOException {
        byte[] sync = OscClient.encode("/encore/sync");
        osc.sendRaw(RawOsc.bundle(Collections.nCopies(2000, sync)));
        assertError(-2, osc.answerTo("#bundle"), "none of them ran");
        osc.send("/encore/ping");
        List<Message> received = osc.until(m -> m.address().equals("/encore/reply") && m.arg(0).equals("/encore/ping"));
        assertEquals(List.of("/encore/pong", "/encore/reply"), received.stream().map(Message::address).toList(),
                received.toString());
    }

    @Test
    void aBundleOfThirtyTwoCommandsRunsThemAll() throws IOException {
        List<byte[]> sets = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            sets.add(OscClient.encode("/encore/param/fader/" + i, (float) i));
        }
        osc.sendRaw(RawOsc.bundle(sets));
        for (int i = 0; i < 32; i++) {
            assertOk(osc.answerTo("/encore/param/fader/" + i));
        }
        assertOk(osc.request("/encore/param/fader/31"));
        osc.await(push("/encore/param/fader/31", 31.0f));
    }

    @Test
    void anUnknownAddressWithAnAccentIsAnsweredAtThatAddress() throws IOException {
        byte[] badBytes = "/encore/x\u00e9".getBytes(StandardCharsets.UTF_8);
        osc.sendRaw(RawOsc.message(badBytes, "", new byte[0]));
        assertError(-2, osc.answerTo("/encore/x\u00e9"), "Unknown address");
    }
}
