package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.feedback.FeedbackBus;
import dev.encore.store.SessionId;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one place each action is handled. For every action it decides, once: whether a backup
 * laptop refuses it, whether it ends an armed delete or revert, how it meets the saves waiting to
 * be coalesced, whether it joins a burst of switches, and which part runs it. Answers with a future that completes
 * with the action's one result (at once, or when its work on the audio workers is done).
 * Confined to the engine thread.
 */
final class Dispatch implements ActionHandler<CompletableFuture<Result>> {
    /** What an action may change: this decides whether it disarms and whether a backup laptop runs it. */
    private enum Effect {
        /** Looks only: leaves an armed delete or revert armed; runs on a backup. */
        READS(false, false),
        /** Changes the live state: disarms; runs on a backup, where a performer may preview. */
        LIVE(true, false),
        /** Changes what is stored: disarms; refused on a backup laptop. */
        STORED(true, true),
        /** Revert: decides its own arming; runs on a backup. */
        ARMED_LIVE(false, false),
        /** Delete: decides its own arming; refused on a backup laptop. */
        ARMED_STORED(false, true);

        final boolean disarms;
        final boolean primaryOnly;

        Effect(boolean disarms, boolean primaryOnly) {
            this.disarms = disarms;
            this.primaryOnly = primaryOnly;
        }
    }

    private final SessionStore store;
    private final Clock clock;
    private final Performance performance;
    private final StatusLight light;
    private final Arming arming;
    private final SaveCoalescer saves;
    private final SwitchBurst switches;
    private final Saver saver;
    private final Setlist setlist;
    private final Switcher switcher;
    private final HistoryActions history;
    private final Tracks tracks;
    private final Bundles bundles;
    private final ReadBack readBack;

    /** The parts the actions run on, as the engine wires them. */
    record Parts(Saver saver, Switcher switcher, Tracks tracks, Bundles bundles, ReadBack readBack) {
    }

    Dispatch(SessionStore store, Clock clock, Performance performance, EngineSettings settings, FeedbackBus bus,
            Parts parts) {
        this.store = store;
        this.clock = clock;
        this.performance = performance;
        this.light = performance.light();
        this.arming = new Arming(bus, settings.armingWindowMs());
        this.saver = parts.saver();
        this.switcher = parts.switcher();
        this.tracks = parts.tracks();
        this.bundles = parts.bundles();
        this.readBack = parts.readBack();
        this.saves = new SaveCoalescer(saver, light, settings.saveCoalesceMs());
        this.switches = new SwitchBurst(switcher, light, bus);
        this.setlist = new Setlist(store, performance, saver, settings.wrap());
        this.history = new HistoryActions(store, performance, switcher, setlist::resolve);
    }

    @Override
    public CompletableFuture<Result> save(Action.Save a) {
        return gated(a, Effect.STORED, () -> saves.press(a, clock.millis()));
    }

    @Override
    public CompletableFuture<Result> saveCopy(Action.SaveCopy a) {
        return now(a, Effect.STORED, () -> saver.saveCopy(a.name()));
    }

    @Override
    public CompletableFuture<Result> open(Action.Open a) {
        return switching(a, from -> setlist.resolve(a.target()));
    }

    @Override
    public CompletableFuture<Result> resume(Action.Resume a) {
        return now(a, Effect.LIVE, () -> switcher.resume(setlist.resolve(a.target())));
    }

    @Override
    public CompletableFuture<Result> next(Action.Next a) {
        return switching(a, from -> setlist.step(true, from));
    }

    @Override
    public CompletableFuture<Result> prev(Action.Prev a) {
        return switching(a, from -> setlist.step(false, from));
    }

    @Override
    public CompletableFuture<Result> rename(Action.Rename a) {
        return now(a, Effect.STORED, () -> setlist.rename(a));
    }

    @Override
    public CompletableFuture<Result> delete(Action.Delete a) {
        return now(a, Effect.ARMED_STORED, () -> {
            StoredSession target = setlist.deleteTarget(a);
            if (!arming.confirmed(a.verb(), target.id(), a.confirm(), clock.millis())) {
                return new Result.Error(Reason.CONFIRMATION_REQUIRED, "Press delete again within "
                        + arming.windowMs() + " ms to delete '" + target.name() + "'.");
            }
            return setlist.delete(target);
        });
    }

    @Override
    public CompletableFuture<Result> revert(Action.Revert a) {
        return now(a, Effect.ARMED_LIVE, () -> {
            SessionId id = performance.active();
            if (id == null) {
                throw new EncoreException(Reason.NO_ACTIVE_SESSION, "Nothing to revert to: no session is open.");
            }
            StoredSession stored = setlist.resolve(new SessionRef.ById(id));
            if (!arming.confirmed(a.verb(), id, a.confirm(), clock.millis())) {
                return new Result.Error(Reason.CONFIRMATION_REQUIRED, "Press revert again within " + arming.windowMs()
                        + " ms to drop the unsaved changes of '" + stored.name() + "'.");
            }
            switcher.backTo(stored);
            return new Result.Done("Reverted '" + stored.name() + "' to its saved state.");
        });
    }

    @Override
    public CompletableFuture<Result> move(Action.Move a) {
        return now(a, Effect.STORED, () -> setlist.move(a));
    }

    @Override
    public CompletableFuture<Result> listSessions(Action.ListSessions a) {
        return now(a, Effect.READS, readBack::list);
    }

    @Override
    public CompletableFuture<Result> sync(Action.Sync a) {
        return now(a, Effect.READS, readBack::sync);
    }

    @Override
    public CompletableFuture<Result> check(Action.Check a) {
        return later(a, Effect.READS, readBack::check);
    }

    @Override
    public CompletableFuture<Result> importTrack(Action.ImportTrack a) {
        return later(a, Effect.STORED, () -> tracks.importTrack(a));
    }

    @Override
    public CompletableFuture<Result> exportBundle(Action.ExportBundle a) {
        return later(a, Effect.READS, () -> bundles.export(a));
    }

    @Override
    public CompletableFuture<Result> importBundle(Action.ImportBundle a) {
        return later(a, Effect.STORED, () -> bundles.importBundle(a));
    }

    @Override
    public CompletableFuture<Result> cancelImport(Action.CancelImport a) {
        return now(a, Effect.LIVE, () -> tracks.cancel(a));
    }

    @Override
    public CompletableFuture<Result> trimTrack(Action.TrimTrack a) {
        return now(a, Effect.LIVE, () -> tracks.trim(a));
    }

    @Override
    public CompletableFuture<Result> removeTrack(Action.RemoveTrack a) {
        return now(a, Effect.LIVE, () -> tracks.remove(a));
    }

    @Override
    public CompletableFuture<Result> setSourceMode(Action.SetSourceMode a) {
        return now(a, Effect.LIVE, () -> tracks.sourceMode(a.mode()));
    }

    @Override
    public CompletableFuture<Result> selectFixture(Action.SelectFixture a) {
        return now(a, Effect.LIVE, () -> tracks.selectFixture(a));
    }

    @Override
    public CompletableFuture<Result> listFixtures(Action.ListFixtures a) {
        return now(a, Effect.READS, readBack::fixtures);
    }

    @Override
    public CompletableFuture<Result> history(Action.History a) {
        return now(a, Effect.READS, () -> history.history(a.target()));
    }

    @Override
    public CompletableFuture<Result> undo(Action.Undo a) {
        return now(a, Effect.STORED, () -> history.step(true));
    }

    @Override
    public CompletableFuture<Result> redo(Action.Redo a) {
        return now(a, Effect.STORED, () -> history.step(false));
    }

    @Override
    public CompletableFuture<Result> undelete(Action.Undelete a) {
        return now(a, Effect.STORED, history::undelete);
    }

    @Override
    public CompletableFuture<Result> openRevision(Action.OpenRevision a) {
        return now(a, Effect.LIVE, () -> history.openRevision(a));
    }

    /** True while switches wait in a burst for the next job that is not a switch. */
    boolean switchesWaiting() {
        return switches.waiting();
    }

    /** Opens the last target of the waiting burst: the next job is not a switch. */
    void openSwitches() {
        switches.open();
    }

    /** The timed part of coalescing and arming: a waiting save whose window passed, an arming that ran out. */
    void tick(long now) {
        saves.tick(now);
        arming.tick(now);
    }

    /** How long the engine may sleep before {@link #tick} has work, at most {@code otherwise}. */
    long waitMs(long now, long otherwise) {
        return saves.waitMs(now, otherwise);
    }

    /** Runs a save waiting in its coalescing window now: another action comes first, or the engine stops. */
    void flush() {
        saves.flush(clock.millis());
    }

    /** A switch joins the burst after the saves waiting before it ran. */
    private CompletableFuture<Result> switching(Action a, UnaryOperator<StoredSession> step) {
        saves.flush(clock.millis());
        return gated(a, Effect.LIVE, () -> switches.add(a, step));
    }

    /** Runs the work now and answers with its result. */
    private CompletableFuture<Result> now(Action a, Effect effect, Supplier<Result> work) {
        return later(a, effect, () -> CompletableFuture.completedFuture(light.run(a.verb(), work)));
    }

    /** Runs a waiting save first (it was pressed before), then starts the work. */
    private CompletableFuture<Result> later(Action a, Effect effect, Supplier<CompletableFuture<Result>> work) {
        flush();
        return gated(a, effect, work);
    }

    private CompletableFuture<Result> gated(Action a, Effect effect, Supplier<CompletableFuture<Result>> work) {
        if (effect.primaryOnly) {
            Optional<String> primary = store.mirrored().following();
            if (primary.isPresent()) {
                return CompletableFuture.completedFuture(new Result.Error(Reason.BACKUP_READ_ONLY, "This laptop is the"
                        + " backup of " + primary.get() + "; '" + a.verb() + "' is not done here while the primary runs."));
            }
        }
        if (effect.disarms) {
            arming.disarm();
        }
        return work.get();
    }
}
