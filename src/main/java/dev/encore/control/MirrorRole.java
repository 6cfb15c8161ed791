package dev.encore.control;

/** What a laptop is in a mirror: on its own (the default; no mirror is started), the primary, or the backup. */
public enum MirrorRole {
    STANDALONE("standalone"),
    PRIMARY("primary"),
    BACKUP("backup");

    private final String yamlName;

    MirrorRole(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The role named on the command line or in the map, or null when none has that name. */
    public static MirrorRole named(String name) {
        for (MirrorRole r : values()) {
            if (r.yamlName.equals(name)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
