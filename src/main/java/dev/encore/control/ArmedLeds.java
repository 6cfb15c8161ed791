package dev.encore.control;

import java.util.List;
import java.util.Map;

/** The LED messages for the destructive actions that arm before they run, one list per action. */
public record ArmedLeds(List<LedMessage> delete, List<LedMessage> revert) {
    /** The actions an armed push names. */
    public static final List<String> ACTIONS = List.of("delete", "revert");

    public ArmedLeds {
        delete = delete == null ? List.of() : List.copyOf(delete);
        revert = revert == null ? List.of() : List.copyOf(revert);
    }

    public List<LedMessage> forAction(String action) {
        return asMap().getOrDefault(action, List.of());
    }

    public Map<String, List<LedMessage>> asMap() {
        return Map.of("delete", delete, "revert", revert);
    }
}
