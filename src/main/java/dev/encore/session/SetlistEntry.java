package dev.encore.session;

import dev.encore.store.SessionSummary;
import java.time.Instant;
import java.util.List;

/**
 * One session of the setlist as a controller sees it: what {@code /encore/list} and
 * {@code /encore/sync} send, read from the index alone (no snapshot, no audio).
 *
 * @param id the session's id, as {@code /encore/list/item} sends it
 * @param name its name
 * @param updated when it was last saved
 * @param position its 1-based place in the setlist
 * @param hasDraft whether unsaved live changes are kept for it
 * @param audioBytes the size of the audio its stored state refers to
 */
public record SetlistEntry(String id, String name, Instant updated, int position, boolean hasDraft, long audioBytes) {
    static List<SetlistEntry> of(List<SessionSummary> sessions) {
        return sessions.stream()
                .map(s -> new SetlistEntry(s.id().value(), s.name(), s.updated(), s.position(), s.hasDraft(), s.audioBytes()))
                .toList();
    }
}
