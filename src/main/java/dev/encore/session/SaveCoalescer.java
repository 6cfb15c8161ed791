package dev.encore.session;

import dev.encore.feedback.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a burst of save presses into at most one more commit: a save pressed while the last
 * commit is younger than the coalescing window waits (status {@code saving}) and then runs once,
 * with the latest live state and the last name given, answering every press with its result.
 * Engine-thread only.
 */
final class SaveCoalescer {
    private final Saver saver;
    private final StatusLight light;
    private final long windowMs;
    private List<Press> pending;
    private long lastCommitAt = Long.MIN_VALUE / 4;

    private record Press(Action.Save save, CompletableFuture<Result> reply) {
    }

    SaveCoalescer(Saver saver, StatusLight light, long windowMs) {
        this.saver = saver;
        this.light = light;
        this.windowMs = windowMs;
    }

    /** A save was pressed: it runs now, or joins the waiting save; the answer completes when it ran. */
    CompletableFuture<Result> press(Action.Save save, long now) {
        CompletableFuture<Result> reply = new CompletableFuture<>();
        boolean runNow = pending == null && now >= lastCommitAt + windowMs;
        if (pending == null) {
            pending = new ArrayList<>();
            if (!runNow) {
                light.hold(Status.SAVING);
            }
        }
        pending.add(new Press(save, reply));
        if (runNow) {
            flush(now);
        }
        return reply;
    }

    /** Runs the waiting save once its window has passed. */
    void tick(long now) {
        if (pending != null && now >= lastCommitAt + windowMs) {
            flush(now);
        }
    }

    /** How long the engine may sleep before {@link #tick} has work, at most {@code otherwise}. */
    long waitMs(long now, long otherwise) {
        return pending == null ? otherwise : Math.min(otherwise, lastCommitAt + windowMs - now);
    }

    /** Runs the waiting saves now (before another action, or at shutdown) as one save. */
    void flush(long now) {
        if (pending == null) {
            return;
        }
        List<Press> presses = pending;
        pending = null;
        String name = null;
        for (Press p : presses) {
            name = p.save().name() != null ? p.save().name() : name;
        }
        String chosen = name;
        long before = saver.commits();
        Result result = light.run("save", () -> saver.save(chosen));
        if (saver.commits() != before) {
            lastCommitAt = now;
        }
        light.release();
        presses.forEach(p -> p.reply().complete(result));
    }
}
