package dev.encore.store;

import java.time.Instant;

/**
 * One row of the session list: what a controller shows, read from the metadata index alone (no
 * snapshot document, no audio). {@code position} is 1-based in the setlist.
 */
public record SessionSummary(
        SessionId id, String name, Instant updated, int position, boolean hasDraft, long audioBytes) {
}
