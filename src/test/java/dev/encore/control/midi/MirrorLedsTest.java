package dev.encore.control.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.control.ControlMap;
import dev.encore.control.MidiController;
import dev.encore.control.map.ControlMapReader;
import dev.encore.testing.RecordingReceiver;
import java.nio.file.Path;
import java.util.List;
import javax.sound.midi.ShortMessage;
import org.junit.jupiter.api.Test;

/** The APC mini mk2 preset's mirror pad, driven through the real LED output into a MIDI receiver. */
class MirrorLedsTest {
    @Test
    void eachMirrorStateLightsItsColourAndAReplugShowsTheLastOne() throws Exception {
        ControlMap map = ControlMapReader.load(Path.of("presets/apc-mini-mk2.yaml"));
        MidiController apc = map.midi().controllers().get(0);
        MidiLedOutput out = new MidiLedOutput(apc.name(), apc.leds(), List.of());
        RecordingReceiver device = new RecordingReceiver();
        out.attach(device);
        int at = 0;
        String[][] expected = {{"mirrored", "7", "21"}, {"behind", "7", "13"}, {"no backup", "7", "9"}, {"primary lost", "14", "5"}};
        for (String[] e : expected) {
            out.onMirror(e[0]);
            int channel = Integer.parseInt(e[1]) - 1;
            int velocity = Integer.parseInt(e[2]);
            at = device.await(at, m -> m.getCommand() == ShortMessage.NOTE_ON && m.getData1() == 60 && m.getChannel() == channel
                    && m.getData2() == velocity, 2000, e[0] + " on pad 60");
        }
        int before = device.messages().size();
        out.onMirror("something else");
        assertEquals(before, device.messages().size(), "an unknown state lights nothing");

        RecordingReceiver again = new RecordingReceiver();
        out.detach();
        out.attach(again);
        again.await(0, m -> m.getData1() == 60 && m.getChannel() == 13 && m.getData2() == 5, 2000, "primary lost again after a replug");
    }
}
