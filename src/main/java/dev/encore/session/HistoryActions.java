package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.store.Revision;
import dev.encore.store.SessionId;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import java.util.List;
import java.util.function.Function;

/**
 * History, undo, redo, undelete and opening an older revision. Undo and redo change the stored
 * state (durably, as journal records) and the live state follows, parameters pushed, status
 * {@code saved}; so that they never drop unsaved work, they are refused while the live state has
 * unsaved changes. Confined to the engine thread.
 */
final class HistoryActions {
    private final SessionStore store;
    private final Performance performance;
    private final Switcher switcher;
    private final Function<SessionRef, StoredSession> resolve;

    HistoryActions(SessionStore store, Performance performance, Switcher switcher, Function<SessionRef, StoredSession> resolve) {
        this.store = store;
        this.performance = performance;
        this.switcher = switcher;
        this.resolve = resolve;
    }

    Result history(SessionRef target) {
        StoredSession s = target == null ? active() : resolve.apply(target);
        List<Revision> revisions = store.revisions().history(s.id());
        return new Result.Revisions(revisions.size() + " revision(s) of '" + s.name() + "'; its stored state is revision "
                + store.revisions().head(s.id()) + ".", RevisionEntry.of(revisions));
    }

    /** Undo ({@code back}) or redo. */
    Result step(boolean back) {
        StoredSession current = active();
        refuseUnsaved(back ? "undo" : "redo", current);
        StoredSession stored = back ? store.revisions().undo(current.id()) : store.revisions().redo(current.id());
        switcher.backTo(stored);
        return new Result.Done((back ? "Undid the last save of '" : "Redid the save of '") + stored.name() + "': now at revision "
                + store.revisions().head(stored.id()) + ".");
    }

    Result undelete() {
        StoredSession back = store.undelete();
        performance.announceSession();
        int position = store.setlist().indexOf(back.id()) + 1;
        return new Result.Done("Brought back '" + back.name() + "' at position " + position + ".");
    }

    Result openRevision(Action.OpenRevision o) {
        StoredSession target = resolve.apply(o.target());
        StoredSession old = store.revisions().revision(target.id(), o.revision());
        if (target.id().equals(performance.active())) {
            refuseUnsaved("open an older revision", target);
        } else {
            Result opened = switcher.open(target);
            if (opened instanceof Result.Error) {
                return opened;
            }
        }
        switcher.show(target.id(), target.name(), target.snapshot(), old.snapshot(),
                "revision " + o.revision() + " of '" + target.name() + "'", false);
        return new Result.Done("Opened revision " + o.revision() + " of '" + target.name()
                + "' as unsaved changes; save to make it the newest revision, or revert.");
    }

    private StoredSession active() {
        SessionId id = performance.active();
        if (id == null) {
            throw new EncoreException(Reason.NO_ACTIVE_SESSION, "No session is open.");
        }
        return store.find(id).orElseThrow(() -> new EncoreException(Reason.NO_ACTIVE_SESSION, "No session is open."));
    }

    private void refuseUnsaved(String what, StoredSession s) {
        performance.refreshDirty();
        if (performance.dirty()) {
            throw new EncoreException(Reason.UNSAVED_CHANGES, "'" + s.name() + "' has unsaved changes; save or revert them before you "
                    + what + ".");
        }
    }
}
