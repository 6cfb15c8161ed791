package dev.encore.control;

import java.util.List;

/**
 * One MIDI controller: which input and output devices it is (name substrings, case-insensitive;
 * {@code "*"} as input means any device no other controller claims), its bindings, its LEDs, and
 * SysEx sent to its output when it is attached (for example to select a programmer mode).
 */
public record MidiController(
        String name,
        List<String> input,
        List<String> output,
        Boolean programChange,
        List<String> initSysex,
        List<MidiBinding> bindings,
        LedMap leds) {

    /** The input pattern that matches every device not claimed by name. */
    public static final String ANY_DEVICE = "*";

    public MidiController {
        name = name == null ? "controller" : name;
        input = input == null ? List.of() : List.copyOf(input);
        output = output == null ? List.of() : List.copyOf(output);
        programChange = programChange == null ? Boolean.TRUE : programChange;
        initSysex = initSysex == null ? List.of() : List.copyOf(initSysex);
        bindings = bindings == null ? List.of() : List.copyOf(bindings);
        leds = leds == null ? LedMap.none() : leds;
    }

    /** How well a device name fits this controller's input: 2 by name, 1 as catch-all, 0 not at all. */
    public int inputMatch(String deviceName) {
        return match(input, deviceName);
    }

    /** True when a device name is one of this controller's outputs (never by catch-all). */
    public boolean outputMatches(String deviceName) {
        return match(output, deviceName) == 2;
    }

    private static int match(List<String> patterns, String deviceName) {
        String lower = deviceName.toLowerCase(java.util.Locale.ROOT);
        int best = 0;
        for (String pattern : patterns) {
            if (pattern.equals(ANY_DEVICE)) {
                best = Math.max(best, 1);
            } else if (!pattern.isEmpty() && lower.contains(pattern.toLowerCase(java.util.Locale.ROOT))) {
                return 2;
            }
        }
        return best;
    }
}
