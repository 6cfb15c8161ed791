package dev.encore.control.osc;

import java.util.Objects;

/**
 * What {@code /encore/heartbeat} tells a controller that may have lost packets: the status word, the
 * active session's 1-based setlist position (0 when none) and whether there are unsaved changes.
 */
public record Heartbeat(String state, int position, boolean dirty) {
    public Heartbeat {
        Objects.requireNonNull(state, "state");
    }

    /** Where the server's heartbeat timer gets what to report; called on the IO thread, must not block. */
    @FunctionalInterface
    public interface Source {
        /**
         * The heartbeat about to be sent under sequence number {@code seq}.
         *
         * @param seq the heartbeat's sequence number, counted by the server from 0
         * @return what it reports
         */
        Heartbeat next(int seq);
    }
}
