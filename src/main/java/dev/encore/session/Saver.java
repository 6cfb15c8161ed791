package dev.encore.session;

import dev.encore.Reason;
import dev.encore.feedback.Status;
import dev.encore.store.SessionId;
import dev.encore.store.SessionStore;
import dev.encore.store.SessionSummary;
import dev.encore.store.StoredSession;
import java.util.List;

/**
 * Commits the live state: to the active session, as a new session, or as a copy. Each commit is one
 * small durable store commit, {@code saving} shown while it runs; {@code saved} is shown only after
 * it returned. A save with nothing changed commits nothing.
 */
final class Saver {
    private final SessionStore store;
    private final LiveState live;
    private final Performance performance;
    private volatile long commits;

    Saver(SessionStore store, LiveState live, Performance performance) {
        this.store = store;
        this.live = live;
        this.performance = performance;
    }

    /**
     * The save action, {@code saving} shown while it commits; {@code name} names a new session when
     * none is active. With a session open a different name is refused with what to send instead,
     * never silently ignored.
     */
    Result save(String name) {
        SessionId active = performance.active();
        String newName = null;
        if (active == null) {
            newName = name == null ? autoName("Session") : SessionNames.clean(name, "/encore/save");
            Result taken = taken(newName, null);
            if (taken != null) {
                return taken;
            }
        } else if (name != null && !SessionNames.key(name).equals(SessionNames.key(performance.activeName()))) {
            String shown = SessionNames.visible(name);
            return new Result.Error(Reason.BAD_ARGUMENTS, "'" + performance.activeName() + "' is open, and save keeps"
                    + " its name; nothing was saved. To save under '" + shown + "' send /encore/save_copy s:\"" + shown
                    + "\" (a new session), or /encore/rename s:\"" + shown + "\" and then /encore/save.");
        } else if (performance.upToDate()) {
            return new Result.Done("'" + performance.activeName() + "' is already saved.");
        }
        String chosen = newName;
        return committed(() -> commit(chosen), "Saved '%s'.");
    }

    /** The save_copy action: a new session holding the live state, which becomes active. */
    Result saveCopy(String name) {
        String newName = name == null
                ? autoName(performance.active() == null ? "Session" : copyStem(performance.activeName()))
                : SessionNames.clean(name, "/encore/save_copy");
        Result taken = taken(newName, null);
        if (taken != null) {
            return taken;
        }
        SessionId left = performance.active();
        boolean leftDraft = performance.draftStored();
        return committed(() -> {
            saveUntitled(newName);
            if (left != null && leftDraft) {
                store.bookkeeping().dropDraft(left);
            }
        }, "Saved a copy as '%s'.");
    }

    /** Runs a commit with {@code saving} shown, then announces the session; {@code done} names it. */
    private Result committed(Runnable commit, String done) {
        Result r = performance.light().during(Status.SAVING, "save", () -> {
            commit.run();
            return new Result.Done(String.format(done, performance.activeName()));
        });
        if (r.ok()) {
            performance.announceSession();
        }
        return r;
    }

    /** Commits the live state to the active session, or creates one named {@code newName} (or automatically). */
    void commit(String newName) {
        SessionId active = performance.active();
        if (active == null) {
            saveUntitled(newName);
            return;
        }
        Snapshot s = live.snapshot();
        store.update(active, SnapshotCodec.encode(s), s.assets());
        commits++;
        performance.adopt(active, performance.activeName(), s, false);
    }

    /** Creates a new session from the live state and makes it active. */
    StoredSession saveUntitled(String newName) {
        String n = newName == null ? autoName("Session") : newName;
        boolean untitledDraft = performance.active() == null && performance.draftStored();
        Snapshot s = live.snapshot();
        StoredSession created = store.create(n, SnapshotCodec.encode(s), s.assets());
        commits++;
        store.bookkeeping().setActive(created.id());
        if (untitledDraft) {
            store.bookkeeping().dropDraft(null);
        }
        performance.adopt(created.id(), created.name(), s, false);
        return created;
    }

    long commits() {
        return commits;
    }

    /**
     * The first free name of the form "Session 3" (or "Opener copy", "Opener copy 2"), cut to fit the
     * name length limit with its number.
     */
    String autoName(String stem) {
        List<SessionSummary> sessions = store.list();
        boolean numbered = stem.equals("Session");
        String whole = SessionNames.fit(stem, "", 0);
        if (!numbered && SessionNames.find(sessions, whole, null).isEmpty()) {
            return whole;
        }
        for (int n = numbered ? sessions.size() + 1 : 2; ; n++) {
            String number = String.valueOf(n);
            String candidate = SessionNames.fit(stem, "", number.length()) + " " + number;
            if (SessionNames.find(sessions, candidate, null).isEmpty()) {
                return candidate;
            }
        }
    }

    /** "Opener" gives "Opener copy"; a copy of "Opener copy 2" is another "Opener copy", not "Opener copy 2 copy". */
    private static String copyStem(String name) {
        String base = name.replaceFirst(" copy( [0-9]+)?$", "");
        return SessionNames.fit(base, " copy", 4);
    }

    /** NAME_TAKEN when a session other than {@code self} has a name that looks like {@code name}. */
    Result taken(String name, SessionId self) {
        return SessionNames.find(store.list(), name, self)
                .<Result>map(other -> new Result.Error(Reason.NAME_TAKEN, "A session named '" + other.name()
                        + "' already exists" + (other.name().equals(name) ? "" : " and looks the same as '" + name + "'")
                        + "; choose another name."))
                .orElse(null);
    }
}
