package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;

/** The part of a track that plays, in seconds from its start: 0 &lt;= start &lt; end. */
public record Trim(double startSeconds, double endSeconds) {
    /**
     * Checks the window.
     *
     * @param startSeconds where playing starts, 0 or more
     * @param endSeconds where it ends, after the start and finite
     * @throws EncoreException BAD_ARGUMENTS when the window is empty or negative
     */
    public Trim {
        if (!(startSeconds >= 0) || !(endSeconds > startSeconds) || Double.isInfinite(endSeconds)) {
            throw new EncoreException(Reason.BAD_ARGUMENTS,
                    "Trim window " + startSeconds + " to " + endSeconds + " s is invalid: need 0 <= start < end.");
        }
    }

    /**
     * Checks the window against a track's duration; the end may not pass it.
     *
     * @param durationSeconds the track's duration
     * @return this window
     * @throws EncoreException BAD_ARGUMENTS when the end is past the track's end
     */
    public Trim within(double durationSeconds) {
        if (endSeconds > durationSeconds + 1e-9) {
            throw new EncoreException(Reason.BAD_ARGUMENTS,
                    "Trim end " + endSeconds + " s is past the track's end (" + durationSeconds + " s).");
        }
        return this;
    }
}
