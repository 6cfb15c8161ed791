package dev.encore.app.cli;

import picocli.CommandLine.Mixin;

/** A command that works through a data folder's audio and shows how far it is: check, gc, export and import. */
abstract class FolderWork extends FolderCommand {
    @Mixin
    ProgressOptions progress;

    FolderWork(Terminal terminal) {
        super(terminal);
    }

    /** The progress of this command's work in {@code unit}, as a bar on a terminal or as lines on stdout. */
    ProgressDisplay display(ProgressDisplay.Unit unit) {
        return ProgressDisplay.of(terminal, progress, unit, terminal.out());
    }
}
