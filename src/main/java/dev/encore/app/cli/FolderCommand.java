package dev.encore.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command on one data folder ({@code --data DIR}) that prints to the terminal: list, history, send, check, gc, export, import. */
abstract class FolderCommand implements Callable<Integer> {
    final Terminal terminal;

    @Mixin
    DataFolder data;

    FolderCommand(Terminal terminal) {
        this.terminal = terminal;
    }
}
