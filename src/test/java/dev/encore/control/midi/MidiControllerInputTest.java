package dev.encore.control.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.control.ControlCommand;
import dev.encore.control.ControlMap;
import dev.encore.control.ManualPressTimer;
import dev.encore.control.Reply;
import dev.encore.control.map.ControlMapReader;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.ShortMessage;
import org.junit.jupiter.api.Test;

class MidiControllerInputTest {
    private static final String MAP = """
            midi:
              long_press_ms: 600
              double_press_ms: 300
              controllers:
                - name: foot
                  input: [FCB]
                  bindings:
                    - {note: 36, command: save}
                    - {note: 37, channel: 2, command: next}
                    - {note: 38, command: prev}
                    - {note: 38, press: double, command: delete, args: [confirm]}
                    - {note: 39, command: save}
                    - {note: 39, press: long, command: save_copy}
                    - {cc: 80, command: next}
                    - {cc: 81, threshold: 100, command: param/mix/mute, args: [1]}
                    - {program_change: 127, command: sync}
                    - {note: 40, command: /encore/next}
            """;

    private final ManualPressTimer timer = new ManualPressTimer();
    private final List<ControlCommand> commands = new ArrayList<>();
    private final MidiControllerInput input = inputFor(MAP, "FCB1010 Port 1");

    private MidiControllerInput inputFor(String yaml, String device) {
        ControlMapReader.Outcome outcome = ControlMapReader.read(yaml, "osc-map.yaml", null);
        assertEquals(List.of(), outcome.problems());
        ControlMap map = outcome.map();
        return new MidiControllerInput(map.midi().controllers().get(0), map.midi(), device, (command, reply) -> {
            commands.add(command);
            reply.accept(new Reply.Ok("done"));
        }, timer);
    }

    private void play(int command, int channel, int data1, int data2) {
        try {
            input.send(new ShortMessage(command, channel - 1, data1, data2), -1);
        } catch (InvalidMidiDataException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> addresses() {
        return commands.stream().map(ControlCommand::address).toList();
    }

    @Test
    void noteOnRunsItsCommandAtOnceWithTheDeviceAsOrigin() {
        play(ShortMessage.NOTE_ON, 1, 36, 100);
        assertEquals(List.of(new ControlCommand("/encore/save", List.of(), "midi FCB1010 Port 1")), commands);
    }

    @Test
    void noteOffAndNoteOnWithVelocityZeroRunNothing() {
        play(ShortMessage.NOTE_ON, 1, 36, 100);
        play(ShortMessage.NOTE_ON, 1, 36, 0);
        play(ShortMessage.NOTE_ON, 1, 36, 90);
        play(ShortMessage.NOTE_OFF, 1, 36, 0);
        assertEquals(List.of("/encore/save", "/encore/save"), addresses());
    }

    @Test
    void aBindingOnOneChannelIgnoresTheOthers() {
        play(ShortMessage.NOTE_ON, 1, 37, 100);
        play(ShortMessage.NOTE_ON, 2, 37, 100);
        assertEquals(List.of("/encore/next"), addresses());
    }

    @Test
    void controlChangeCrossingTheThresholdUpwardsIsOnePress() {
        play(ShortMessage.CONTROL_CHANGE, 1, 80, 63);
        assertEquals(List.of(), addresses());
        play(ShortMessage.CONTROL_CHANGE, 1, 80, 64);
        play(ShortMessage.CONTROL_CHANGE, 1, 80, 127);
        assertEquals(List.of("/encore/next"), addresses());
        play(ShortMessage.CONTROL_CHANGE, 1, 80, 0);
        play(ShortMessage.CONTROL_CHANGE, 1, 80, 127);
        assertEquals(List.of("/encore/next", "/encore/next"), addresses());
    }

    @Test
    void aBindingsOwnThresholdReplacesTheDefault() {
        play(ShortMessage.CONTROL_CHANGE, 1, 81, 99);
        assertEquals(List.of(), commands);
        play(ShortMessage.CONTROL_CHANGE, 1, 81, 100);
        assertEquals(List.of(new ControlCommand("/encore/param/mix/mute", List.of(1), "midi FCB1010 Port 1")), commands);
    }

    @Test
    void programChangeZeroOpensTheFirstSongOnAnyChannel() {
        play(ShortMessage.PROGRAM_CHANGE, 1, 0, 0);
        play(ShortMessage.PROGRAM_CHANGE, 16, 11, 0);
        assertEquals(List.of(new ControlCommand("/encore/open", List.of(1), "midi FCB1010 Port 1"),
                new ControlCommand("/encore/open", List.of(12), "midi FCB1010 Port 1")), commands);
    }

    @Test
    void aBoundProgramChangeRunsItsCommandInsteadOfOpening() {
        play(ShortMessage.PROGRAM_CHANGE, 3, 127, 0);
        assertEquals(List.of("/encore/sync"), addresses());
    }

    @Test
    void programChangesCanBeSwitchedOff() {
        MidiControllerInput quiet = inputFor("""
                midi:
                  controllers:
                    - {name: pads, input: [APC], program_change: false}
                """, "APC mini mk2");
        try {
            quiet.send(new ShortMessage(ShortMessage.PROGRAM_CHANGE, 0, 4, 0), -1);
        } catch (InvalidMidiDataException e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of(), commands);
    }

    @Test
    void holdingAButtonPastLongPressRunsTheLongCommandOnly() {
        play(ShortMessage.NOTE_ON, 1, 39, 127);
        timer.advance(599);
        assertEquals(List.of(), commands);
        timer.advance(1);
        play(ShortMessage.NOTE_OFF, 1, 39, 0);
        assertEquals(List.of("/encore/save_copy"), addresses());
    }

    @Test
    void tappingAButtonWithALongBindingRunsThePressOnRelease() {
        play(ShortMessage.NOTE_ON, 1, 39, 127);
        timer.advance(100);
        play(ShortMessage.NOTE_OFF, 1, 39, 0);
        assertEquals(List.of("/encore/save"), addresses());
    }

    @Test
    void aDoublePressRunsTheDoubleCommandAndAnOldConfirmArgumentBecomesTheConfirmAddress() {
        play(ShortMessage.NOTE_ON, 1, 38, 127);
        play(ShortMessage.NOTE_OFF, 1, 38, 0);
        timer.advance(200);
        play(ShortMessage.NOTE_ON, 1, 38, 127);
        play(ShortMessage.NOTE_OFF, 1, 38, 0);
        timer.advance(1000);
        assertEquals(List.of(new ControlCommand("/encore/delete/confirm", List.of(), "midi FCB1010 Port 1")), commands);
    }

    @Test
    void aSinglePressNextToADoubleBindingRunsOnceTheWindowHasPassed() {
        play(ShortMessage.NOTE_ON, 1, 38, 127);
        play(ShortMessage.NOTE_OFF, 1, 38, 0);
        timer.advance(299);
        assertTrue(commands.isEmpty());
        timer.advance(1);
        assertEquals(List.of("/encore/prev"), addresses());
    }

    @Test
    void aBindingMayNameItsCommandByTheFullAddress() {
        play(ShortMessage.NOTE_ON, 1, 40, 127);
        assertEquals(List.of("/encore/next"), addresses());
    }

    @Test
    void unboundNotesAndOtherMessagesAreIgnored() {
        play(ShortMessage.NOTE_ON, 1, 60, 127);
        play(ShortMessage.PITCH_BEND, 1, 0, 64);
        play(ShortMessage.CONTROL_CHANGE, 1, 7, 127);
        assertEquals(List.of(), commands);
    }
}
