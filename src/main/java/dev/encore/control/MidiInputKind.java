package dev.encore.control;

/** The kind of MIDI message a binding listens to. */
public enum MidiInputKind {
    NOTE("note"),
    CC("cc"),
    PROGRAM_CHANGE("program_change");

    private final String yamlName;

    MidiInputKind(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
