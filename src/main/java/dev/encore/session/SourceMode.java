package dev.encore.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.util.Locale;

/** Which source the stem overlay plays: the full mix, or one of the extracted stems. */
public enum SourceMode {
    /** The full mix. */
    FULL,
    /** The vocals stem. */
    VOCALS,
    /** The instruments stem. */
    INSTRUMENTS;

    /**
     * The name in OSC messages and osc-map.yaml.
     *
     * @return full, vocals or instruments
     */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a wire name, ignoring case and surrounding spaces.
     *
     * @param s full, vocals or instruments
     * @return the mode
     * @throws EncoreException BAD_ARGUMENTS naming the three modes
     */
    @JsonCreator
    public static SourceMode parse(String s) {
        for (SourceMode m : values()) {
            if (m.wireName().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new EncoreException(Reason.BAD_ARGUMENTS, "Unknown source mode '" + s + "': use full, vocals or instruments.");
    }

    /**
     * The stem this mode plays.
     *
     * @return the stem's name, or null for the full mix
     */
    public String stem() {
        return this == FULL ? null : wireName();
    }
}
