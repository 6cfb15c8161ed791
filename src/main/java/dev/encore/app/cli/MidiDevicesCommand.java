package dev.encore.app.cli;

import dev.encore.control.midi.CoreMidiDeviceSource;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sound.midi.MidiDevice;
import picocli.CommandLine.Command;

/** {@code encore midi-devices}: the names to write under a controller's input and output in osc-map.yaml. */
@Command(name = "midi-devices", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = "Print the MIDI inputs and outputs this computer offers, with the names to write in osc-map.yaml.")
public final class MidiDevicesCommand implements Callable<Integer> {
    private final Terminal terminal;

    public MidiDevicesCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<MidiDevice> devices = new CoreMidiDeviceSource().devices();
        print("Inputs (controller input: [...])", devices.stream().filter(d -> d.getMaxTransmitters() != 0).toList());
        print("Outputs (controller output: [...], for LEDs)", devices.stream().filter(d -> d.getMaxReceivers() != 0).toList());
        terminal.out().println(CoreMidiDeviceSource.coreMidiActive() ? "Device names come from CoreMidi4J."
                : "Device names come from javax.sound.midi.");
        return ExitCode.OK;
    }

    private void print(String title, List<MidiDevice> devices) {
        terminal.out().println(title + ":");
        if (devices.isEmpty()) {
            terminal.out().println("  none");
        }
        for (MidiDevice d : devices) {
            MidiDevice.Info info = d.getDeviceInfo();
            terminal.out().println("  \"" + info.getName() + "\"  (" + info.getVendor() + ", " + info.getDescription() + ")");
        }
    }
}
