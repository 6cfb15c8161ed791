package dev.encore.control.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.control.ControlCommand;
import dev.encore.control.ManualPressTimer;
import dev.encore.control.MidiSettings;
import dev.encore.control.Reply;
import dev.encore.control.map.ControlMapReader;
import dev.encore.testing.FakeMidiDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.ShortMessage;
import org.junit.jupiter.api.Test;

class MidiRigTest {
    private static final String MAP = """
            midi:
              controllers:
                - name: any input
                  input: ["*"]
                - name: pads
                  input: [APC mini]
                  output: [APC mini]
                  program_change: false
                  bindings:
                    - {note: 56, command: save}
                  leds:
                    status:
                      saved:   {note: 56, channel: 7, velocity: 21}
                      unsaved: {note: 56, channel: 7, velocity: 9}
            """;

    private final List<MidiDevice> plugged = new CopyOnWriteArrayList<>();
    private final List<ControlCommand> commands = new ArrayList<>();
    private final MidiRig rig = new MidiRig(settings(), () -> List.copyOf(plugged), (command, reply) -> {
        commands.add(command);
        reply.accept(new Reply.Ok("done"));
    }, new ManualPressTimer());

    private static MidiSettings settings() {
        ControlMapReader.Outcome outcome = ControlMapReader.read(MAP, "osc-map.yaml", null);
        assertEquals(List.of(), outcome.problems());
        return outcome.map().midi();
    }

    private static ShortMessage message(int command, int data1, int data2) {
        try {
            return new ShortMessage(command, 0, data1, data2);
        } catch (InvalidMidiDataException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFakeMidiDeviceIsAttachedToTheControllerNamedAfterIt() {
        FakeMidiDevice apc = new FakeMidiDevice("APC mini mk2 Control", true, true);
        plugged.add(apc);
        rig.rescan();
        apc.play(message(ShortMessage.NOTE_ON, 56, 127));
        apc.play(message(ShortMessage.PROGRAM_CHANGE, 3, 0));
        assertEquals(List.of(new ControlCommand("/encore/save", List.of(), "midi APC mini mk2 Control")), commands);
        rig.onStatus("saved");
        assertEquals(List.of("NOTE_ON ch7 56 21"), apc.leds.lines());
    }

    @Test
    void anyOtherInputFallsToTheCatchAllControllerAndOpensSongsByProgramChange() {
        FakeMidiDevice foot = new FakeMidiDevice("FCB1010", true, false);
        plugged.add(foot);
        rig.rescan();
        foot.play(message(ShortMessage.PROGRAM_CHANGE, 0, 0));
        assertEquals(List.of(new ControlCommand("/encore/open", List.of(1), "midi FCB1010")), commands);
    }

    @Test
    void aControllerUnpluggedAndPluggedBackInWorksAgainWithItsLeds() {
        FakeMidiDevice first = new FakeMidiDevice("APC mini mk2 Control", true, true);
        plugged.add(first);
        rig.rescan();
        rig.onStatus("saved");
        assertEquals(List.of("APC mini mk2 Control"), rig.attachedInputs());

        plugged.remove(first);
        rig.rescan();
        assertEquals(List.of(), rig.attachedInputs());
        assertTrue(!first.isOpen(), "the vanished device is closed");
        rig.onStatus("unsaved");

        FakeMidiDevice again = new FakeMidiDevice("APC mini mk2 Control", true, true);
        plugged.add(again);
        rig.rescan();
        assertEquals(List.of("APC mini mk2 Control"), rig.attachedInputs());
        assertEquals(List.of("NOTE_ON ch7 56 9"), again.leds.lines(), "the LEDs show the current status at once");
        again.play(message(ShortMessage.NOTE_ON, 56, 127));
        assertEquals(List.of("/encore/save"), commands.stream().map(ControlCommand::address).toList());
    }

    @Test
    void rescanningWithNothingChangedKeepsTheSameAttachment() {
        FakeMidiDevice apc = new FakeMidiDevice("APC mini mk2 Control", true, true);
        plugged.add(apc);
        rig.rescan();
        rig.rescan();
        rig.rescan();
        apc.play(message(ShortMessage.NOTE_ON, 56, 127));
        assertEquals(1, commands.size(), "one transmitter, so one command per press");
        assertEquals(0, apc.timesClosed);
    }

    @Test
    void closingLetsGoOfEveryDevice() {
        FakeMidiDevice apc = new FakeMidiDevice("APC mini mk2 Control", true, true);
        plugged.add(apc);
        rig.rescan();
        rig.close();
        assertTrue(!apc.isOpen());
        assertEquals(List.of(), rig.attachedInputs());
    }
}
