package dev.encore.control;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay, for long and double presses. Injected so tests step time by hand
 * instead of sleeping; on stage it is a single daemon scheduler thread.
 */
@FunctionalInterface
public interface PressTimer {
    /** Schedules a task; the returned handle cancels it if it has not run yet. */
    Cancel after(long delayMs, Runnable task);

    /** Cancels a scheduled task. */
    @FunctionalInterface
    interface Cancel {
        void cancel();
    }

    /** A timer on a scheduler the caller owns. */
    static PressTimer on(ScheduledExecutorService scheduler) {
        return (delayMs, task) -> {
            ScheduledFuture<?> future = scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }
}
