package dev.encore.control.midi;

import java.util.List;
import javax.sound.midi.MidiDevice;

/**
 * Lists the MIDI devices present right now. Behind an interface so that a test can plug and unplug
 * devices; on stage it is {@link CoreMidiDeviceSource}.
 */
@FunctionalInterface
public interface MidiDeviceSource {
    /** Hardware and virtual MIDI ports; Java's software synthesizer and sequencer are left out. */
    List<MidiDevice> devices();
}
