package dev.encore.app.cli;

import dev.encore.control.midi.CoreMidiDeviceSource;
import dev.encore.control.midi.MidiPort;
import java.util.List;
import java.util.concurrent.Callable;
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
        List<MidiPort> ports = MidiPort.of(new CoreMidiDeviceSource());
        print("Inputs (controller input: [...])", ports.stream().filter(MidiPort::input).toList());
        print("Outputs (controller output: [...], for LEDs)", ports.stream().filter(MidiPort::output).toList());
        terminal.out().println(CoreMidiDeviceSource.coreMidiActive() ? "Device names come from CoreMidi4J."
                : "Device names come from javax.sound.midi.");
        return ExitCode.OK;
    }

    private void print(String title, List<MidiPort> ports) {
        terminal.out().println(title + ":");
        if (ports.isEmpty()) {
            terminal.out().println("  none");
        }
        for (MidiPort port : ports) {
            terminal.out().println("  \"" + port.name() + "\"  (" + port.vendor() + ", " + port.description() + ")");
        }
    }
}
