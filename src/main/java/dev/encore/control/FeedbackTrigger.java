package dev.encore.control;

import java.util.List;

/**
 * The pushes an extra feedback line in osc-map.yaml can follow, each with the placeholders its
 * arguments may use ({@code "{name}"}) and the value its {@code when} filter compares with. The
 * sender of a push supplies the values as: state, name, action, task, item String; dirty, armed (0 or 1),
 * position, count, seq, lag_ms Integer; fraction Float.
 */
public enum FeedbackTrigger {
    STATUS("status", List.of("state", "dirty"), "state"),
    DIRTY("dirty", List.of("dirty"), null),
    SESSION("session", List.of("name", "position", "count"), "name"),
    ARMED("armed", List.of("action", "armed"), "action"),
    PROGRESS("progress", List.of("task", "item", "fraction"), "task"),
    HEARTBEAT("heartbeat", List.of("seq", "state", "position", "dirty"), "state"),
    MIRROR("mirror", List.of("state", "lag_ms"), "state");

    private final String yamlName;
    private final List<String> placeholders;
    private final String whenField;

    FeedbackTrigger(String yamlName, List<String> placeholders, String whenField) {
        this.yamlName = yamlName;
        this.placeholders = placeholders;
        this.whenField = whenField;
    }

    /** Names usable as {@code {name}} in a feedback line's arguments. */
    public List<String> placeholders() {
        return placeholders;
    }

    /** The placeholder a {@code when} value is compared with, or null when the event has no filter. */
    public String whenField() {
        return whenField;
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
