package dev.encore.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the store keeps of one session: its current stored state, the retained revisions
 * (oldest first), which revision the current state is ({@code head}), the revisions an undo
 * stepped back from (newest last, for redo), and when it was deleted, if it was. Immutable.
 */
record SessionHistory(SessionContent content, long audioBytes, List<Revision> revisions, int head, List<Integer> redo, Deletion deleted) {

    /** When a session was deleted and the setlist position (1-based) it had. */
    record Deletion(Instant at, int position) {
    }

    SessionHistory {
        revisions = RevisionList.of(revisions);
        redo = List.copyOf(redo);
    }

    static SessionHistory first(StoredSession s, long audioBytes, Revision r) {
        return new SessionHistory(SessionContent.of(s), audioBytes, List.of(r), r.number(), List.of(), null);
    }

    /** The whole current state, snapshot decoded. */
    StoredSession current() {
        return content.session();
    }

    SessionId id() {
        return content.id();
    }

    String name() {
        return content.name();
    }

    java.util.Set<AssetId> assets() {
        return content.assets();
    }

    Instant updated() {
        return content.updated();
    }

    /**
     * A new save: a new revision becomes the head, and what undo stepped back from can no longer be
     * redone. A newer revision is added without copying the ones before it.
     */
    SessionHistory saved(StoredSession s, long bytes, Revision r) {
        List<Revision> all;
        RevisionList kept = RevisionList.of(revisions);
        if (kept.highest() < r.number()) {
            all = kept.plus(r);
        } else {
            all = new ArrayList<>(revisions);
            all.removeIf(old -> old.number() == r.number()); // the same revision journaled again
            all.add(r);
        }
        return new SessionHistory(SessionContent.of(s), bytes, all, r.number(), List.of(), deleted);
    }

    /** The same revision under a new name (a rename is not a revision). */
    SessionHistory renamed(StoredSession s) {
        return new SessionHistory(SessionContent.of(s), audioBytes, revisions, head, redo, deleted);
    }

    SessionHistory undone(StoredSession s, long bytes, int to) {
        List<Integer> r = new ArrayList<>(redo);
        r.add(head);
        return new SessionHistory(SessionContent.of(s), bytes, revisions, to, r, deleted);
    }

    SessionHistory redone(StoredSession s, long bytes, int to) {
        List<Integer> r = new ArrayList<>(redo);
        r.remove(Integer.valueOf(to));
        return new SessionHistory(SessionContent.of(s), bytes, revisions, to, r, deleted);
    }

    SessionHistory deleted(Deletion d) {
        return new SessionHistory(content, audioBytes, revisions, head, redo, d);
    }

    SessionHistory restored(StoredSession s) {
        return new SessionHistory(SessionContent.of(s), audioBytes, revisions, head, redo, null);
    }

    /** Keeps the newest {@code keep} revisions (never the head); the rest are no longer retained. */
    SessionHistory retaining(int keep) {
        if (revisions.size() <= keep) {
            return this;
        }
        List<Revision> kept = new ArrayList<>(revisions.subList(revisions.size() - keep, revisions.size()));
        revisions.stream().filter(r -> r.number() == head && !kept.contains(r)).findFirst().ifPresent(r -> kept.add(0, r));
        List<Integer> keptRedo = new ArrayList<>(redo);
        keptRedo.removeIf(n -> kept.stream().noneMatch(r -> r.number() == n));
        return new SessionHistory(content, audioBytes, kept, head, keptRedo, deleted);
    }

    int lastNumber() {
        return revisions.isEmpty() ? 0 : revisions.get(revisions.size() - 1).number();
    }

    Revision revision(int number) {
        for (Revision r : revisions) {
            if (r.number() == number) {
                return r;
            }
        }
        return null;
    }

    /** The retained revision before the head, or null at the oldest. */
    Revision beforeHead() {
        Revision prev = null;
        for (Revision r : revisions) {
            if (r.number() == head) {
                return prev;
            }
            prev = r;
        }
        return null;
    }
}
