package dev.encore.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A press timer whose time moves only when a test says so. */
public final class ManualPressTimer implements PressTimer {
    private record Task(long dueMs, long order, Runnable task, boolean[] cancelled) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private long nowMs;
    private long order;

    @Override
    public synchronized Cancel after(long delayMs, Runnable task) {
        boolean[] cancelled = new boolean[1];
        tasks.add(new Task(nowMs + delayMs, order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves time forward, running every task that falls due on the way, in order. */
    public void advance(long ms) {
        long target = nowMs + ms;
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.dueMs() <= target)
                        .min(Comparator.comparingLong(Task::dueMs).thenComparingLong(Task::order)).orElse(null);
                if (next == null) {
                    nowMs = target;
                    return;
                }
                tasks.remove(next);
                nowMs = next.dueMs();
            }
            if (!next.cancelled()[0]) {
                next.task().run();
            }
        }
    }
}
