package dev.encore.app.cli;

import java.io.PrintStream;

/**
 * Where a command prints: results to {@code out}, what went wrong to {@code err}. {@code interactive}
 * says that {@code out} is a person's terminal, where a progress bar can be redrawn in place.
 */
public record Terminal(PrintStream out, PrintStream err, boolean interactive) {
    public Terminal(PrintStream out, PrintStream err) {
        this(out, err, false);
    }

    /** This process's stdout and stderr; interactive when stdout is a terminal ({@link System#console()}). */
    public static Terminal system() {
        return new Terminal(System.out, System.err, System.console() != null);
    }
}
