package dev.encore.control.osc;

import java.util.Objects;

/**
 * What a heartbeat tells a controller that may have lost packets: the status word, the active
 * session's 1-based setlist position (0 when none) and whether there are unsaved changes.
 */
public record HeartbeatStatus(String state, int position, boolean dirty) {
    public HeartbeatStatus {
        Objects.requireNonNull(state, "state");
    }
}
