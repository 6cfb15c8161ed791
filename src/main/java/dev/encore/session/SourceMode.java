package dev.encore.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.util.Locale;

/** Which source the stem overlay plays: the full mix, or one of the extracted stems. */
public enum SourceMode {
    FULL, VOCALS, INSTRUMENTS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SourceMode parse(String s) {
        for (SourceMode m : values()) {
            if (m.wireName().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new EncoreException(Reason.BAD_ARGUMENTS, "Unknown source mode '" + s + "': use full, vocals or instruments.");
    }

    /** The stem this mode plays, or null for the full mix. */
    public String stem() {
        return this == FULL ? null : wireName();
    }
}
