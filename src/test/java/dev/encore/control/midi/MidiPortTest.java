package dev.encore.control.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encore.testing.FakeMidiDevice;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code encore midi-devices} prints comes from here: each device's name and which way it talks. */
class MidiPortTest {
    @Test
    void eachDeviceIsAnInputAnOutputOrBothUnderItsName() {
        MidiDeviceSource plugged = () -> List.of(new FakeMidiDevice("APC mini mk2 Control", true, true),
                new FakeMidiDevice("FCB1010", true, false), new FakeMidiDevice("LED bar", false, true));
        assertEquals(List.of(new MidiPort("APC mini mk2 Control", "test vendor", "test port", true, true),
                new MidiPort("FCB1010", "test vendor", "test port", true, false),
                new MidiPort("LED bar", "test vendor", "test port", false, true)), MidiPort.of(plugged));
    }
}
