package dev.encore.control.midi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.control.MidiController;
import dev.encore.control.map.ControlMapReader;
import dev.encore.testing.RecordingReceiver;
import java.util.HexFormat;
import java.util.List;
import javax.sound.midi.SysexMessage;
import org.junit.jupiter.api.Test;

class MidiLedOutputTest {
    private static final String MAP = """
            midi:
              controllers:
                - name: pads
                  output: [APC]
                  init_sysex: ["F0 00 20 29 02 0D 0E 01 F7"]
                  leds:
                    status:
                      saved:   {note: 56, channel: 7, velocity: 21}
                      unsaved: {note: 56, channel: 7, velocity: 9}
                      saving:  {note: 56, channel: 7, velocity: 13}
                      opening: {note: 56, channel: 7, velocity: 45}
                      error:   [{note: 56, channel: 7, velocity: 5}, {cc: 20, value: 127}]
                    armed:
                      delete: {note: 63, channel: 7, velocity: 5}
                      revert: {cc: 21, channel: 2, value: 100}
                    disarmed:
                      revert: {cc: 21, channel: 2, value: 10}
            """;

    private final RecordingReceiver out = new RecordingReceiver();
    private final MidiLedOutput leds = output();

    private static MidiLedOutput output() {
        ControlMapReader.Outcome outcome = ControlMapReader.read(MAP, "osc-map.yaml", null);
        assertEquals(List.of(), outcome.problems());
        MidiController pads = outcome.map().midi().controllers().get(0);
        return new MidiLedOutput(pads.name(), pads.leds(), pads.initSysex());
    }

    @Test
    void attachingSendsTheSetUpSysExFirst() {
        leds.attach(out);
        assertEquals(1, out.messages().size());
        SysexMessage sysex = (SysexMessage) out.messages().get(0);
        assertArrayEquals(HexFormat.of().parseHex("F0002029020D0E01F7"), sysex.getMessage());
    }

    @Test
    void eachStatusLightsItsColour() {
        leds.attach(out);
        out.clear();
        for (String state : List.of("saved", "unsaved", "saving", "opening", "error")) {
            leds.onStatus(state);
        }
        assertEquals(List.of("NOTE_ON ch7 56 21", "NOTE_ON ch7 56 9", "NOTE_ON ch7 56 13", "NOTE_ON ch7 56 45",
                "NOTE_ON ch7 56 5", "CC ch1 20 127"), out.lines());
    }

    @Test
    void armingLightsTheActionAndDisarmingTurnsItOff() {
        leds.attach(out);
        out.clear();
        leds.onArmed("delete", true);
        leds.onArmed("delete", false);
        leds.onArmed("revert", true);
        leds.onArmed("revert", false);
        assertEquals(List.of("NOTE_ON ch7 63 5", "NOTE_ON ch7 63 0", "CC ch2 21 100", "CC ch2 21 10"), out.lines());
    }

    @Test
    void aControllerAttachedLaterShowsTheCurrentStateAtOnce() {
        leds.onStatus("saving");
        leds.onStatus("unsaved");
        leds.onArmed("delete", true);
        leds.attach(out);
        assertEquals(List.of("NOTE_ON ch7 56 9", "NOTE_ON ch7 63 5"), out.lines());
    }

    @Test
    void unknownStatesAndDetachedOutputsSendNothing() {
        leds.attach(out);
        out.clear();
        leds.onStatus("dancing");
        leds.detach();
        leds.onStatus("saved");
        assertEquals(List.of(), out.lines());
    }
}
