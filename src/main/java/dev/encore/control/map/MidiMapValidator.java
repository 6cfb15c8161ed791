package dev.encore.control.map;

import dev.encore.control.Commands;
import dev.encore.control.LedMap;
import dev.encore.control.LedMessage;
import dev.encore.control.MidiBinding;
import dev.encore.control.MidiController;
import dev.encore.control.MidiInputKind;
import dev.encore.control.MidiSettings;
import dev.encore.control.PressKind;
import dev.encore.control.Suggestions;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of the {@code midi:} section: MIDI values 0..127, channels 1..16, one input kind per
 * binding, gestures that fit the input, known commands, no two bindings for the same press, LED
 * messages a controller can take, and SysEx that is well-formed.
 */
final class MidiMapValidator {
    private final YamlDocument document;
    private final List<ControlMapProblem> problems = new ArrayList<>();

    private MidiMapValidator(YamlDocument document) {
        this.document = document;
    }

    static List<ControlMapProblem> check(MidiSettings midi, YamlDocument document) {
        MidiMapValidator validator = new MidiMapValidator(document);
        validator.range("/midi/long_press_ms", "long_press_ms", midi.longPressMs(), 100, 10_000);
        validator.range("/midi/double_press_ms", "double_press_ms", midi.doublePressMs(), 50, 2_000);
        validator.range("/midi/cc_threshold", "cc_threshold", midi.ccThreshold(), 1, 127);
        validator.range("/midi/rescan_ms", "rescan_ms", midi.rescanMs(), 200, 60_000);
        for (int c = 0; c < midi.controllers().size(); c++) {
            validator.checkController(midi.controllers().get(c), "/midi/controllers/" + c);
        }
        return validator.problems;
    }

    private void add(String pointer, String message) {
        problems.add(document.problem(pointer, message));
    }

    private void range(String pointer, String key, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            add(pointer, "'" + key + "' is " + value + "; write a value from " + min + " to " + max);
        }
    }

    private void checkController(MidiController controller, String pointer) {
        if (controller.input().isEmpty() && controller.output().isEmpty()) {
            add(pointer, "controller '" + controller.name() + "' names no device; add input: [\"part of its name\"]"
                    + " (or \"*\" for any input)");
        }
        for (int i = 0; i < controller.input().size(); i++) {
            if (controller.input().get(i).isBlank()) {
                add(pointer + "/input/" + i, "an empty device name matches nothing; write part of the name, or \"*\" for any input");
            }
        }
        for (int i = 0; i < controller.output().size(); i++) {
            String name = controller.output().get(i);
            if (name.isBlank() || name.equals(MidiController.ANY_DEVICE)) {
                add(pointer + "/output/" + i, "an output needs part of its device name ('" + name
                        + "' would send LED notes to every synthesizer); write for example \"APC mini\"");
            }
        }
        for (int i = 0; i < controller.initSysex().size(); i++) {
            String sysex = controller.initSysex().get(i);
            if (!sysex.matches("(?i)\\s*F0(\\s*[0-7][0-9A-F])*\\s*F7\\s*")) {
                add(pointer + "/init_sysex/" + i, "'" + sysex + "' is not a SysEx message; write hex bytes from F0 to F7,"
                        + " like \"F0 00 20 29 02 0D 0E 01 F7\"");
            }
        }
        List<MidiBinding> bindings = controller.bindings();
        for (int b = 0; b < bindings.size(); b++) {
            checkBinding(bindings.get(b), pointer + "/bindings/" + b);
            for (int earlier = 0; earlier < b; earlier++) {
                if (thresholdsDisagree(bindings.get(earlier), bindings.get(b))) {
                    add(pointer + "/bindings/" + b + "/threshold", "cc " + bindings.get(b).number()
                            + " already has threshold " + bindings.get(earlier).threshold() + " in binding " + (earlier + 1)
                            + "; one button has one threshold, write the same value or leave it out here");
                }
                if (overlaps(bindings.get(earlier), bindings.get(b))) {
                    add(pointer + "/bindings/" + b, "this binding repeats binding " + (earlier + 1) + " (same "
                            + bindings.get(b).kind() + " " + bindings.get(b).number() + ", channel and press '"
                            + bindings.get(b).press() + "'); change its number, channel or press, or remove one");
                }
            }
        }
        LedMap leds = controller.leds();
        leds.status().asMap().forEach((state, messages) -> checkLeds(messages, pointer + "/leds/status/" + state));
        leds.armed().asMap().forEach((action, messages) -> checkLeds(messages, pointer + "/leds/armed/" + action));
        leds.disarmed().asMap().forEach((action, messages) -> checkLeds(messages, pointer + "/leds/disarmed/" + action));
        leds.mirror().asMap().forEach((state, messages) -> checkLeds(messages, pointer + "/leds/mirror/" + state));
    }

    private static boolean thresholdsDisagree(MidiBinding a, MidiBinding b) {
        return a.kind() == MidiInputKind.CC && b.kind() == MidiInputKind.CC && a.number() == b.number()
                && a.threshold() != null && b.threshold() != null && !a.threshold().equals(b.threshold())
                && (a.channel() == null || b.channel() == null || a.channel().equals(b.channel()));
    }

    private static boolean overlaps(MidiBinding a, MidiBinding b) {
        return a.kind() != null && a.kind() == b.kind() && a.number() == b.number() && a.press() == b.press()
                && (a.channel() == null || b.channel() == null || a.channel().equals(b.channel()));
    }

    private void checkBinding(MidiBinding binding, String pointer) {
        int kinds = (binding.note() == null ? 0 : 1) + (binding.cc() == null ? 0 : 1) + (binding.programChange() == null ? 0 : 1);
        if (kinds != 1) {
            add(pointer, "a binding listens to exactly one of note, cc or program_change (found " + kinds
                    + "); write for example {note: 36, command: save}");
            return;
        }
        String kindKey = binding.kind().toString();
        range(pointer + "/" + kindKey, kindKey, binding.number(), 0, 127);
        range(pointer + "/channel", "channel", binding.channel(), 1, 16);
        if (binding.threshold() != null && binding.kind() != MidiInputKind.CC) {
            add(pointer + "/threshold", "'threshold' only applies to cc bindings; remove it");
        }
        range(pointer + "/threshold", "threshold", binding.threshold(), 1, 127);
        if (binding.kind() == MidiInputKind.PROGRAM_CHANGE && binding.press() != PressKind.PRESS) {
            add(pointer + "/press", "a program change has no release, so it cannot be a " + binding.press()
                    + " press; write press: press or bind a note or cc");
        }
        if (binding.longPressMs() != null && binding.press() != PressKind.LONG) {
            add(pointer + "/long_press_ms", "'long_press_ms' only applies with press: long; remove it or write press: long");
        }
        if (binding.doublePressMs() != null && binding.press() != PressKind.DOUBLE) {
            add(pointer + "/double_press_ms", "'double_press_ms' only applies with press: double; remove it or write press: double");
        }
        range(pointer + "/long_press_ms", "long_press_ms", binding.longPressMs(), 100, 10_000);
        range(pointer + "/double_press_ms", "double_press_ms", binding.doublePressMs(), 50, 2_000);
        if (binding.command() == null) {
            add(pointer, "a binding needs 'command'; write one of: " + String.join(", ", Commands.NAMES));
        } else if (Commands.isParam(binding.command())) {
            String wrong = ControlMapValidator.addressProblem(Commands.PREFIX + binding.command());
            if (wrong != null) {
                add(pointer + "/command", "'" + binding.command() + "': " + wrong);
            }
        } else if (!Commands.isCommand(binding.command())) {
            add(pointer + "/command", "unknown command '" + binding.command() + "'"
                    + Suggestions.hint(binding.command(), Commands.NAMES, "commands") + " (or param/<path>)");
        }
    }

    private void checkLeds(List<LedMessage> messages, String pointer) {
        for (int i = 0; i < messages.size(); i++) {
            LedMessage led = messages.get(i);
            String at = pointer + "/" + i;
            if ((led.note() == null) == (led.cc() == null)) {
                add(at, "an LED message is exactly one of note or cc; write for example {note: 0, velocity: 21}");
                continue;
            }
            range(at + "/channel", "channel", led.channel(), 1, 16);
            if (led.note() != null) {
                range(at + "/note", "note", led.note(), 0, 127);
                range(at + "/velocity", "velocity", led.velocity(), 0, 127);
                if (led.value() != null) {
                    add(at + "/value", "a note LED takes 'velocity', not 'value'; write velocity: " + led.value());
                }
            } else {
                range(at + "/cc", "cc", led.cc(), 0, 127);
                range(at + "/value", "value", led.value(), 0, 127);
                if (led.velocity() != null) {
                    add(at + "/velocity", "a cc LED takes 'value', not 'velocity'; write value: " + led.velocity());
                }
            }
        }
    }
}
