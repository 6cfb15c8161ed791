package dev.encore.session;

import dev.encore.Reason;

/**
 * The single answer to an {@link Action}: done, with a message and optional data (the setlist for
 * list, a {@link SyncReport} for sync, the check report for check), or failed with a {@link Reason}
 * whose code is the protocol's error code. Never an exception across threads.
 */
public sealed interface Result {
    /**
     * Whether the action was done.
     *
     * @return true for {@link Ok}, false for {@link Error}
     */
    boolean ok();

    /**
     * The action was done.
     *
     * @param message what was done, for a person
     * @param data what a query returns (the setlist, a sync report, a track), or null
     */
    record Ok(String message, Object data) implements Result {
        /**
         * Done, with nothing to return but the message.
         *
         * @param message what was done, for a person
         */
        public Ok(String message) {
            this(message, null);
        }

        public boolean ok() {
            return true;
        }
    }

    /**
     * The action failed or was refused, and changed nothing stored.
     *
     * @param reason why, with the protocol's error code and the fix
     * @param message what happened, for a person
     */
    record Error(Reason reason, String message) implements Result {
        public boolean ok() {
            return false;
        }
    }
}
