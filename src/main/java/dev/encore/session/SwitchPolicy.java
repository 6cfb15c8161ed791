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
    /** Keep unsaved changes as the session's draft; coming back restores them. */
    KEEP_DRAFT,
    /** Save them into their session first. */
    SAVE,
    /** Drop them. */
    DISCARD,
    /** Refuse the switch with UNSAVED_CHANGES. */
    REFUSE;

    /**
     * The name used in osc-map.yaml.
     *
     * @return keep-draft, save, discard or refuse
     */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The wire name, as osc-map.yaml and messages spell it. */
    @Override
    public String toString() {
        return wireName();
    }

    /**
     * Reads a wire name, ignoring case and surrounding spaces.
     *
     * @param s keep-draft, save, discard or refuse
     * @return the policy
     * @throws EncoreException BAD_ARGUMENTS naming the four policies
     */
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
