package dev.encore.session;

import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.FeedbackSink;
import dev.encore.feedback.Status;
import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.MappedAsset;
import dev.encore.store.SessionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where a button press becomes a durable save and a status light. One engine thread owns all
 * session state and runs queued actions in order, each answered with exactly one {@link Result};
 * nothing is thrown across threads. The live state ({@link #live()}) is changed directly from any
 * thread; the engine notices changes by their signature, pushes status at most once per status
 * debounce, and journals unsaved changes as the active session's draft.
 *
 * <p>Bursts are coalesced: saves pressed within the save coalescing window after a commit become
 * one more save with the latest state; switches (open, next, prev) queued behind each other resolve
 * in order and only the last one is opened (the latest wins), all answered with its result.
 *
 * <p>A watchdog reports an engine thread stuck in one piece of work for longer than the watchdog
 * time, and an error that ends the thread, as an {@link EngineFailure} to the host's failure
 * listener, after journaling unsaved changes where it can; the engine takes no more actions.
 */
public final class SessionEngine implements AutoCloseable {
    /** How long a stuck engine's unsaved changes may take to reach the store from another thread. */
    static final long RESCUE_WAIT_MS = 2_000;

    private final EngineLoop loop;

    SessionEngine(SessionStore store, boolean ownsStore, Clock clock, EngineSettings settings,
            RestoreListener host, List<FeedbackSink> sinks) {
        this(store, ownsStore, clock, settings, host, sinks, AudioSetup.DEFAULTS);
    }

    SessionEngine(SessionStore store, boolean ownsStore, Clock clock, EngineSettings settings,
            RestoreListener host, List<FeedbackSink> sinks, AudioSetup audio) {
        this.loop = new EngineLoop(store, ownsStore, clock, settings, host, audio);
        sinks.forEach(loop.bus()::register);
    }

    /** Sets the watchdog time (0: off) and who is told when the engine thread fails; before {@link #start()}. */
    void supervise(long watchdogMs, Consumer<EngineFailure> listener) {
        loop.breakdown().supervise(watchdogMs, listener);
    }

    /**
     * Starts configuring an engine on a data folder (created if missing).
     *
     * @param dataDir the folder holding the store: journal, index and audio
     * @return a builder; {@link EngineBuilder#start()} starts the engine
     */
    public static EngineBuilder builder(Path dataDir) {
        return new EngineBuilder(dataDir);
    }

    /** Starts the engine thread and waits until start-up (recovery of the last session) is done. */
    SessionEngine start() {
        loop.start();
        settle().join();
        return this;
    }

    /**
     * Queues an action from any thread; the future completes with its one result, never exceptionally.
     *
     * @param action what to do
     * @return the result, once the action ran (or was refused with BUSY because the engine stopped)
     */
    public CompletableFuture<Result> submit(Action action) {
        return loop.jobs().submit(action);
    }

    /**
     * The live performance: parameters, fixture, tracks and stem overlay; change it from any thread.
     *
     * @return the one live state of this engine
     */
    public LiveState live() {
        return loop.live();
    }

    /**
     * The status last pushed to controllers.
     *
     * @return saved, unsaved, saving, opening or error
     */
    public Status status() {
        return loop.shown();
    }

    /**
     * Registers a sink for status, session, progress, armed and restored-parameter events.
     *
     * @param sink called on the feedback thread
     */
    public void addFeedback(FeedbackSink sink) {
        loop.bus().register(sink);
    }

    /**
     * Tells every feedback sink of an event from outside the engine (the mirror's state), in order
     * with the engine's own events.
     *
     * @param event what happened
     */
    public void publish(FeedbackEvent event) {
        loop.bus().publish(event);
    }

    /**
     * Completes once every action queued before it has run, the engine has looked at the live state
     * once more (status and draft journal) and the feedback this caused has reached every sink; a
     * synchronization point for hosts and tests.
     *
     * @return completes when that is done (at once when the engine is stopped)
     */
    public CompletableFuture<Void> settle() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (loop.jobs().closed()) {
            done.complete(null);
            return done;
        }
        loop.jobs().post(() -> {
            loop.tick();
            loop.bus().drained().thenRun(() -> done.complete(null));
        }, () -> loop.bus().drained().thenRun(() -> done.complete(null)));
        return done;
    }

    /** Runs a pending save, journals unsaved changes as a draft, then stops the engine and closes the store. */
    @Override
    public void close() {
        loop.jobs().close(loop::end);
        EngineFailure f = loop.breakdown().failure();
        if (f != null && f.kind() == EngineFailure.Kind.STUCK || loop.onEngineThread()) {
            return; // a stuck engine thread would not finish; it stops by itself should it ever return
        }
        try {
            loop.thread().join(TimeUnit.SECONDS.toMillis(10)); // also after a failure: the dying thread closes the store
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The blob store where imported audio is written (on the audio executor) before its track enters
     * the live state; blobs are written once and are safe to write from any thread.
     *
     * @return the store's blob store
     */
    public BlobStore blobs() {
        return loop.store().blobs();
    }

    long commits() {
        return loop.commits();
    }

    /**
     * The store the engine runs on; the mirror of a primary or backup laptop attaches to it.
     *
     * @return the engine's store, open while the engine runs
     */
    public SessionStore store() {
        return loop.store();
    }

    /**
     * Writes the OSC port into the data folder's lock, so a second Encore can say who holds it.
     *
     * @param port the UDP and TCP port commands arrive on
     */
    public void announceOscPort(int port) {
        loop.store().lock().describe(port);
    }

    /**
     * Warms the save path in the background a moment from now, so the first save on stage costs
     * what the hundredth does. For processes that run for a show (the daemon, a host); see
     * {@link dev.encore.store.SessionStore#warmUpSaves}.
     */
    public void warmUpSaves() {
        loop.store().warmUpSaves();
    }

    Map<AssetId, MappedAsset> preloaded() {
        return loop.preloaded();
    }

    /**
     * Why the engine thread stopped answering.
     *
     * @return the failure, or null while the engine runs or after a clean stop
     */
    public EngineFailure failure() {
        return loop.breakdown().failure();
    }
}
