package dev.encore.session;

import dev.encore.Reason;

/**
 * The single answer to an {@link Action}: done, with a message and optional data (the setlist for
 * list, a {@link SyncReport} for sync, the check report for check), or failed with a {@link Reason}
 * whose code is the protocol's error code. Never an exception across threads.
 */
public sealed interface Result {
    boolean ok();

    record Ok(String message, Object data) implements Result {
        public Ok(String message) {
            this(message, null);
        }

        public boolean ok() {
            return true;
        }
    }

    record Error(Reason reason, String message) implements Result {
        public boolean ok() {
            return false;
        }
    }
}
