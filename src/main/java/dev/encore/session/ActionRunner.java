package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.audio.AudioWorkers;
import dev.encore.feedback.FeedbackBus;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.store.CheckReport;
import dev.encore.store.SessionId;
import dev.encore.store.SessionStore;
import dev.encore.store.SessionSummary;
import dev.encore.store.StoredSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the actions that are neither saves nor switches (rename, delete, revert, move, list, sync,
 * check) and resolves which session an action names. Delete and revert are armed: the first press
 * arms, a second press of the same action within the arming window (or an explicit confirm) runs it.
 * Confined to the engine thread.
 */
final class ActionRunner {
    private final SessionStore store;
    private final LiveState live;
    private final Performance performance;
    private final Switcher switcher;
    private final FeedbackBus bus;
    private final EngineSettings settings;
    private final Saver saver;

    /** Once the word that confirmed a delete; now only a session name, named in the hint when no session has it. */
    private static final String CONFIRM_WORD = "confirm";

    private final HistoryActions history;
    private Arming armed;

    /** A destructive action waiting for its confirmation until {@code expiresAt}. */
    private record Arming(String verb, SessionId target, long expiresAt) {
    }

    ActionRunner(SessionStore store, LiveState live, Performance performance, Switcher switcher, FeedbackBus bus,
            EngineSettings settings, Saver saver) {
        this.saver = saver;
        this.store = store;
        this.live = live;
        this.performance = performance;
        this.switcher = switcher;
        this.bus = bus;
        this.settings = settings;
        this.history = new HistoryActions(store, performance, switcher, this::resolve);
    }

    /**
     * The one place that decides whether an action ends an armed delete or revert: anything that
     * changes something does, read-only actions and the armed actions themselves (which decide in
     * {@link #confirmed}) do not.
     */
    void before(Action action) {
        if (!action.readOnly() && !(action instanceof Action.Delete) && !(action instanceof Action.Revert)) {
            disarm();
        }
    }

    Result run(Action action, long now) {
        if (action instanceof Action.Rename r) {
            return rename(r);
        } else if (action instanceof Action.Delete d) {
            return delete(d, now);
        } else if (action instanceof Action.Revert r) {
            return revert(r, now);
        } else if (action instanceof Action.Move m) {
            return move(m);
        } else if (action instanceof Action.ListSessions) {
            List<SessionSummary> list = store.list();
            return new Result.Ok(list.size() + " session(s).", list);
        } else if (action instanceof Action.Sync) {
            return sync();
        } else if (HistoryActions.handles(action)) {
            return history.run(action);
        }
        throw new IllegalArgumentException("not a plain action: " + action);
    }

    /** Disarms an armed action whose window has passed. */
    void tick(long now) {
        if (armed != null && now >= armed.expiresAt()) {
            disarm();
        }
    }

    void disarm() {
        if (armed != null) {
            bus.publish(new FeedbackEvent.Armed(armed.verb(), false));
            armed = null;
        }
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

    StoredSession atPosition(int position) {
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
     * The session a switch action leads to, counted from {@code from} (a switch resolved earlier in the
     * same burst) or else from the active session; an untitled performance stands before position 1.
     */
    StoredSession switchTarget(Action action, StoredSession from) {
        if (action instanceof Action.Open o) {
            return resolve(o.target());
        }
        List<SessionId> setlist = store.setlist();
        int count = setlist.size();
        if (count == 0) {
            throw new EncoreException(Reason.NO_SUCH_SESSION, "The setlist is empty: save a session first.");
        }
        SessionId current = from != null ? from.id() : performance.active();
        // An untitled performance (nothing open, for example after deleting the active session)
        // stands before position 1: next goes to the first entry, prev to the last.
        int position = current == null ? 0 : setlist.indexOf(current) + 1;
        boolean forward = action instanceof Action.Next;
        int next = position == 0 ? (forward ? 1 : count) : position + (forward ? 1 : -1);
        if (next < 1 || next > count) {
            if (!settings.wrap()) {
                throw new EncoreException(Reason.NO_SUCH_SESSION, "Position " + position + " is the "
                        + (forward ? "last" : "first") + " of " + count + " and wrap-around is off.");
            }
            next = forward ? 1 : count;
        }
        return atPosition(next);
    }

    private StoredSession targetOrActive(SessionRef ref) {
        if (ref != null) {
            return resolve(ref);
        }
        if (performance.active() == null) {
            throw new EncoreException(Reason.NO_ACTIVE_SESSION, "No session is open.");
        }
        return resolve(new SessionRef.ById(performance.active()));
    }

    private Result rename(Action.Rename r) {
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
        return new Result.Ok("Renamed '" + target.name() + "' to '" + renamed.name() + "'.");
    }

    private Result delete(Action.Delete d, long now) {
        StoredSession target;
        try {
            target = targetOrActive(d.target());
        } catch (EncoreException e) {
            throw d.target() instanceof SessionRef.ByName n && CONFIRM_WORD.equalsIgnoreCase(n.name().strip())
                    ? new EncoreException(e.reason(), e.getMessage() + " To delete the open session at once send "
                            + "/encore/delete/confirm; a plain delete arms first.")
                    : e;
        }
        if (!confirmed("delete", target.id(), d.confirm(), now)) {
            return new Result.Error(Reason.CONFIRMATION_REQUIRED, "Press delete again within "
                    + settings.armingWindowMs() + " ms to delete '" + target.name() + "'.");
        }
        store.delete(target.id());
        if (target.id().equals(performance.active())) {
            store.setActive(null);
            performance.adopt(null, "", Snapshot.EMPTY, false);
        }
        performance.push();
        performance.announceSession();
        return new Result.Ok("Deleted '" + target.name() + "'.");
    }

    private Result revert(Action.Revert r, long now) {
        SessionId id = performance.active();
        if (id == null) {
            throw new EncoreException(Reason.NO_ACTIVE_SESSION, "Nothing to revert to: no session is open.");
        }
        StoredSession stored = resolve(new SessionRef.ById(id));
        if (!confirmed("revert", id, r.confirm(), now)) {
            return new Result.Error(Reason.CONFIRMATION_REQUIRED, "Press revert again within "
                    + settings.armingWindowMs() + " ms to drop the unsaved changes of '" + stored.name() + "'.");
        }
        Snapshot s = switcher.arriving(SnapshotCodec.decode(stored.snapshot(), "session '" + stored.name() + "'"));
        switcher.bring(id, stored.name(), s, s, switcher.pageIn(s), false);
        store.dropDraft(id);
        performance.push();
        return new Result.Ok("Reverted '" + stored.name() + "' to its saved state.");
    }

    private boolean confirmed(String verb, SessionId target, boolean confirm, long now) {
        boolean second = armed != null && armed.verb().equals(verb) && armed.target().equals(target)
                && now < armed.expiresAt();
        if (confirm || second) {
            disarm();
            return true;
        }
        disarm();
        armed = new Arming(verb, target, now + settings.armingWindowMs());
        bus.publish(new FeedbackEvent.Armed(verb, true));
        return false;
    }

    private Result move(Action.Move m) {
        int count = store.setlist().size();
        if (m.from() < 1 || m.from() > count || m.to() < 1 || m.to() > count) {
            return new Result.Error(Reason.BAD_ARGUMENTS,
                    "Move " + m.from() + " to " + m.to() + " is out of range: positions run from 1 to " + count + ".");
        }
        store.move(m.from() - 1, m.to() - 1);
        performance.announceSession();
        return new Result.Ok("Moved position " + m.from() + " to " + m.to() + ".");
    }

    private Result sync() {
        performance.refreshDirty();
        List<SessionSummary> list = store.list();
        Map<String, com.fasterxml.jackson.databind.JsonNode> params = live.snapshot().params();
        return new Result.Ok("State of '" + performance.activeName() + "'.", new SyncReport(performance.status(),
                performance.dirty(), performance.activeName(), performance.position(list), list, params));
    }

    /**
     * The pre-show check reads every stored asset, which takes seconds for a large show, so it runs
     * on the audio workers and answers from there; the engine thread goes on at once.
     */
    void check(AudioWorkers workers, CompletableFuture<Result> reply) {
        ProgressStream progress = ProgressStream.start(bus, "check", "");
        workers.submit(() -> store.check(progress::report))
                .whenComplete((report, failure) -> {
                    progress.finish();
                    Result result = failure != null
                            ? new Result.Error(Reason.STORAGE_FAILURE, "The check could not run: " + failure.getMessage())
                            : checked(report);
                    bus.drained().thenRun(() -> reply.complete(result));
                });
    }

    private static Result checked(CheckReport report) {
        if (report.problems().isEmpty()) {
            return new Result.Ok("All " + report.checked() + " stored audio asset(s) are intact.", report);
        }
        return new Result.Error(Reason.ASSET_CORRUPT, report.problems().size() + " problem(s) in "
                + report.checked() + " asset(s): " + String.join("; ", report.problems()));
    }
}
