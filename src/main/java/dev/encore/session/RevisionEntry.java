package dev.encore.session;

import dev.encore.store.Revision;
import java.time.Instant;
import java.util.List;

/**
 * One retained revision of a session as {@code /encore/history} sends it.
 *
 * @param number the revision number ({@code /encore/open s:name i:revision} opens it)
 * @param time when it was saved
 * @param what the change that made it (save, rename, undo, ...)
 */
public record RevisionEntry(int number, Instant time, String what) {
    static List<RevisionEntry> of(List<Revision> revisions) {
        return revisions.stream().map(r -> new RevisionEntry(r.number(), r.time(), r.what())).toList();
    }
}
