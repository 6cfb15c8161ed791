package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.audio.AudioImporter;
import dev.encore.audio.AudioWorkers;
import dev.encore.audio.MediaFolders;
import dev.encore.audio.StemCache;
import dev.encore.feedback.FeedbackBus;
import dev.encore.feedback.FeedbackSink;
import dev.encore.feedback.Status;
import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.MappedAsset;
import dev.encore.store.SessionStore;
import dev.encore.store.StoredSession;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
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
 */
public final class SessionEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionEngine.class);

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
    private final Recovery recovery;
    private final Guard guard;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean stopped;
    private volatile Throwable died;
    private volatile java.util.function.Consumer<Throwable> onDeath = e -> { };

    private final SaveCoalescer saves;
    private boolean running = true;

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
        this.recovery = new Recovery(store, performance, switcher, settings);
        this.thread = daemon(this::runGuarded, "encore-engine");
    }

    /** Starts configuring an engine on a data folder (created if missing). */
    public static EngineBuilder builder(Path dataDir) {
        return new EngineBuilder(dataDir);
    }

    /** Starts the engine thread and waits until start-up (recovery of the last session) is done. */
    SessionEngine start() {
        thread.start();
        settle().join();
        return this;
    }

    /** Queues an action from any thread; the future completes with its one result, never exceptionally. */
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

    /** The live performance: parameters, fixture, tracks and stem overlay; change it from any thread. */
    public LiveState live() {
        return live;
    }

    /** The status last pushed to controllers. */
    public Status status() {
        return performance.shown();
    }

    /** Registers a sink for status, session, progress, armed and restored-parameter events. */
    public void addFeedback(FeedbackSink sink) {
        bus.register(sink);
    }

    /**
     * Completes once every action queued before it has run, the engine has looked at the live state
     * once more (status and draft journal) and the feedback this caused has reached every sink; a
     * synchronization point for hosts and tests.
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
        if (closed) {
            return;
        }
        closed = true;
        queue.add(new Job(null, null, () -> running = false));
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The blob store where imported audio is written (on the audio executor) before its track enters
     * the live state; blobs are written once and are safe to write from any thread.
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

    /** The store the engine runs on; the mirror of a primary or backup laptop attaches to it. */
    public SessionStore store() {
        return store;
    }

    /** Writes the OSC port into the data folder's lock, so a second Encore can say who holds it. */
    public void announceOscPort(int port) {
        store.lock().describe(port);
    }

    Map<AssetId, MappedAsset> preloaded() {
        return switcher.preloaded();
    }

    private void loop() {
        guard.run("start", () -> {
            recovery.start(clock.millis());
            performance.push();
            if (performance.active() == null) {
                performance.announceSession();
            }
            return new Result.Ok("started");
        });
        while (running) {
            try {
                Job job = queue.poll(waitMs(), TimeUnit.MILLISECONDS);
                if (job != null) {
                    handle(job);
                }
                tick();
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException | LinkageError | VirtualMachineError | AssertionError e) {
                LOG.error("Engine loop survived an unexpected failure", e);
            }
        }
        shutDown();
    }

    /**
     * The engine thread's body. Should it end by an error nothing above caught, the failure is
     * logged, unsaved changes are journaled as far as possible, every waiting caller is answered, and
     * {@code onDeath} is told, so the daemon can stop with a non-zero exit for its supervisor.
     */
    private void runGuarded() {
        try {
            loop();
        } catch (Throwable e) {
            died = e;
            LOG.error("The engine thread failed and stops; unsaved changes are journaled where possible", e);
            closed = true;
            try {
                shutDown();
            } catch (Throwable again) {
                LOG.error("Stopping the engine after its failure did not finish", again);
            }
            onDeath.accept(e);
        }
    }

    /** The error that ended the engine thread, or null while it runs or after a clean stop. */
    public Throwable failure() {
        return died;
    }

    /** Registers what to do if the engine thread dies of an error (the daemon stops and exits non-zero). */
    public void onDeath(java.util.function.Consumer<Throwable> listener) {
        this.onDeath = listener;
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
        StoredSession target = null;
        List<Job> winners = new ArrayList<>();
        for (Job j : burst) {
            try {
                target = runner.switchTarget(j.action(), target);
                winners.add(j);
            } catch (EncoreException e) {
                LOG.info("{} refused: {}", j.action().verb(), e.getMessage());
                j.reply().complete(new Result.Error(e.reason(), e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("{} failed unexpectedly", j.action().verb(), e);
                j.reply().complete(new Result.Error(Reason.GENERAL, j.action().verb() + " failed: " + e.getMessage()));
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
        saves.flush(clock.millis());
        guard.run("journal", () -> {
            performance.journal();
            return new Result.Ok("");
        });
        refuseQueued();
        tracks.stop();
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
