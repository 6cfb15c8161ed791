package dev.encore.app.cli;

import picocli.CommandLine.Option;

/** The {@code --quiet} option of the commands that can take a while: export, import, check and gc. */
public final class ProgressOptions {
    @Option(names = {"-q", "--quiet"}, description = "no progress bar and no progress lines; only the result")
    private boolean quiet;

    boolean quiet() {
        return quiet;
    }
}
