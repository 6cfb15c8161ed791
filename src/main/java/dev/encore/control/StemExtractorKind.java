package dev.encore.control;

/** Who splits a track into vocals and instruments: the built-in separator or an external command line. */
public enum StemExtractorKind {
    BUILTIN("builtin"),
    COMMAND("command");

    private final String yamlName;

    StemExtractorKind(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
