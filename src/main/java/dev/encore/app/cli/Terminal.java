package dev.encore.app.cli;

import java.io.PrintStream;

/** Where a command prints: results to {@code out}, what went wrong to {@code err}. */
public record Terminal(PrintStream out, PrintStream err) {
}
