package dev.encore.control.midi;

import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Sequencer;
import javax.sound.midi.Synthesizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.co.xfactorylibrarians.coremidi4j.CoreMidiDeviceProvider;
import uk.co.xfactorylibrarians.coremidi4j.CoreMidiException;

/**
 * The devices javax.sound.midi sees, through CoreMidi4J: on macOS it gives real device names and
 * notices hot-plugging (Java's own macOS provider does neither); elsewhere it passes the standard
 * list through unchanged.
 */
public final class CoreMidiDeviceSource implements MidiDeviceSource {
    private static final Logger LOG = LoggerFactory.getLogger(CoreMidiDeviceSource.class);

    @Override
    public List<MidiDevice> devices() {
        MidiDevice.Info[] infos;
        try {
            infos = CoreMidiDeviceProvider.getMidiDeviceInfo();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("CoreMidi4J unavailable ({}); using the standard MIDI device list", e.toString());
            infos = MidiSystem.getMidiDeviceInfo();
        }
        List<MidiDevice> devices = new ArrayList<>();
        for (MidiDevice.Info info : infos) {
            try {
                MidiDevice device = MidiSystem.getMidiDevice(info);
                if (!(device instanceof Sequencer) && !(device instanceof Synthesizer)) {
                    devices.add(device);
                }
            } catch (MidiUnavailableException | IllegalArgumentException e) {
                LOG.debug("MIDI device {} vanished while listing: {}", info.getName(), e.getMessage());
            }
        }
        return devices;
    }

    /** True when CoreMidi4J's native part is active (macOS). */
    public static boolean coreMidiActive() {
        try {
            return CoreMidiDeviceProvider.isLibraryLoaded();
        } catch (CoreMidiException | LinkageError e) {
            return false;
        }
    }
}
