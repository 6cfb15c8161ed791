package dev.encore.control;

import java.util.List;

/**
 * The {@code midi:} section: gesture timings and CC threshold shared by all bindings, how often
 * devices are looked for again (so a replugged controller comes back), and the controllers.
 */
public record MidiSettings(
        Integer longPressMs,
        Integer doublePressMs,
        Integer ccThreshold,
        Integer rescanMs,
        List<MidiController> controllers) {

    public MidiSettings {
        longPressMs = longPressMs == null ? 600 : longPressMs;
        doublePressMs = doublePressMs == null ? 300 : doublePressMs;
        ccThreshold = ccThreshold == null ? 64 : ccThreshold;
        rescanMs = rescanMs == null ? 2000 : rescanMs;
        controllers = controllers == null ? List.of() : List.copyOf(controllers);
    }

    static MidiSettings defaults() {
        return new MidiSettings(null, null, null, null, null);
    }
}
