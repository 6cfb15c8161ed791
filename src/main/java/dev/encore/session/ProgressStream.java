package dev.encore.session;

import dev.encore.EncoreException;
import dev.encore.Reason;
import dev.encore.feedback.FeedbackBus;
import dev.encore.feedback.FeedbackEvent;
import java.util.function.LongSupplier;

/**
 * The progress pushes of one task on one item (an import or stem extraction of one track, a
 * check, an open): they only ever rise, come at most {@value #MAX_PER_SECOND} a second, and end
 * with exactly one 1.0, sent by {@link #finish()} before the task's reply. Audio workers report
 * into it and the engine thread finishes it, so it is thread-safe.
 */
final class ProgressStream {
    static final int MAX_PER_SECOND = 10;
    private static final long MIN_GAP_NANOS = 1_000_000_000L / MAX_PER_SECOND;

    private final FeedbackBus bus;
    private final String task;
    private final String item;
    private final LongSupplier nanos;
    private double last = -1;
    private long lastAt;
    private boolean finished;
    private volatile boolean cancelled;

    ProgressStream(FeedbackBus bus, String task, String item, LongSupplier nanos) {
        this.bus = bus;
        this.task = task;
        this.item = item == null ? "" : item;
        this.nanos = nanos;
    }

    /** Starts the stream with 0. */
    static ProgressStream start(FeedbackBus bus, String task, String item) {
        ProgressStream stream = new ProgressStream(bus, task, item, System::nanoTime);
        stream.report(0);
        return stream;
    }

    /**
     * A fraction below 1 reached; pushed unless it does not rise or comes too soon after the last
     * push. Once the task is cancelled this throws, which ends the work reporting into it.
     */
    synchronized void report(double fraction) {
        if (cancelled) {
            throw new EncoreException(Reason.BUSY, "The " + task + " of '" + item + "' was cancelled; nothing was kept.");
        }
        long now = nanos.getAsLong();
        if (finished || !(fraction > last) || fraction >= 1 || (last >= 0 && now - lastAt < MIN_GAP_NANOS)) {
            return;
        }
        last = fraction;
        lastAt = now;
        bus.publish(new FeedbackEvent.Progress(task, item, fraction));
    }

    /** Makes the work reporting into this stream stop at its next report. */
    void cancel() {
        cancelled = true;
    }

    String item() {
        return item;
    }

    /** The one 1.0 of this task, whether it succeeded or failed; later calls do nothing. */
    synchronized void finish() {
        if (!finished) {
            finished = true;
            bus.publish(new FeedbackEvent.Progress(task, item, 1));
        }
    }
}
