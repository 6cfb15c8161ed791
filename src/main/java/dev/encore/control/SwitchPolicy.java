package dev.encore.control;

/**
 * What next, prev and open do when the live state has unsaved changes; none of them loses work.
 * {@code keep-draft} keeps the changes with their session as a draft, {@code refuse} answers "unsaved changes".
 */
public enum SwitchPolicy {
    KEEP_DRAFT("keep-draft"),
    SAVE("save"),
    DISCARD("discard"),
    REFUSE("refuse");

    private final String yamlName;

    SwitchPolicy(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
