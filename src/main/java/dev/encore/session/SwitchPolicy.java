package dev.encore.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.encore.EncoreException;
import dev.encore.Reason;
import java.util.Locale;

/**
 * What next, prev and open do with unsaved changes, so that switching never loses work by accident:
 * keep them as the session's draft (restored on return), save them, discard them, or refuse to switch.
 */
public enum SwitchPolicy {
    KEEP_DRAFT, SAVE, DISCARD, REFUSE;

    /** The name used in osc-map.yaml: keep-draft, save, discard, refuse. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The wire name, as osc-map.yaml and messages spell it. */
    @Override
    public String toString() {
        return wireName();
    }

    @JsonCreator
    public static SwitchPolicy parse(String s) {
        for (SwitchPolicy p : values()) {
            if (p.wireName().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new EncoreException(Reason.BAD_ARGUMENTS,
                "Unknown switch policy '" + s + "': use keep-draft, save, discard or refuse.");
    }
}
