package dev.encore.feedback;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The one word a controller's status light shows. {@code saved} means the live state equals what
 * is durably stored; {@code unsaved} means it does not; {@code saving} and {@code opening} cover the
 * time a commit or a switch runs; {@code error} stays until the next successful save, open or revert.
 */
public enum Status {
    /** The live state equals what is durably stored. */
    SAVED,
    /** The live state has changes that are not saved. */
    UNSAVED,
    /** A save is being committed. */
    SAVING,
    /** A session is being opened. */
    OPENING,
    /** Something failed; the status event's message says what. */
    ERROR;

    /**
     * The lowercase word sent in {@code /encore/status}.
     *
     * @return saved, unsaved, saving, opening or error
     */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
