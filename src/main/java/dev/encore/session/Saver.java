package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.feedback.Status;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;

/**
 * Commits the live state: to the active session, as a new session, or as a copy. Each commit is one
 * small durable store commit; {@code saved} is shown only after it returned. A save with nothing
 * changed commits nothing.
 */
final class Saver {
    static final int MAX_NAME_LENGTH = 120;

    private final SessionStore store;
    private final LiveState live;
    private final Performance performance;
    private volatile long commits;

    Saver(SessionStore store, LiveState live, Performance performance) {
        this.store = store;
        this.live = live;
        this.performance = performance;
    }

    /** The save action; {@code name} only names a new session when none is active. */
    Result save(String name) {
        performance.refreshDirty();
        if (performance.active() != null && !performance.dirty() && !performance.draftStored()) {
            return new Result.Ok("'" + performance.activeName() + "' is already saved.");
        }
        String newName = null;
        if (performance.active() == null) {
            newName = name == null || name.isBlank() ? autoName("Session") : cleanName(name);
            if (store.nameTaken(newName)) {
                return taken(newName);
            }
        }
        performance.busy(Status.SAVING);
        commit(newName);
        performance.busy(null);
        performance.announceSession();
        return new Result.Ok("Saved '" + performance.activeName() + "'.");
    }

    /** The save_copy action: a new session holding the live state, which becomes active. */
    Result saveCopy(String name) {
        String newName = name == null || name.isBlank()
                ? autoName(performance.active() == null ? "Session" : performance.activeName() + " copy")
                : cleanName(name);
        if (store.nameTaken(newName)) {
            return taken(newName);
        }
        performance.busy(Status.SAVING);
        var left = performance.active();
        boolean leftDraft = performance.draftStored();
        saveUntitled(newName);
        if (left != null && leftDraft) {
            store.dropDraft(left);
        }
        performance.busy(null);
        performance.announceSession();
        return new Result.Ok("Saved a copy as '" + newName + "'.");
    }

    /** Commits the live state to the active session, or creates one named {@code newName} (or automatically). */
    void commit(String newName) {
        if (performance.active() == null) {
            saveUntitled(newName);
            return;
        }
        Snapshot s = live.snapshot();
        store.update(performance.active(), SnapshotCodec.encode(s), s.assets());
        commits++;
        performance.adopt(performance.active(), performance.activeName(), s, false);
    }

    /** Creates a new session from the live state and makes it active. */
    StoredSession saveUntitled(String newName) {
        String n = newName == null ? autoName("Session") : newName;
        boolean untitledDraft = performance.active() == null && performance.draftStored();
        Snapshot s = live.snapshot();
        StoredSession created = store.create(n, SnapshotCodec.encode(s), s.assets());
        commits++;
        store.setActive(created.id());
        if (untitledDraft) {
            store.dropDraft(null);
        }
        performance.adopt(created.id(), created.name(), s, false);
        return created;
    }

    long commits() {
        return commits;
    }

    /** The first free name of the form "Session 3" (or "Opener copy", "Opener copy 2"). */
    String autoName(String stem) {
        if (!stem.equals("Session") && !store.nameTaken(stem)) {
            return stem;
        }
        for (int n = stem.equals("Session") ? store.setlist().size() + 1 : 2; ; n++) {
            String candidate = stem + " " + n;
            if (!store.nameTaken(candidate)) {
                return candidate;
            }
        }
    }

    /** A name as stored: trimmed, not blank, not too long, no control characters. */
    static String cleanName(String raw) {
        String n = raw == null ? "" : raw.strip();
        if (n.isEmpty() || n.length() > MAX_NAME_LENGTH || n.chars().anyMatch(Character::isISOControl)) {
            throw new EncoreException(Reason.BAD_ARGUMENTS, "Session name '" + raw + "' is not usable: give 1 to "
                    + MAX_NAME_LENGTH + " characters without control characters.");
        }
        return n;
    }

    private static Result taken(String name) {
        return new Result.Error(Reason.NAME_TAKEN, "A session named '" + name + "' already exists.");
    }
}
