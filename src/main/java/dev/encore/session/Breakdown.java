package dev.encore.session;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when the engine thread fails: stuck in one piece of work for the watchdog time, or
 * ended by an error nothing caught. Either way unsaved changes are journaled where possible, every
 * waiting caller is answered, and the host's failure listener is told once with an
 * {@link EngineFailure}; the engine takes no more actions.
 */
final class Breakdown {
    private static final Logger LOG = LoggerFactory.getLogger(Breakdown.class);

    private final JobQueue jobs;
    private final Performance performance;
    private final Thread thread;
    private final Runnable journalUnsaved;
    private final Runnable stopParts;
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile EngineFailure failure;
    private volatile boolean stuck;
    private Consumer<EngineFailure> onFailure = f -> { };
    private EngineWatchdog watchdog;

    Breakdown(JobQueue jobs, Performance performance, Thread thread, Runnable journalUnsaved, Runnable stopParts) {
        this.jobs = jobs;
        this.performance = performance;
        this.thread = thread;
        this.journalUnsaved = journalUnsaved;
        this.stopParts = stopParts;
        this.watchdog = new EngineWatchdog(EngineBuilder.WATCHDOG_MS, System::nanoTime, this::stuck);
    }

    /** Sets the watchdog time (0: off) and who is told when the engine thread fails; before the engine starts. */
    void supervise(long watchdogMs, Consumer<EngineFailure> listener) {
        this.watchdog = new EngineWatchdog(watchdogMs, System::nanoTime, this::stuck);
        this.onFailure = Objects.requireNonNull(listener, "listener");
    }

    EngineWatchdog watchdog() {
        return watchdog;
    }

    EngineFailure failure() {
        return failure;
    }

    /** True once the watchdog found the engine stuck: should the thread ever return, its loop ends. */
    boolean stuck() {
        return stuck;
    }

    /**
     * On the dying engine thread: logs the failure with what the thread was doing, journals unsaved
     * changes as far as possible, answers every waiting caller and tells the failure listener (the
     * daemon exits non-zero).
     */
    void died(Throwable e) {
        String action = watchdog.doing();
        long ranMs = watchdog.runningMs();
        watchdog.begin("stopping after the failure");
        LOG.error("The session engine thread died in '{}'; it stops, and unsaved changes are journaled where"
                + " possible", action, e);
        jobs.closeNow();
        try {
            journalUnsaved.run();
            report(new EngineFailure(EngineFailure.Kind.DIED, action, ranMs, e, EngineWatchdog.stackOf(e),
                    performance.unsavedKept()));
            jobs.answerWorking("'" + action + "' failed: the engine thread died of " + e + ".");
            stopParts.run();
        } catch (Throwable again) {
            LOG.error("Stopping the engine after its failure did not finish", again);
            watchdog.close();
            report(new EngineFailure(EngineFailure.Kind.DIED, action, ranMs, e, EngineWatchdog.stackOf(e), false));
        }
    }

    /**
     * On the watchdog's thread, once the engine thread has run one piece of work for the watchdog
     * time: logs its stack, answers whatever waits, journals the live state from here (the stuck
     * thread cannot) and tells the failure listener.
     */
    private void stuck(EngineWatchdog.Stuck s) {
        String stack = EngineWatchdog.stackOf(thread);
        jobs.closeNow();
        stuck = true;
        LOG.error("The session engine has been stuck in '{}' for {} ms (the watchdog allows {} ms); it takes no"
                + " more actions. The engine thread:{}{}", s.action(), s.runningMs(), watchdog.timeoutMs(),
                System.lineSeparator(), stack);
        jobs.answerWorking("'" + s.action() + "' did not finish within the watchdog time of " + watchdog.timeoutMs()
                + " ms; the engine takes no more actions.");
        boolean kept = rescueDraft();
        jobs.stop();
        report(new EngineFailure(EngineFailure.Kind.STUCK, s.action(), s.runningMs(), null, stack, kept));
    }

    /** Journals the live state from a thread of its own, waiting at most {@link SessionEngine#RESCUE_WAIT_MS}. */
    private boolean rescueDraft() {
        CompletableFuture<Boolean> rescue = CompletableFuture.supplyAsync(performance::rescue, r -> {
            Thread t = new Thread(r, "encore-rescue-draft");
            t.setDaemon(true);
            t.start();
        });
        try {
            boolean kept = rescue.get(SessionEngine.RESCUE_WAIT_MS, TimeUnit.MILLISECONDS);
            LOG.info("Unsaved changes of the stuck engine are journaled as a draft where there were any");
            return kept;
        } catch (TimeoutException e) {
            LOG.error("Could not journal the unsaved changes within {} ms: the store is held by the stuck engine"
                    + " thread. What the last draft holds comes back at the next start.", SessionEngine.RESCUE_WAIT_MS);
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
}
