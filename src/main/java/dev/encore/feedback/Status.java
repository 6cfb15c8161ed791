package dev.encore.feedback;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The one word a controller's status light shows. {@code saved} means the live state equals what
 * is durably stored; {@code unsaved} means it does not; {@code saving} and {@code opening} cover the
 * time a commit or a switch runs; {@code error} stays until the next successful save, open or revert.
 */
public enum Status {
    SAVED, UNSAVED, SAVING, OPENING, ERROR;

    /** The lowercase word sent in {@code /encore/status}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
