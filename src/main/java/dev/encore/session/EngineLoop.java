package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.audio.AudioImporter;
import dev.encore.audio.AudioWorkers;
import dev.encore.audio.MediaFolders;
import dev.encore.audio.StemCache;
import dev.encore.feedback.FeedbackBus;
import dev.encore.feedback.Status;
import dev.encore.store.AssetId;
import dev.encore.store.BlobStore;
import dev.encore.store.MappedAsset;
import dev.encore.store.SessionStore;
import java.io.IOError;
import java.time.Clock;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine thread's body: start-up recovery, then each queued job handed to the {@link Dispatch}
 * in order, and between jobs the timed work (a coalesced save, an arming running out, stems, status
 * and the draft journal); at the end a pending save and the draft are written and every part is
 * stopped. Should the thread die or be stuck, {@link Breakdown} answers for it.
 */
final class EngineLoop {
    private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);
    private static final String BACKGROUND_WORK = "pending save, status and draft journal";

    private final JobQueue jobs = new JobQueue();
    private final LiveState live = new LiveState();
    private final FeedbackBus bus = new FeedbackBus();
    private final SessionStore store;
    private final Performance performance;
    private final Switcher switcher;
    private final Saver saver;
    private final Breakdown breakdown;
    private final boolean ownsStore;
    private final Clock clock;
    private final EngineSettings settings;
    private final ExecutorService preloader = Executors.newSingleThreadExecutor(r -> daemon(r, "encore-preload"));
    private final AudioWorkers workers;
    private final Stems stems;
    private final Tracks tracks;
    private final Bundles bundles;
    private final Recovery recovery;
    private final Dispatch dispatch;
    private final Thread thread;
    private volatile boolean running = true;

    EngineLoop(SessionStore store, boolean ownsStore, Clock clock, EngineSettings settings, RestoreListener host,
            AudioSetup audio) {
        this.store = store;
        this.ownsStore = ownsStore;
        this.clock = clock;
        this.settings = settings;
        store.setLiveRoots(() -> live.scene().assets());
        MediaFolders folders = audio.folders();
        BlobStore blobs = store.blobs();
        StemCache cache = new StemCache(blobs, new StemIndex(store, this::call));
        this.workers = new AudioWorkers(new AudioImporter(blobs, folders, audio.sampleRate(), audio.ffmpegOrPath()), cache);
        this.performance = new Performance(store, live, bus, settings);
        this.saver = new Saver(store, live, performance);
        this.stems = new Stems(store, live, performance, bus, cache, workers, audio.extractor().apply(blobs), this::post);
        this.switcher = new Switcher(store, live, performance, bus, settings, host, preloader, saver, stems);
        this.tracks = new Tracks(live, bus, folders, workers, stems, performance.light(), settings.fixtures(), this::post);
        this.bundles = new Bundles(store, bus, folders, performance, this::post);
        ReadBack readBack = new ReadBack(store, live, performance, bus, workers, settings.fixtures());
        this.dispatch = new Dispatch(store, clock, performance, settings, bus,
                new Dispatch.Parts(saver, switcher, tracks, bundles, readBack));
        this.recovery = new Recovery(store, performance, switcher, settings);
        this.thread = daemon(this::run, "encore-engine");
        this.breakdown = new Breakdown(jobs, performance, thread, this::journalUnsaved, this::stopParts);
    }

    void start() {
        breakdown.watchdog().start();
        thread.start();
    }

    JobQueue jobs() {
        return jobs;
    }

    LiveState live() {
        return live;
    }

    FeedbackBus bus() {
        return bus;
    }

    SessionStore store() {
        return store;
    }

    Breakdown breakdown() {
        return breakdown;
    }

    /** The status last pushed; readable from any thread. */
    Status shown() {
        return performance.light().shown();
    }

    long commits() {
        return saver.commits();
    }

    Map<AssetId, MappedAsset> preloaded() {
        return switcher.preloaded();
    }

    boolean onEngineThread() {
        return Thread.currentThread() == thread;
    }

    Thread thread() {
        return thread;
    }

    /** Ends the loop after the jobs queued before; called through the queue, so on the engine thread. */
    void end() {
        running = false;
    }

    /** Queues internal work from an audio worker; it runs on the engine thread, or not at all once stopped. */
    void post(Runnable task) {
        jobs.post(task, () -> { });
    }

    /** Runs store work for an audio worker on the engine thread (directly when already on it); BUSY once stopped. */
    <T> CompletableFuture<T> call(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable run = () -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        if (onEngineThread()) {
            run.run();
        } else {
            jobs.post(run, () -> result.completeExceptionally(new EncoreException(Reason.BUSY, "The engine has stopped.")));
        }
        return result;
    }

    /** Once per job and once when the engine looks at the live state again: settling is internal work. */
    void tick() {
        long now = clock.millis();
        dispatch.tick(now);
        StatusLight light = performance.light();
        light.run("stems", () -> {
            stems.ensure();
            return null;
        });
        light.run("journal", () -> {
            performance.tick(now);
            return null;
        });
    }

    private void run() {
        try {
            loop();
        } catch (Throwable e) {
            breakdown.died(e);
        }
    }

    private void loop() {
        EngineWatchdog watchdog = breakdown.watchdog();
        watchdog.begin("start-up");
        performance.light().run("start", () -> {
            recovery.start(clock.millis());
            performance.light().show();
            if (performance.active() == null) {
                performance.announceSession();
            }
            return null;
        });
        watchdog.end();
        while (running && !breakdown.stuck()) {
            try {
                JobQueue.Job job = jobs.take(Math.max(1, dispatch.waitMs(clock.millis(), settings.statusDebounceMs())));
                if (job != null) {
                    watchdog.begin(job.action() != null ? job.action().verb() : "queued engine work");
                    handle(job);
                }
                if (dispatch.switchesWaiting() && !jobs.switchIsNext()) {
                    watchdog.begin("open");
                    dispatch.openSwitches(); // the burst ends here: its last switch wins
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
        journalUnsaved();
        stopParts();
    }

    /**
     * Hands an action to the dispatch so that its caller is answered whatever fails: what escapes
     * the guarded parts fails this job, not the engine.
     */
    private void handle(JobQueue.Job job) {
        try {
            if (job.task() != null) {
                job.task().run();
                return;
            }
            job.action().accept(dispatch).whenComplete((r, e) -> job.reply().complete(r != null ? r
                    : new Result.Error(Reason.GENERAL, job.action().verb() + " failed: " + e)));
        } catch (RuntimeException | VirtualMachineError | LinkageError | AssertionError | IOError
                | ServiceConfigurationError e) {
            Result.Error failed = performance.light().failed(job.action() != null ? job.action().verb() : "engine task", e);
            if (job.reply() != null) {
                job.reply().complete(failed);
            }
        }
    }

    /** Commits a pending save and journals unsaved changes as the draft. */
    private void journalUnsaved() {
        dispatch.flush();
        performance.light().run("journal", () -> {
            performance.journal();
            return null;
        });
    }

    /** Answers what is queued and stops the audio work, the preloader, the store and the feedback. */
    private void stopParts() {
        jobs.refuse();
        tracks.stop();
        bundles.stop();
        stems.stop();
        workers.close();
        jobs.refuse();
        preloader.shutdownNow();
        if (ownsStore) {
            store.close();
        }
        jobs.stop();
        bus.close();
        breakdown.watchdog().close();
        LOG.info("Engine stopped");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
