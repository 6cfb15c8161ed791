package dev.encore.session;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Notices an engine thread that has not finished one piece of work within the watchdog time. The
 * engine thread marks the start and the end of each piece ({@link #begin}, {@link #end}: two
 * volatile writes); a timer thread looks a few times per timeout and reports the first piece that
 * ran too long, once. Time comes from an injected nanosecond clock, so tests move it by hand.
 */
final class EngineWatchdog implements AutoCloseable {
    /** How often the timer looks, at most: a stuck engine is reported within the timeout plus this. */
    static final long MAX_CHECK_PERIOD_MS = 250;

    /** One piece of work that ran too long: what it was and for how long, in milliseconds. */
    record Stuck(String action, long runningMs) {
    }

    private final long timeoutNanos;
    private final LongSupplier nanos;
    private final Consumer<Stuck> onStuck;
    private final AtomicBoolean fired = new AtomicBoolean();
    private volatile String doing;
    private volatile long since;
    private ScheduledExecutorService timer;

    /**
     * @param timeoutMs how long one piece of work may run; 0 turns the watchdog off
     * @param nanos the clock, in nanoseconds ({@code System::nanoTime} outside tests)
     * @param onStuck told once, on the timer thread, when a piece of work has run too long
     */
    EngineWatchdog(long timeoutMs, LongSupplier nanos, Consumer<Stuck> onStuck) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        this.nanos = nanos;
        this.onStuck = onStuck;
    }

    long timeoutMs() {
        return TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
    }

    /** The engine thread starts {@code what}. */
    void begin(String what) {
        since = nanos.getAsLong();
        doing = what;
    }

    /** The engine thread finished what it began. */
    void end() {
        doing = null;
    }

    /** What the engine thread is doing now, or {@code idle}. */
    String doing() {
        String what = doing;
        return what == null ? "idle" : what;
    }

    /** How long the current piece of work has run, in milliseconds; 0 when idle. */
    long runningMs() {
        return doing == null ? 0 : TimeUnit.NANOSECONDS.toMillis(nanos.getAsLong() - since);
    }

    /** Looks once: reports and returns true when the current piece of work has run for the timeout (only the first time). */
    boolean check() {
        String what = doing;
        long started = since;
        if (timeoutNanos == 0 || what == null || fired.get()) {
            return false;
        }
        long ran = nanos.getAsLong() - started;
        if (ran < timeoutNanos || !fired.compareAndSet(false, true)) {
            return false;
        }
        onStuck.accept(new Stuck(what, TimeUnit.NANOSECONDS.toMillis(ran)));
        return true;
    }

    /** True once a stuck engine was reported. */
    boolean fired() {
        return fired.get();
    }

    /** Starts the timer thread (none when the watchdog is off). */
    void start() {
        if (timeoutNanos == 0) {
            return;
        }
        long period = Math.max(10, Math.min(MAX_CHECK_PERIOD_MS, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 10));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "encore-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdown();
        }
    }

    /** The thread's state, the lock it waits for and who holds it, and every frame of its stack. */
    static String stackOf(Thread thread) {
        StackTraceElement[] frames = thread.getStackTrace();
        StringBuilder text = new StringBuilder("\"").append(thread.getName()).append("\" ").append(thread.getState());
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId(), 0);
        if (info != null && info.getLockName() != null) {
            text.append(" waiting for ").append(info.getLockName());
            if (info.getLockOwnerName() != null) {
                text.append(" held by \"").append(info.getLockOwnerName()).append('"');
            }
        }
        text.append(System.lineSeparator());
        for (StackTraceElement frame : frames) {
            text.append("\tat ").append(frame).append(System.lineSeparator());
        }
        return text.toString();
    }

    /** The stack of an error and its causes, as printed by {@link Throwable#printStackTrace()}. */
    static String stackOf(Throwable error) {
        java.io.StringWriter text = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
