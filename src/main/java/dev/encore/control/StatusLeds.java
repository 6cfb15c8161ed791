package dev.encore.control;

import java.util.List;
import java.util.Map;

/** The LED messages sent when the status changes, one list per state (empty: nothing is sent). */
public record StatusLeds(
        List<LedMessage> saved,
        List<LedMessage> unsaved,
        List<LedMessage> saving,
        List<LedMessage> opening,
        List<LedMessage> error) {

    /** The state names a status push carries, in the order of this record. */
    public static final List<String> STATES = List.of("saved", "unsaved", "saving", "opening", "error");

    public StatusLeds {
        saved = saved == null ? List.of() : List.copyOf(saved);
        unsaved = unsaved == null ? List.of() : List.copyOf(unsaved);
        saving = saving == null ? List.of() : List.copyOf(saving);
        opening = opening == null ? List.of() : List.copyOf(opening);
        error = error == null ? List.of() : List.copyOf(error);
    }

    /** The messages for a state name; an unknown state sends nothing. */
    public List<LedMessage> forState(String state) {
        return asMap().getOrDefault(state, List.of());
    }

    public Map<String, List<LedMessage>> asMap() {
        return Map.of("saved", saved, "unsaved", unsaved, "saving", saving, "opening", opening, "error", error);
    }
}
