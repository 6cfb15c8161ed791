package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.SessionId;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import java.util.List;

/**
 * The stored sessions in their order: which session a name, position or id names, where next and
 * prev lead, and renaming, deleting and moving entries. Arming is decided before a delete gets here.
 * Confined to the engine thread.
 */
final class Setlist {
    /** Once the word that confirmed a delete; now only a session name, named in the hint when no session has it. */
    private static final String CONFIRM_WORD = "confirm";

    private final SessionStore store;
    private final Performance performance;
    private final Saver saver;
    private final boolean wrap;

    Setlist(SessionStore store, Performance performance, Saver saver, boolean wrap) {
        this.store = store;
        this.performance = performance;
        this.saver = saver;
        this.wrap = wrap;
    }

    StoredSession resolve(SessionRef ref) {
        if (ref instanceof SessionRef.ByName n) {
            // The session layer's name rule, not the store's: a name that looks the same finds it.
            return SessionNames.find(store.list(), n.name(), null).flatMap(s -> store.find(s.id())).orElseThrow(() ->
                    new EncoreException(Reason.NO_SUCH_SESSION, "No session is named '"
                            + SessionNames.visible(String.valueOf(n.name())) + "'."));
        } else if (ref instanceof SessionRef.ById i) {
            return store.find(i.id()).orElseThrow(() ->
                    new EncoreException(Reason.NO_SUCH_SESSION, "No session has the id " + i.id() + "."));
        }
        return atPosition(((SessionRef.ByPosition) ref).position());
    }

    private StoredSession atPosition(int position) {
        List<SessionId> setlist = store.setlist();
        if (position < 1 || position > setlist.size()) {
            throw new EncoreException(Reason.NO_SUCH_SESSION,
                    "No session at position " + position + ": the setlist has " + setlist.size() + ".");
        }
        SessionId id = setlist.get(position - 1);
        return store.find(id).orElseThrow(() ->
                new EncoreException(Reason.NO_SUCH_SESSION, "No session at position " + position + "."));
    }

    /**
     * The entry one step on ({@code forward}) or back from {@code from} (a switch resolved earlier in
     * the same burst) or else from the active session; an untitled performance stands before position 1.
     */
    StoredSession step(boolean forward, StoredSession from) {
        List<SessionId> setlist = store.setlist();
        int count = setlist.size();
        if (count == 0) {
            throw new EncoreException(Reason.NO_SUCH_SESSION, "The setlist is empty: save a session first.");
        }
        SessionId current = from != null ? from.id() : performance.active();
        // An untitled performance (nothing open, for example after deleting the active session)
        // stands before position 1: next goes to the first entry, prev to the last.
        int position = current == null ? 0 : setlist.indexOf(current) + 1;
        int next = position == 0 ? (forward ? 1 : count) : position + (forward ? 1 : -1);
        if (next < 1 || next > count) {
            if (!wrap) {
                throw new EncoreException(Reason.NO_SUCH_SESSION, "Position " + position + " is the "
                        + (forward ? "last" : "first") + " of " + count + " and wrap-around is off.");
            }
            next = forward ? 1 : count;
        }
        return atPosition(next);
    }

    /** The session {@code ref} names, or the active one when it is null; NO_ACTIVE_SESSION when none is open. */
    StoredSession targetOrActive(SessionRef ref) {
        if (ref != null) {
            return resolve(ref);
        }
        if (performance.active() == null) {
            throw new EncoreException(Reason.NO_ACTIVE_SESSION, "No session is open.");
        }
        return resolve(new SessionRef.ById(performance.active()));
    }

    Result rename(Action.Rename r) {
        String name = SessionNames.clean(r.newName(), "/encore/rename");
        StoredSession target = targetOrActive(r.target());
        Result taken = saver.taken(name, target.id());
        if (taken != null) {
            return taken;
        }
        StoredSession renamed = store.rename(target.id(), name);
        if (renamed.id().equals(performance.active())) {
            performance.renamed(renamed.name());
        }
        performance.announceSession();
        return new Result.Done("Renamed '" + target.name() + "' to '" + renamed.name() + "'.");
    }

    /** The session a delete names; a lone "confirm" that names none gets a hint at the confirmation's own address. */
    StoredSession deleteTarget(Action.Delete d) {
        try {
            return targetOrActive(d.target());
        } catch (EncoreException e) {
            throw d.target() instanceof SessionRef.ByName n && CONFIRM_WORD.equalsIgnoreCase(n.name().strip())
                    ? new EncoreException(e.reason(), e.getMessage() + " To delete the open session at once send "
                            + "/encore/delete/confirm; a plain delete arms first.")
                    : e;
        }
    }

    /** Deletes a confirmed target; the live state of a deleted active session stays on stage, untitled and unsaved. */
    Result delete(StoredSession target) {
        store.delete(target.id());
        if (target.id().equals(performance.active())) {
            store.bookkeeping().setActive(null);
            performance.adopt(null, "", Snapshot.EMPTY, false);
        }
        performance.light().show();
        performance.announceSession();
        return new Result.Done("Deleted '" + target.name() + "'.");
    }

    Result move(Action.Move m) {
        int count = store.setlist().size();
        if (m.from() < 1 || m.from() > count || m.to() < 1 || m.to() > count) {
            return new Result.Error(Reason.BAD_ARGUMENTS,
                    "Move " + m.from() + " to " + m.to() + " is out of range: positions run from 1 to " + count + ".");
        }
        store.move(m.from() - 1, m.to() - 1);
        performance.announceSession();
        return new Result.Done("Moved position " + m.from() + " to " + m.to() + ".");
    }
}
