package dev.encore.control.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encore.control.map.ControlMapReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class MidiMapValidatorTest {
    private static List<ControlMapProblem> problems(String yaml) {
        return ControlMapReader.read(yaml, "osc-map.yaml", null).problems();
    }

    private static void assertProblem(ControlMapProblem problem, int line, String text) {
        assertEquals(line, problem.line(), problem.toString());
        assertTrue(problem.message().contains(text), problem.toString());
    }

    @Test
    void twoBindingsForTheSamePressAreRefusedAtTheSecond() {
        List<ControlMapProblem> found = problems("""
                midi:
                  controllers:
                    - name: foot
                      input: [FCB]
                      bindings:
                        - {note: 36, command: save}
                        - {note: 36, press: long, command: save_copy}
                        - {note: 36, channel: 3, command: next}
                        - {note: 37, channel: 2, command: next}
                        - {note: 37, channel: 3, command: prev}
                """);
        assertEquals(1, found.size(), found.toString());
        assertProblem(found.get(0), 8, "this binding repeats binding 1 (same note 36, channel and press 'press')");
    }

    @Test
    void midiValuesOutsideTheirRangeSayTheRange() {
        List<ControlMapProblem> found = problems("""
                midi:
                  controllers:
                    - input: [FCB]
                      bindings:
                        - {note: 128, command: save}
                        - {cc: 20, channel: 0, command: next}
                        - {cc: 21, channel: 17, threshold: 0, command: prev}
                """);
        assertEquals(4, found.size(), found.toString());
        assertProblem(found.get(0), 5, "'note' is 128; write a value from 0 to 127");
        assertProblem(found.get(1), 6, "'channel' is 0; write a value from 1 to 16");
        assertProblem(found.get(2), 7, "'channel' is 17");
        assertProblem(found.get(3), 7, "'threshold' is 0; write a value from 1 to 127");
    }

    @Test
    void unknownCommandsSuggestTheNearestOne() {
        List<ControlMapProblem> found = problems("""
                midi:
                  controllers:
                    - input: [FCB]
                      bindings:
                        - {note: 1, command: save-copy}
                        - {note: 2, command: explode}
                        - {note: 3, command: param/mix/volume, args: [0.5]}
                """);
        assertEquals(2, found.size(), found.toString());
        assertProblem(found.get(0), 5, "unknown command 'save-copy'; did you mean 'save_copy'?");
        assertProblem(found.get(1), 6, "unknown command 'explode'; commands: save, save_copy, open");
    }

    @Test
    void aBindingNeedsExactlyOneInputAndAGestureItsInputCanMake() {
        List<ControlMapProblem> found = problems("""
                midi:
                  controllers:
                    - input: [FCB]
                      bindings:
                        - {note: 1, cc: 2, command: save}
                        - {command: save}
                        - {program_change: 5, press: long, command: save}
                        - {note: 4, threshold: 10, command: next}
                        - {note: 5, long_press_ms: 900, command: next}
                """);
        assertEquals(5, found.size(), found.toString());
        assertProblem(found.get(0), 5, "exactly one of note, cc or program_change (found 2)");
        assertProblem(found.get(1), 6, "exactly one of note, cc or program_change (found 0)");
        assertProblem(found.get(2), 7, "a program change has no release, so it cannot be a long press");
        assertProblem(found.get(3), 8, "'threshold' only applies to cc bindings");
        assertProblem(found.get(4), 9, "'long_press_ms' only applies with press: long");
    }

    @Test
    void unknownPressKindsAreNamedWithTheChoices() {
        List<ControlMapProblem> found = problems("""
                midi:
                  controllers:
                    - input: [FCB]
                      bindings:
                        - note: 1
                          press: dubble
                          command: save
                """);
        assertEquals(1, found.size(), found.toString());
        assertProblem(found.get(0), 6, "unknown value 'dubble' for 'press'; did you mean 'double'?");
    }

    @Test
    void ledMessagesMustBeANoteWithVelocityOrACcWithValue() {
        List<ControlMapProblem> found = problems("""
                midi:
                  controllers:
                    - output: [APC]
                      leds:
                        status:
                          saved: {note: 1, value: 21}
                          unsaved: {cc: 2, velocity: 9}
                          error: {velocity: 5}
                          saving: {note: 1, velocity: 200}
                        armed:
                          delet: {note: 7, velocity: 5}
                """);
        assertEquals(5, found.size(), found.toString());
        assertProblem(found.get(0), 6, "a note LED takes 'velocity', not 'value'; write velocity: 21");
        assertProblem(found.get(1), 7, "a cc LED takes 'value', not 'velocity'; write value: 9");
        assertProblem(found.get(2), 8, "exactly one of note or cc");
        assertProblem(found.get(3), 9, "'velocity' is 200");
        assertProblem(found.get(4), 11, "unknown key 'delet' in 'armed'; did you mean 'delete'?");
    }

    @Test
    void devicesMustBeNamedAndOutputsNeverMatchEverything() {
        List<ControlMapProblem> found = problems("""
                midi:
                  controllers:
                    - name: nothing
                    - name: all
                      input: ["*"]
                      output: ["*"]
                      init_sysex: ["F0 00 20 29 02 0D 0E 01", "F0 7E 7F 06 01 F7"]
                """);
        assertEquals(3, found.size(), found.toString());
        assertProblem(found.get(0), 3, "controller 'nothing' names no device");
        assertProblem(found.get(1), 6, "would send LED notes to every synthesizer");
        assertProblem(found.get(2), 7, "is not a SysEx message");
    }

    @Test
    void oneCcButtonHasOneThresholdAndParameterPathsArePlainAddresses() {
        List<ControlMapProblem> found = problems("""
                midi:
                  controllers:
                    - input: [FCB]
                      bindings:
                        - {cc: 80, threshold: 100, command: save}
                        - {cc: 80, threshold: 30, press: long, command: save_copy}
                        - {note: 1, command: "param/mix volume", args: [1]}
                """);
        assertEquals(2, found.size(), found.toString());
        assertProblem(found.get(0), 6, "cc 80 already has threshold 100 in binding 1");
        assertProblem(found.get(1), 7, "may not contain spaces");
    }

    @Test
    void gestureTimingsOutsideTheirRangeAreRefused() {
        List<ControlMapProblem> found = problems("""
                midi:
                  long_press_ms: 20
                  double_press_ms: 5000
                  cc_threshold: 0
                """);
        assertEquals(3, found.size(), found.toString());
        assertProblem(found.get(0), 2, "'long_press_ms' is 20; write a value from 100 to 10000");
        assertProblem(found.get(1), 3, "'double_press_ms' is 5000");
        assertProblem(found.get(2), 4, "'cc_threshold' is 0");
    }
}
