package dev.encore.app;

import static dev.encore.app.DaemonTest.assertError;
import static dev.encore.app.DaemonTest.assertOk;
import static dev.encore.app.DaemonTest.push;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.testing.FakeMidiDevice;
import java.nio.file.Path;
import java.util.List;
import javax.sound.midi.ShortMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A MIDI controller drives the same protocol as OSC, and its LEDs follow the status and the arming. */
class DaemonMidiTest {
    private static final String MAP = DaemonStage.QUIET_MAP + """
            midi:
              controllers:
                - name: pads
                  input: ["Test Pads"]
                  output: ["Test Pads"]
                  program_change: true
                  bindings:
                    - {note: 36, command: save}
                    - {note: 38, command: delete}
                  leds:
                    status:
                      saved: {note: 56, velocity: 21}
                      unsaved: {note: 56, velocity: 5}
                      saving: {note: 56, velocity: 9}
                    armed:
                      delete: {note: 63, velocity: 5}
            """;

    @TempDir
    Path dir;

    @Test
    void programChangeOpensASongNotesSaveAndArmAndTheLedsFollow() throws Exception {
        FakeMidiDevice pads = new FakeMidiDevice("Test Pads", true, true);
        try (DaemonStage stage = new DaemonStage(dir, MAP, () -> List.of(pads))) {
            stage.daemon().midi().rescan();
            assertEquals(List.of("Test Pads"), stage.daemon().midi().attachedInputs());
            OscClient osc = stage.client;
            assertOk(osc.request("/encore/param/mix/gain", 0.2f));
            assertOk(osc.request("/encore/save", "One"));
            assertOk(osc.request("/encore/param/mix/gain", 0.6f));
            assertOk(osc.request("/encore/save_copy", "Two"));
            osc.await(push("/encore/session", "Two", 2, 2));

            pads.play(ShortMessage.PROGRAM_CHANGE, 0, 0);
            osc.await(push("/encore/session", "One", 1, 2));
            osc.await(push("/encore/param/mix/gain", 0.2f));

            assertOk(osc.request("/encore/param/mix/gain", 0.9f));
            pads.awaitLed(56, 5);
            pads.play(ShortMessage.NOTE_ON, 36, 100);
            pads.play(ShortMessage.NOTE_OFF, 36, 0);
            osc.await(push("/encore/status", "saved"));
            pads.awaitLed(56, 21);

            pads.play(ShortMessage.NOTE_ON, 38, 100);
            osc.await(push("/encore/armed", "delete", 1));
            pads.awaitLed(63, 5);
            pads.play(ShortMessage.NOTE_ON, 36, 100);
            osc.await(push("/encore/armed", "delete", 0));
            pads.awaitLed(63, 0);
            assertError(-3, osc.request("/encore/open", "No such song"), "No such song");
        }
    }
}
