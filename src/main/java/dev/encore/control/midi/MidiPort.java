package dev.encore.control.midi;

import java.util.List;
import javax.sound.midi.MidiDevice;

/**
 * A MIDI device as osc-map.yaml names it ({@code input:} and {@code output:} match {@code name}),
 * with whether it can send (an input to Encore) and receive (an output, for LEDs).
 */
public record MidiPort(String name, String vendor, String description, boolean input, boolean output) {
    /** The ports of the devices a source lists now. */
    public static List<MidiPort> of(MidiDeviceSource source) {
        return source.devices().stream().map(MidiPort::of).toList();
    }

    private static MidiPort of(MidiDevice device) {
        MidiDevice.Info info = device.getDeviceInfo();
        return new MidiPort(info.getName(), info.getVendor(), info.getDescription(), device.getMaxTransmitters() != 0,
                device.getMaxReceivers() != 0);
    }
}
