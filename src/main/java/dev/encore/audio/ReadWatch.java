package dev.encore.audio;

import dev.encore.EncoreException;
import dev.encore.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches the reading side of one import: the file it opened and the decoder process it started.
 * A read that gets no data for the read timeout (a network drive that stalled, a disk unplugged, a
 * decoder that hangs) is stopped, and so is everything when the import is cancelled or Encore
 * stops: the open file is closed and the decoder process killed, which ends a read blocked in the
 * system at once, and the import fails with the reason. Thread-safe: the worker reads, the engine
 * cancels, a timer thread shared by every import checks the deadline.
 */
public final class ReadWatch implements AutoCloseable {
    /** Long enough for a sleeping USB disk to spin up; a healthy source answers in milliseconds. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "encore-read-watch");
        thread.setDaemon(true);
        return thread;
    });

    private final String fileName;
    private final Duration timeout;
    private final List<Runnable> stops = new ArrayList<>();
    private final ScheduledFuture<?> deadline;
    private final Map<Thread, Long> reading = new ConcurrentHashMap<>();
    private EncoreException stopped;

    /** Starts watching reads of {@code fileName} (named in the errors) with {@code timeout} per read. */
    ReadWatch(String fileName, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("read timeout must be positive, was " + timeout);
        }
        this.fileName = fileName;
        this.timeout = timeout;
        long period = Math.max(10, Math.min(250, timeout.toMillis() / 4));
        this.deadline = TIMER.scheduleWithFixedDelay(this::checkDeadline, period, period, TimeUnit.MILLISECONDS);
    }

    Duration timeout() {
        return timeout;
    }

    /** Stops every read with {@code message} (BUSY, -12): the import was cancelled or Encore stops. */
    public void cancel(String message) {
        stop(new EncoreException(Reason.BUSY, message));
    }

    /** Registers how to stop a source (close a file, kill a process); run at once when already stopped. */
    void onStop(Runnable stop) {
        synchronized (this) {
            if (stopped == null) {
                stops.add(stop);
                return;
            }
        }
        stop.run();
    }

    /** A blocking read begins on this thread; it must end with {@link #readEnded()} within the timeout. */
    void readBegins() {
        throwIfStopped();
        reading.put(Thread.currentThread(), System.nanoTime());
    }

    void readEnded() {
        reading.remove(Thread.currentThread());
    }

    /** Throws the reason this watch stopped the import, if it did. */
    synchronized void throwIfStopped() {
        if (stopped != null) {
            throw stopped;
        }
    }

    /**
     * What a failed read really means: the reason this watch stopped it if it did (the error a
     * closed channel or a killed process raised says nothing useful), else {@code otherwise}.
     */
    synchronized EncoreException explain(EncoreException otherwise) {
        return stopped != null ? stopped : otherwise;
    }

    private void checkDeadline() {
        long now = System.nanoTime();
        if (reading.values().stream().anyMatch(since -> now - since > timeout.toNanos())) {
            stop(new EncoreException(Reason.UNSUPPORTED_AUDIO, String.format(java.util.Locale.ROOT,
                    "Reading %s stopped: no data came for %.1f s (a network drive that stalled, a disk that was"
                    + " unplugged, a decoder that hangs?). Nothing was imported; check the drive and import it again.",
                    fileName, timeout.toMillis() / 1000.0)));
        }
    }

    private void stop(EncoreException reason) {
        List<Runnable> run;
        synchronized (this) {
            if (stopped != null) {
                return;
            }
            stopped = reason;
            run = List.copyOf(stops);
            stops.clear();
        }
        deadline.cancel(false);
        run.forEach(Runnable::run);
    }

    /** The import is over: the deadline is no longer checked. */
    @Override
    public void close() {
        deadline.cancel(false);
    }
}
