package dev.encore.control.midi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequencer;
import javax.sound.midi.Synthesizer;
import org.junit.jupiter.api.Test;

class CoreMidiDeviceSourceTest {
    @Test
    void listsThisMachinesDevicesWithoutJavasSynthesizerOrSequencer() throws Exception {
        List<MidiDevice> devices = new CoreMidiDeviceSource().devices();
        assertTrue(devices.stream().noneMatch(d -> d instanceof Sequencer || d instanceof Synthesizer), devices.toString());
        long hardware = 0;
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            MidiDevice device = MidiSystem.getMidiDevice(info);
            if (!(device instanceof Sequencer) && !(device instanceof Synthesizer)) {
                hardware++;
            }
        }
        assertTrue(devices.size() >= hardware, "every port javax.sound.midi lists is offered: " + devices);
    }
}
