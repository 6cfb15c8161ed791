package dev.encore.control;

/** The gesture a binding waits for on a button: a plain press, a press held long, or two quick presses. */
public enum PressKind {
    PRESS("press"),
    LONG("long"),
    DOUBLE("double");

    private final String yamlName;

    PressKind(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
