package dev.encore.session;

import dev.encore.Reason;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The engine thread's queue: actions submitted from any thread, each answered exactly once, and
 * internal work posted by the audio workers and the engine's own callers. Remembers the actions
 * taken off the queue and not answered yet, so that an engine thread that fails answers them too;
 * once the engine has stopped, whatever is still queued is answered BUSY (work runs its refusal).
 */
final class JobQueue {
    /** An action and where its answer goes, or (with a null action) a piece of internal work. */
    record Job(Action action, CompletableFuture<Result> reply, Runnable task) {
    }

    private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
    private final Set<Job> working = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile boolean stopped;

    /** Queues an action; BUSY at once when the engine is closing or stopped. */
    CompletableFuture<Result> submit(Action action) {
        CompletableFuture<Result> reply = new CompletableFuture<>();
        if (closed) {
            reply.complete(new Result.Error(Reason.BUSY, "The engine is stopped; '" + action.verb() + "' did not run."));
            return reply;
        }
        add(new Job(Objects.requireNonNull(action, "action"), reply, null));
        return reply;
    }

    /** Queues internal work; once stopped, {@code refused} runs instead (on the caller's thread). */
    void post(Runnable task, Runnable refused) {
        add(new Job(null, null, () -> (stopped ? refused : task).run()));
    }

    /** Queues the work that ends the engine loop, behind everything queued before; accepts no more actions. */
    void close(Runnable last) {
        if (!closed) {
            closed = true;
            queue.add(new Job(null, null, last));
        }
    }

    boolean closed() {
        return closed;
    }

    /** Accepts no more actions from now on (the engine is failing). */
    void closeNow() {
        closed = true;
    }

    /** The next job, waiting at most {@code waitMs}; an action counts as working until it is answered. */
    Job take(long waitMs) throws InterruptedException {
        Job job = queue.poll(waitMs, TimeUnit.MILLISECONDS);
        if (job != null && job.action() != null) {
            working.add(job);
            job.reply().whenComplete((r, e) -> working.remove(job));
        }
        return job;
    }

    /** True when the next job queued is a switch, which joins the burst before it. */
    boolean switchIsNext() {
        Job next = queue.peek();
        return next != null && next.action() instanceof Action.Switch;
    }

    /** Answers every action taken off the queue and not answered yet with a general error. */
    void answerWorking(String message) {
        for (Job j : working) {
            j.reply().complete(new Result.Error(Reason.GENERAL, message + " " + Reason.GENERAL.fix()));
        }
    }

    /** The engine has stopped: answers what is queued, and everything queued from now on. */
    void stop() {
        stopped = true;
        refuse();
    }

    /** Answers what is still queued once the engine stops, so no caller waits forever. */
    void refuse() {
        for (Job j = queue.poll(); j != null; j = queue.poll()) {
            if (j.reply() != null) {
                j.reply().complete(new Result.Error(Reason.BUSY, "The engine stopped before '" + j.action().verb() + "' ran."));
            } else {
                j.task().run();
            }
        }
    }

    private void add(Job job) {
        queue.add(job);
        if (stopped) {
            refuse();
        }
    }
}
