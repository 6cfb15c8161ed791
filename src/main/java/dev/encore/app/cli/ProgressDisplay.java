package dev.encore.app.cli;

import dev.encore.bundle.BundleProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows a long command's progress to the person who started it. On a terminal: once the command has
 * run for a second, one bar redrawn in place at most 10 times a second (step, percent, bytes done of
 * the total, rate, time left), finished with a newline when each step ends. Otherwise (a file, a
 * pipe, a script): one line per step when it ends, with its size, time and rate. Quiet: nothing.
 */
final class ProgressDisplay implements BundleProgress, AutoCloseable {
    enum Mode { BAR, LINES, QUIET }

    /** What a step counts: bytes, or items such as audio files. */
    enum Unit { BYTES, FILES }

    static final long BAR_AFTER_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long NEVER = Long.MIN_VALUE / 2;
    static final int WIDTH = 78;

    private final PrintStream to;
    private final Mode mode;
    private final Unit unit;
    private final LongSupplier nanos;
    private final long started;
    private String step;
    private long stepStarted;
    private long done;
    private long total;
    private long drawnAt = NEVER;
    private boolean drawn;

    ProgressDisplay(PrintStream to, Mode mode, Unit unit, LongSupplier nanos) {
        this.to = to;
        this.mode = mode;
        this.unit = unit;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
    }

    /** The display for a command: a bar on an interactive terminal, lines on {@code lines} otherwise, nothing with --quiet. */
    static ProgressDisplay of(Terminal terminal, ProgressOptions options, Unit unit, PrintStream lines) {
        Mode mode = options.quiet() ? Mode.QUIET : terminal.interactive() ? Mode.BAR : Mode.LINES;
        return new ProgressDisplay(mode == Mode.BAR ? terminal.out() : lines, mode, unit, System::nanoTime);
    }

    @Override
    public synchronized void advanced(String now, long doneSoFar, long ofTotal) {
        long t = nanos.getAsLong();
        if (!now.equals(step)) {
            endStep(t);
            step = now;
            stepStarted = t;
        }
        done = doneSoFar;
        total = ofTotal;
        if (mode == Mode.BAR && t - started >= BAR_AFTER_NANOS && t - drawnAt >= REDRAW_NANOS) {
            to.print("\r" + bar(step, done, total, (t - stepStarted) / 1e9, unit));
            to.flush();
            drawnAt = t;
            drawn = true;
        }
    }

    /** Ends the last step. */
    @Override
    public synchronized void close() {
        endStep(nanos.getAsLong());
        step = null;
    }

    private void endStep(long t) {
        if (step == null) {
            return;
        }
        double seconds = (t - stepStarted) / 1e9;
        if (mode == Mode.BAR && drawn) {
            to.println("\r" + bar(step, total, total, seconds, unit));
        } else if (mode == Mode.LINES) {
            to.println(line(step, total, seconds, unit));
        }
        drawn = false;
        drawnAt = NEVER;
    }

    /** One bar, {@value #WIDTH} characters: "storing audio [#####-----]  50%  350.0 MiB of 700.0 MiB  120.0 MiB/s  3 s left". */
    static String bar(String step, long done, long total, double seconds, Unit unit) {
        double fraction = total <= 0 ? 1 : Math.min(1, done / (double) total);
        double rate = seconds > 0 ? done / seconds : 0;
        String left = fraction >= 1 ? "done" : rate <= 0 ? "--" : duration((total - done) / rate) + " left";
        String tail = String.format(Locale.ROOT, " %3d%%  %s of %s  %s/s  %s", (int) Math.floor(fraction * 100), amount(done, unit),
                amount(total, unit), amount(Math.round(rate), unit), left);
        int cells = Math.max(10, WIDTH - step.length() - 3 - tail.length());
        int filled = (int) Math.floor(fraction * cells);
        String s = step + " [" + "#".repeat(filled) + "-".repeat(cells - filled) + "]" + tail;
        return s.length() >= WIDTH ? s : s + " ".repeat(WIDTH - s.length());
    }

    /** One finished step: "checking the bundle: 700.0 MiB in 1.4 s (500.0 MiB/s)". */
    static String line(String step, long total, double seconds, Unit unit) {
        String rate = seconds > 0 ? " (" + amount(Math.round(total / seconds), unit) + "/s)" : "";
        return String.format(Locale.ROOT, "%s: %s in %.1f s%s", step, amount(total, unit), seconds, rate);
    }

    private static String amount(long n, Unit unit) {
        return unit == Unit.BYTES ? Sizes.human(n) : n + (n == 1 ? " file" : " files");
    }

    private static String duration(double seconds) {
        long s = (long) Math.ceil(seconds);
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}
