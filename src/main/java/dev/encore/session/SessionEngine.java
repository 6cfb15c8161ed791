package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.audio.AudioImporter;
import dev.encore.audio.AudioWorkers;
import dev.encore.audio.MediaFolders;
import dev.encore.audio.StemCache;
import dev.encore.feedback.FeedbackBus;
import dev.encore.feedback.FeedbackEvent;
import dev.encore.feedback.FeedbackSink;
import dev.encore.feedback.Status;
import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.MappedAsset;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import java.io.IOError;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(SessionEngine.class);
    /** How long a stuck engine's unsaved changes may take to reach the store from another thread. */
    static final long RESCUE_WAIT_MS = 2_000;
    private static final String BACKGROUND_WORK = "pending save, status and draft journal";

    private record Job(Action action, CompletableFuture<Result> reply, Runnable task) {
    }

    private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
    private final SessionStore store;
    private final boolean ownsStore;
    private final Clock clock;
    private final EngineSettings settings;
    private final LiveState live = new LiveState();
    private final FeedbackBus bus = new FeedbackBus();
    private final ExecutorService preloader = Executors.newSingleThreadExecutor(r -> daemon(r, "encore-preload"));
    private final Performance performance;
    private final Saver saver;
    private final Switcher switcher;
    private final ActionRunner runner;
    private final AudioWorkers workers;
    private final Stems stems;
    private final Tracks tracks;
    private final Bundles bundles;
    private final Recovery recovery;
    private final Guard guard;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean stopped;
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile EngineFailure failure;
    private Consumer<EngineFailure> onFailure = f -> { };
    private EngineWatchdog watchdog;
    /** The jobs the engine thread is running now (a burst of switches is several), answered should it fail. */
    private volatile List<Job> working = List.of();

    private final SaveCoalescer saves;
    private volatile boolean running = true;

    SessionEngine(SessionStore store, boolean ownsStore, Clock clock, EngineSettings settings,
            RestoreListener host, List<FeedbackSink> sinks) {
        this(store, ownsStore, clock, settings, host, sinks, AudioSetup.DEFAULTS);
    }

    SessionEngine(SessionStore store, boolean ownsStore, Clock clock, EngineSettings settings,
            RestoreListener host, List<FeedbackSink> sinks, AudioSetup audio) {
        this.store = store;
        this.ownsStore = ownsStore;
        this.clock = clock;
        this.settings = settings;
        sinks.forEach(bus::register);
        store.setLiveRoots(() -> live.scene().assets());
        MediaFolders folders = audio.folders();
        BlobStore blobs = store.blobs();
        StemCache cache = new StemCache(blobs, new StemIndex(store, this::call));
        this.workers = new AudioWorkers(new AudioImporter(blobs, folders, audio.sampleRate(), audio.ffmpegOrPath()), cache);
        this.performance = new Performance(store, live, bus, settings);
        this.guard = new Guard(performance);
        this.saver = new Saver(store, live, performance);
        this.saves = new SaveCoalescer(saver, guard, performance, settings.saveCoalesceMs());
        this.stems = new Stems(store, live, performance, bus, cache, workers, audio.extractor().apply(blobs), this::post);
        this.switcher = new Switcher(store, live, performance, bus, settings, host, preloader, saver, stems);
        this.runner = new ActionRunner(store, live, performance, switcher, bus, settings, saver);
        this.tracks = new Tracks(live, bus, folders, workers, stems, guard, this::post);
        this.bundles = new Bundles(store, bus, folders, performance, guard, this::post);
        this.recovery = new Recovery(store, performance, switcher, settings);
        this.thread = daemon(this::runGuarded, "encore-engine");
        this.watchdog = new EngineWatchdog(EngineBuilder.WATCHDOG_MS, System::nanoTime, this::stuck);
    }

    /** Sets the watchdog time (0: off) and who is told when the engine thread fails; before {@link #start()}. */
    void supervise(long watchdogMs, Consumer<EngineFailure> listener) {
        this.watchdog = new EngineWatchdog(watchdogMs, System::nanoTime, this::stuck);
        this.onFailure = Objects.requireNonNull(listener, "listener");
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
        watchdog.start();
        thread.start();
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
        CompletableFuture<Result> reply = new CompletableFuture<>();
        if (closed) {
            reply.complete(new Result.Error(Reason.BUSY, "The engine is stopped; '" + action.verb() + "' did not run."));
            return reply;
        }
        queue.add(new Job(Objects.requireNonNull(action, "action"), reply, null));
        if (stopped) {
            refuseQueued();
        }
        return reply;
    }

    /**
     * The live performance: parameters, fixture, tracks and stem overlay; change it from any thread.
     *
     * @return the one live state of this engine
     */
    public LiveState live() {
        return live;
    }

    /**
     * The status last pushed to controllers.
     *
     * @return saved, unsaved, saving, opening or error
     */
    public Status status() {
        return performance.shown();
    }

    /**
     * Registers a sink for status, session, progress, armed and restored-parameter events.
     *
     * @param sink called on the feedback thread
     */
    public void addFeedback(FeedbackSink sink) {
        bus.register(sink);
    }

    /**
     * Tells every feedback sink of an event from outside the engine (the mirror's state), in order
     * with the engine's own events.
     *
     * @param event what happened
     */
    public void publish(FeedbackEvent event) {
        bus.publish(event);
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
        if (closed) {
            done.complete(null);
            return done;
        }
        queue.add(new Job(null, null, () -> {
            if (!stopped) {
                tick();
            }
            bus.drained().thenRun(() -> done.complete(null));
        }));
        if (stopped) {
            refuseQueued();
        }
        return done;
    }

    /** Runs a pending save, journals unsaved changes as a draft, then stops the engine and closes the store. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.add(new Job(null, null, () -> running = false));
        }
        EngineFailure f = failure;
        if (f != null && f.kind() == EngineFailure.Kind.STUCK || Thread.currentThread() == thread) {
            return; // a stuck engine thread would not finish; it stops by itself should it ever return
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10)); // also after a failure: the dying thread closes the store
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
        return store.blobs();
    }

    long commits() {
        return saver.commits();
    }

    /** Queues internal work from an audio worker; it runs on the engine thread, or not at all once stopped. */
    private void post(Runnable task) {
        post(task, () -> { });
    }

    private void post(Runnable task, Runnable refused) {
        queue.add(new Job(null, null, () -> (stopped ? refused : task).run()));
        if (stopped) {
            refuseQueued();
        }
    }

    /** Runs store work for an audio worker on the engine thread (directly when already on it); BUSY once stopped. */
    private <T> CompletableFuture<T> call(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable run = () -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        if (Thread.currentThread() == thread) {
            run.run();
        } else {
            post(run, () -> result.completeExceptionally(new EncoreException(Reason.BUSY, "The engine has stopped.")));
        }
        return result;
    }

    /**
     * The store the engine runs on; the mirror of a primary or backup laptop attaches to it.
     *
     * @return the engine's store, open while the engine runs
     */
    public SessionStore store() {
        return store;
    }

    /**
     * Writes the OSC port into the data folder's lock, so a second Encore can say who holds it.
     *
     * @param port the UDP and TCP port commands arrive on
     */
    public void announceOscPort(int port) {
        store.lock().describe(port);
    }

    /**
     * Warms the save path in the background a moment from now, so the first save on stage costs
     * what the hundredth does. For processes that run for a show (the daemon, a host); see
     * {@link dev.encore.store.SessionStore#warmUpSaves}.
     */
    public void warmUpSaves() {
        store.warmUpSaves();
    }

    Map<AssetId, MappedAsset> preloaded() {
        return switcher.preloaded();
    }

    private void loop() {
        watchdog.begin("start-up");
        guard.run("start", () -> {
            recovery.start(clock.millis());
            performance.push();
            if (performance.active() == null) {
                performance.announceSession();
            }
            return new Result.Ok("started");
        });
        watchdog.end();
        while (running) {
            try {
                Job job = queue.poll(waitMs(), TimeUnit.MILLISECONDS);
                if (job != null) {
                    watchdog.begin(job.action() != null ? job.action().verb() : "queued engine work");
                    working = List.of(job);
                    handleAnswered(job);
                    working = List.of();
                }
                watchdog.begin(BACKGROUND_WORK);
                tick();
                watchdog.end();
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException | LinkageError | VirtualMachineError | AssertionError e) {
                watchdog.end();
                LOG.error("Engine loop survived an unexpected failure", e);
            }
        }
        watchdog.begin("stopping");
        shutDown();
    }

    /**
     * The engine thread's body. Should it end by an error nothing above caught, the failure is
     * logged with what the thread was doing, unsaved changes are journaled as far as possible, every
     * waiting caller is answered, and the failure listener is told (the daemon exits non-zero).
     */
    private void runGuarded() {
        try {
            loop();
        } catch (Throwable e) {
            String action = watchdog.doing();
            long ranMs = watchdog.runningMs();
            watchdog.begin("stopping after the failure");
            LOG.error("The session engine thread died in '{}'; it stops, and unsaved changes are journaled where"
                    + " possible", action, e);
            closed = true;
            try {
                journalUnsaved();
                report(new EngineFailure(EngineFailure.Kind.DIED, action, ranMs, e, EngineWatchdog.stackOf(e),
                        performance.unsavedKept()));
                answerWorking("'" + action + "' failed: the engine thread died of " + e + ".");
                stopParts();
            } catch (Throwable again) {
                LOG.error("Stopping the engine after its failure did not finish", again);
                watchdog.close();
                report(new EngineFailure(EngineFailure.Kind.DIED, action, ranMs, e, EngineWatchdog.stackOf(e), false));
            }
        }
    }

    /**
     * On the watchdog's thread, once the engine thread has run one piece of work for the watchdog
     * time: logs its stack, answers whatever is queued, journals the live state from here (the stuck
     * thread cannot) and tells the failure listener. Should the engine thread ever return, it stops.
     */
    private void stuck(EngineWatchdog.Stuck s) {
        String stack = EngineWatchdog.stackOf(thread);
        closed = true;
        running = false;
        LOG.error("The session engine has been stuck in '{}' for {} ms (the watchdog allows {} ms); it takes no"
                + " more actions. The engine thread:{}{}", s.action(), s.runningMs(), watchdog.timeoutMs(),
                System.lineSeparator(), stack);
        answerWorking("'" + s.action() + "' did not finish within the watchdog time of " + watchdog.timeoutMs()
                + " ms; the engine takes no more actions.");
        boolean kept = rescueDraft();
        stopped = true;
        refuseQueued();
        report(new EngineFailure(EngineFailure.Kind.STUCK, s.action(), s.runningMs(), null, stack, kept));
    }

    private void answerWorking(String message) {
        for (Job j : working) {
            if (j.reply() != null) {
                j.reply().complete(new Result.Error(Reason.GENERAL, message + " " + Reason.GENERAL.fix()));
            }
        }
    }

    /** Journals the live state from a thread of its own, waiting at most {@link #RESCUE_WAIT_MS}. */
    private boolean rescueDraft() {
        CompletableFuture<Boolean> rescue = CompletableFuture.supplyAsync(performance::rescue,
                r -> daemon(r, "encore-rescue-draft").start());
        try {
            boolean kept = rescue.get(RESCUE_WAIT_MS, TimeUnit.MILLISECONDS);
            LOG.info("Unsaved changes of the stuck engine are journaled as a draft where there were any");
            return kept;
        } catch (TimeoutException e) {
            LOG.error("Could not journal the unsaved changes within {} ms: the store is held by the stuck engine"
                    + " thread. What the last draft holds comes back at the next start.", RESCUE_WAIT_MS);
        } catch (ExecutionException e) {
            LOG.error("Could not journal the unsaved changes: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void report(EngineFailure f) {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        failure = f;
        try {
            onFailure.accept(f);
        } catch (RuntimeException e) {
            LOG.error("The engine's failure listener failed", e);
        }
    }

    /**
     * Why the engine thread stopped answering.
     *
     * @return the failure, or null while the engine runs or after a clean stop
     */
    public EngineFailure failure() {
        return failure;
    }

    private long waitMs() {
        return Math.max(1, saves.waitMs(clock.millis(), settings.statusDebounceMs()));
    }

    private void tick() {
        long now = clock.millis();
        saves.tick(now);
        runner.tick(now);
        guard.run("stems", () -> {
            stems.ensure();
            return new Result.Ok("");
        });
        guard.run("journal", () -> {
            performance.tick(now);
            return new Result.Ok("");
        });
    }

    /**
     * Handles a job so that its caller is answered whatever fails, the Errors {@link Guard} answers
     * included: what escapes the guarded parts (arming, dispatch, the store lookups of a switch) fails
     * this job, not the engine.
     */
    private void handleAnswered(Job job) {
        try {
            handle(job);
        } catch (RuntimeException | VirtualMachineError | LinkageError | AssertionError | IOError
                | ServiceConfigurationError e) {
            String verb = job.action() != null ? job.action().verb() : "engine task";
            Result.Error failed = guard.failed(verb, e);
            if (job.reply() != null) {
                job.reply().complete(failed);
            }
        }
    }

    private void handle(Job job) {
        if (job.task() != null) {
            job.task().run();
            return;
        }
        Action action = job.action();
        Result refused = BackupGuard.refusal(store, action);
        if (refused != null) {
            job.reply().complete(refused);
            return;
        }
        runner.before(action);
        if (action instanceof Action.Save save) {
            saves.press(save, job.reply(), clock.millis());
            return;
        }
        saves.flush(clock.millis());
        if (action instanceof Action.Open || action instanceof Action.Next || action instanceof Action.Prev) {
            switchTo(job);
        } else if (action instanceof Action.ImportTrack i) {
            tracks.importTrack(i, job.reply());
        } else if (Tracks.handles(action)) {
            job.reply().complete(guard.run(action.verb(), () -> tracks.run(action)));
        } else if (action instanceof Action.Check) {
            runner.check(workers, job.reply());
        } else if (action instanceof Action.ExportBundle e) {
            bundles.export(e, job.reply());
        } else if (action instanceof Action.ImportBundle i) {
            bundles.importBundle(i, job.reply());
        } else if (action instanceof Action.SaveCopy c) {
            job.reply().complete(guard.run(action.verb(), () -> saver.saveCopy(c.name())));
        } else {
            job.reply().complete(guard.run(action.verb(), () -> runner.run(action, clock.millis())));
        }
    }

    /** Resolves the burst of switches at the head of the queue and opens only the last target. */
    private void switchTo(Job first) {
        List<Job> burst = new ArrayList<>(List.of(first));
        while (queue.peek() != null && isSwitch(queue.peek().action())) {
            burst.add(queue.poll());
        }
        working = List.copyOf(burst);
        StoredSession target = null;
        List<Job> winners = new ArrayList<>();
        for (Job j : burst) {
            try {
                target = runner.switchTarget(j.action(), target);
                winners.add(j);
            } catch (EncoreException e) {
                LOG.info("{} refused: {}", j.action().verb(), e.getMessage());
                j.reply().complete(new Result.Error(e.reason(), e.getMessage()));
            } catch (RuntimeException | VirtualMachineError | LinkageError | AssertionError | IOError
                    | ServiceConfigurationError e) {
                j.reply().complete(guard.failed(j.action().verb(), e));
            }
        }
        if (target == null) {
            return;
        }
        StoredSession chosen = target;
        Result result = guard.run("open", () -> switcher.open(chosen));
        // Answered once the feedback thread has sent what the open pushed (its progress 1.0 included).
        bus.drained().thenRun(() -> winners.forEach(j -> j.reply().complete(result)));
    }

    private static boolean isSwitch(Action a) {
        return a instanceof Action.Open || a instanceof Action.Next || a instanceof Action.Prev;
    }

    private void shutDown() {
        journalUnsaved();
        stopParts();
    }

    /** Commits a pending save and journals unsaved changes as the draft. */
    private void journalUnsaved() {
        saves.flush(clock.millis());
        guard.run("journal", () -> {
            performance.journal();
            return new Result.Ok("");
        });
    }

    /** Answers what is queued and stops the audio work, the preloader, the store and the feedback. */
    private void stopParts() {
        refuseQueued();
        tracks.stop();
        bundles.stop();
        stems.stop();
        workers.close();
        refuseQueued();
        preloader.shutdownNow();
        if (ownsStore) {
            store.close();
        }
        stopped = true;
        refuseQueued();
        bus.close();
        watchdog.close();
        LOG.info("Engine stopped");
    }

    /** Answers what is still queued once the engine stops, so no caller waits forever. */
    private void refuseQueued() {
        for (Job j = queue.poll(); j != null; j = queue.poll()) {
            if (j.reply() != null) {
                j.reply().complete(new Result.Error(Reason.BUSY, "The engine stopped before '" + j.action().verb() + "' ran."));
            } else {
                j.task().run();
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
