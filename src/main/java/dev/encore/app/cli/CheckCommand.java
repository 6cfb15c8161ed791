package dev.encore.app.cli;

import dev.encore.store.CheckReport;
import dev.encore.store.SessionStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code encore check}: the pre-show check, every byte of every asset a session or draft uses. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = EncoreVersion.class,
        description = {"Read every audio asset the sessions and drafts use and check its hash; exit 1 naming what is missing or damaged.",
                "Works while a daemon runs on the folder: it reads what was saved when it started and writes nothing."})
public final class CheckCommand implements Callable<Integer> {
    private static final String STEP = "checking audio";

    private final Terminal terminal;

    @Mixin
    private DataFolder data;

    @Mixin
    private ProgressOptions progress;

    public CheckCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        CheckReport report;
        try (SessionStore store = data.openForReading();
                ProgressDisplay display = ProgressDisplay.of(terminal, progress, ProgressDisplay.Unit.BYTES, terminal.out())) {
            report = store.check((bytes, total) -> display.advanced(STEP, bytes, total));
            if (report.checked() == 0) {
                display.advanced(STEP, 0, 0);
            }
        }
        if (report.ok()) {
            terminal.out().println("All " + report.checked() + " audio asset(s) in " + data.path() + " are present and intact.");
            return ExitCode.OK;
        }
        report.problems().forEach(terminal.err()::println);
        terminal.err().println(report.problems().size() + " of " + report.checked() + " audio asset(s) are missing or damaged;"
                + " re-import the tracks named above, or import them from a bundle exported before the damage.");
        return ExitCode.FAILED;
    }
}
